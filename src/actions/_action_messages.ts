/**
 * What performing an action came to, in one sentence for the user: the dashboard's toast, the
 * chat's answer, the HTTP API's `message`. Outcomes name the workers; errors keep FORGE's own
 * message and its hint.
 */
import type { ActionResult } from "../domain/mod.ts";
import { errorMessage, ForgeError, formatUsd, redact } from "../domain/mod.ts";
import type { AckOutcome } from "./ack_alerts.ts";
import type { AssignOutcome } from "./assign_bead.ts";
import type { ControlOutcome } from "./control_workers.ts";
import type { LimitChange, LimitsOutcome } from "./set_limits.ts";
import type { SpawnOutcome } from "./start_worker.ts";

/** Worker ids listed in a "known: …" hint at most. */
const KNOWN_SHOWN = 8;

const PAST = { kill: "killed", pause: "paused", resume: "resumed" } as const;

/**
 * A result, its message made safe to show.
 *
 * @param ok whether the action did what was asked
 * @param message one sentence
 * @returns the result
 */
export function result(ok: boolean, message: string): ActionResult {
  return { ok, message: redact(message) };
}

/**
 * An error as a sentence: FORGE's message, and its hint in parentheses.
 *
 * @param error what an action threw
 * @returns the sentence
 */
export function failureMessage(error: unknown): string {
  const hint = error instanceof ForgeError && error.hint !== undefined ? ` (${error.hint})` : "";
  return `${errorMessage(error)}${hint}`;
}

/**
 * "spawned a, b", or which failed and why.
 *
 * @param outcomes one per worker
 * @returns the result
 */
export function spawnResult(outcomes: readonly SpawnOutcome[]): ActionResult {
  const started = outcomes.flatMap((o) => o.kind === "spawned" ? [o.result.workerId] : []);
  const failed = outcomes.flatMap((o) => o.kind === "failed" ? [o] : []);
  const parts = started.length === 0 ? [] : [`spawned ${started.join(", ")}`];
  const [first] = failed;
  if (first !== undefined) {
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more failed the same way)` : "";
    parts.push(`could not start ${first.workerId}: ${failureMessage(first.error)}${more}`);
  }
  return result(failed.length === 0, parts.join("; ") || "spawned no worker");
}

/**
 * "killed a, b (bead bd-1 released)", "sim-alpha already paused", or what failed.
 *
 * @param verb what was asked
 * @param outcomes one per worker
 * @returns the result
 */
export function controlResult(
  verb: "kill" | "pause" | "resume",
  outcomes: readonly ControlOutcome[],
): ActionResult {
  if (outcomes.length === 0) {
    return result(
      true,
      verb === "resume" ? "no paused workers to resume" : `no running workers to ${verb}`,
    );
  }
  const past = PAST[verb];
  const done: string[] = [];
  const other: string[] = [];
  for (const o of outcomes) {
    if (o.result === "failed") other.push(`${verb} ${o.workerId} failed: ${o.message}`);
    else if (o.result === "skipped") other.push(`${o.workerId} ${o.message}`);
    else if (o.message === past) done.push(o.workerId);
    else if (o.message.startsWith(`${past}; `)) {
      done.push(`${o.workerId} (${o.message.slice(past.length + 2)})`);
    } else other.push(`${o.workerId} ${o.message}`);
  }
  const parts = done.length === 0 ? other : [`${past} ${done.join(", ")}`, ...other];
  return result(outcomes.every((o) => o.result !== "failed"), parts.join("; "));
}

/**
 * "kill sim-x: no such worker (known: …)".
 *
 * @param verb what was asked
 * @param target the id asked for
 * @param known the ids with a status file
 * @returns the result
 */
export function unknownWorker(
  verb: string,
  target: string,
  known: readonly string[],
): ActionResult {
  const sorted = [...known].sort();
  const list = sorted.length === 0
    ? "there are no workers yet"
    : `known: ${sorted.slice(0, KNOWN_SHOWN).join(", ")}${
      sorted.length > KNOWN_SHOWN ? `, … ${sorted.length - KNOWN_SHOWN} more` : ""
    }`;
  return result(false, `${verb} ${target}: no such worker (${list})`);
}

/**
 * "assigned bd-1 to sim-alpha (model sim, pay-per-token, tier budget)"; when a running worker
 * was named, "… to new worker sim-charlie (model sim, like sim-alpha, …)".
 *
 * @param o what assignBead() started
 * @param like the running worker whose model was asked for, if one was named
 * @returns the result
 */
export function assignResult(o: AssignOutcome, like?: string): ActionResult {
  const plan = o.plan === undefined ? "pay-per-token" : `plan ${o.plan}`;
  const warnings = [...o.launch.warnings, ...o.warnings];
  const warned = warnings.length === 0 ? "" : `; warning: ${warnings.join("; ")}`;
  const to = like === undefined ? o.workerId : `new worker ${o.workerId}`;
  const model = like === undefined ? `model ${o.model}` : `model ${o.model}, like ${like}`;
  return result(
    true,
    `assigned ${o.beadId} to ${to} (${model}, ${plan}, tier ${o.tier})${warned}`,
  );
}

/**
 * "acknowledged alert 3", "acknowledged 4 alerts (1, 2, 5, 7)", "alert 3 was already acknowledged".
 *
 * @param o what ackAlerts() did
 * @returns the result
 */
export function ackResult(o: AckOutcome): ActionResult {
  const n = o.acknowledged.length;
  const parts: string[] = [];
  if (n === 1) parts.push(`acknowledged alert ${o.acknowledged[0]}`);
  else if (n > 1) parts.push(`acknowledged ${n} alerts (${o.acknowledged.join(", ")})`);
  if (o.already.length === 1) parts.push(`alert ${o.already[0]} was already acknowledged`);
  else if (o.already.length > 1) {
    parts.push(`alerts ${o.already.join(", ")} were already acknowledged`);
  }
  return result(true, parts.join("; ") || "no open alerts to acknowledge");
}

/**
 * "Set max_workers to 5 (was 10); a running orchestrator uses it after a restart." The engine
 * reads its limits once, when it starts, so the message says so rather than promise more.
 *
 * @param o what setLimits() changed
 * @returns the result
 */
export function limitsResult(o: LimitsOutcome): ActionResult {
  const parts = o.changes.map(describeChange);
  const them = o.changes.length === 1 ? "it" : "them";
  return result(
    true,
    `Set ${parts.join(" and ")}; a running orchestrator uses ${them} after a restart.`,
  );
}

function describeChange(c: LimitChange): string {
  const show = (v: number) => c.key === "budget.monthly_usd" ? formatUsd(v) : String(v);
  const was = c.from === c.to
    ? "unchanged"
    : `was ${c.from === undefined ? "unset" : show(c.from)}`;
  const key = c.workspace === undefined ? c.key : `max_workers of workspace ${c.workspace}`;
  return `${key} to ${show(c.to)} (${was})`;
}
