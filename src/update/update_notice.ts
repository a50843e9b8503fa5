/**
 * When FORGE may look for a new release in the background, and the one line it then prints. At
 * most once a day, only for a person at a terminal, never in CI, for `--json` or completion runs,
 * or when turned off (`FORGE_NO_UPDATE_CHECK=1`, config `update.check: false`); never while a
 * rate limit runs. Pure: the caller passes the facts.
 */
import type { UpdateState } from "./update_state.ts";

/** A day, the longest a notice can be stale and the shortest time between checks. */
export const CHECK_INTERVAL_MS = 24 * 3_600_000;

/** Variables CI systems set. */
const CI_VARIABLES = ["CI", "BUILD_NUMBER", "RUN_ID", "GITHUB_ACTIONS", "TF_BUILD"];

/** The facts a decision needs. */
export interface NoticeFacts {
  readonly env: (name: string) => string | undefined;
  readonly stderrIsTty: boolean;
  readonly configCheck: boolean;
  /** The run prints JSON or completions, or is the updater itself. */
  readonly quietCommand: boolean;
  readonly state: UpdateState;
  readonly now: number;
}

/**
 * Whether notices are wanted at all for this run.
 *
 * @param facts environment, terminal, configuration and command
 * @returns true when a notice may be shown (and a check run)
 */
export function noticesWanted(facts: Omit<NoticeFacts, "state" | "now">): boolean {
  if (!facts.stderrIsTty || !facts.configCheck || facts.quietCommand) return false;
  const off = facts.env("FORGE_NO_UPDATE_CHECK");
  if (off !== undefined && off !== "" && off !== "0") return false;
  // A forge called by a worker (from its launcher or its agent) is not a person at a terminal.
  if ((facts.env("FORGE_WORKER_ID") ?? "") !== "") return false;
  return !CI_VARIABLES.some((name) => (facts.env(name) ?? "") !== "");
}

/**
 * Whether a background check is due now.
 *
 * @param facts as for noticesWanted(), plus the state and the clock
 * @returns true when the last check is a day old (or never happened) and no rate limit runs
 */
export function checkDue(facts: NoticeFacts): boolean {
  if (!noticesWanted(facts)) return false;
  if ((facts.state.rateLimitedUntil ?? 0) > facts.now) return false;
  const last = facts.state.lastCheckAt;
  return last === undefined || facts.now - last >= CHECK_INTERVAL_MS;
}

/**
 * The notice the last check left, if it still applies: made for this version, and not for a
 * version a rollback asked to skip.
 *
 * @param state the updater's memory
 * @param current this FORGE's version
 * @returns the line (without newline), or undefined
 */
export function noticeLine(state: UpdateState, current: string): string | undefined {
  const notice = state.notice;
  if (notice === undefined || notice.for !== current) return undefined;
  if (state.skipped.includes(notice.version)) return undefined;
  return notice.line;
}
