/**
 * How an update and a rollback begin: make sure this binary may replace itself (before anything
 * is downloaded), take the update lock, and clear what killed updates left in the install
 * directory. Also the outcome builder both use for failures.
 */
import { preflight, type PreflightResult } from "./preflight.ts";
import { cleanStaleFiles } from "./swap_binary.ts";
import { readJournal } from "./update_journal.ts";
import { acquireUpdateLock, type UpdateLock } from "./update_lock.ts";
import type { UpdateFailure, UpdateOutcome, UpdateRuntime } from "./update_runtime.ts";

/** The install to replace, and the held lock. */
export type Started =
  | {
    readonly ok: true;
    readonly install: Extract<PreflightResult, { ok: true }>;
    readonly lock: UpdateLock;
  }
  | { readonly ok: false; readonly outcome: UpdateOutcome };

/**
 * A failed outcome.
 *
 * @param rt the runtime (for the current version)
 * @param failure what kind
 * @param details message, and the version and target involved when known
 * @returns the outcome
 */
export function failedOutcome(
  rt: UpdateRuntime,
  failure: UpdateFailure,
  details: { readonly message: string; readonly to?: string; readonly target?: string },
): UpdateOutcome {
  return {
    ok: false,
    failure,
    from: rt.currentVersion,
    to: details.to,
    target: details.target,
    message: details.message,
    warnings: [],
  };
}

/**
 * Preflight, then the lock, then the leftovers of killed updates.
 *
 * @param rt the runtime
 * @param command which command, for messages and the lock record
 * @returns the install and the lock, or why not
 */
export async function startInstall(
  rt: UpdateRuntime,
  command: "update" | "rollback",
): Promise<Started> {
  const pre = await preflight({
    execPath: rt.execPath,
    standalone: rt.standalone,
    env: rt.env,
    files: rt.files,
    fs: rt.fs,
    platform: rt.platform,
    selfUpdateDisabled: rt.selfUpdateDisabled,
    currentVersion: rt.currentVersion,
  });
  if (!pre.ok) {
    const message = pre.message.replace(/^forge update:/, `forge ${command}:`);
    return { ok: false, outcome: failedOutcome(rt, "refused", { message }) };
  }
  const lock = await acquireUpdateLock({
    stateDir: rt.stateDir,
    files: rt.files,
    fs: rt.fs,
    clock: rt.clock,
    pid: rt.pid,
    from: rt.currentVersion,
    command,
  });
  if (!lock.ok) {
    return { ok: false, outcome: failedOutcome(rt, "locked", { message: lock.message }) };
  }
  await removeLeftovers(rt, pre.dir);
  return { ok: true, install: pre, lock: lock.lock };
}

/**
 * An update killed before it journaled leaves its staged download in the install directory, and
 * nothing else would ever remove it. Only files an hour old go (another FORGE home may be
 * updating the same install right now), never those of a journal still to be repaired.
 */
async function removeLeftovers(rt: UpdateRuntime, dir: string): Promise<void> {
  const journal = await readJournal(rt.fs, rt.stateDir).catch(() => "invalid" as const);
  if (journal === "invalid") return; // cannot tell which files it needs
  const keep = journal === undefined
    ? []
    : [journal.staged, ...(journal.aside === undefined ? [] : [journal.aside])];
  await cleanStaleFiles({ dir, fs: rt.fs, now: rt.clock.now(), keep }).catch(() => {});
}
