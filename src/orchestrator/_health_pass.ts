/**
 * What the engine does when it observes its workers: a finished worker ends its assignment; a
 * dead, failed or stuck one gives its bead back and counts a failure (backoff, breaker), unless an
 * agent's usage limit ended it; live workers on beads the engine does not track are adopted.
 */
import type { WorkerView } from "../domain/mod.ts";
import type { Effect, EngineState, FailureRecord, TrackedWorker } from "./engine_types.ts";
import { recordFailure } from "./failures.ts";

/** Key of a bead across workspaces. */
export function beadKey(workspace: string, beadId: string): string {
  return `${workspace}\u0000${beadId}`;
}

type Outcome = Extract<Effect, { kind: "finish" }>["outcome"];

function outcomeOf(
  worker: TrackedWorker,
  view: WorkerView | undefined,
  limited: boolean,
): { outcome: Outcome; detail: string } | undefined {
  if (view === undefined) {
    return worker.phase === "running"
      ? { outcome: "crashed", detail: "status file vanished" }
      : undefined;
  }
  const s = view.status;
  if (s.state === "stopped" && view.liveness !== "alive") {
    return { outcome: "completed", detail: "worker finished" };
  }
  if (s.state === "failed" || (view.liveness === "dead" && s.state !== "stopped")) {
    if (limited) return { outcome: "rate_limited", detail: "usage limit" };
    return s.state === "failed"
      ? { outcome: "failed", detail: "worker reported failure" }
      : { outcome: "crashed", detail: "process gone" };
  }
  if (view.health === "stuck") {
    return { outcome: "stuck", detail: view.healthReason ?? "no activity" };
  }
  return undefined;
}

/**
 * Applies one observation of every worker.
 *
 * @param state the engine state
 * @param observed the views, their time, and a random number for jitter
 * @returns the new state and effects
 */
export function observeWorkers(
  state: EngineState,
  observed: {
    readonly now: number;
    readonly views: readonly WorkerView[];
    readonly random: number;
  },
): { state: EngineState; effects: Effect[] } {
  const byId = new Map(observed.views.map((v) => [v.id as string, v]));
  const workers = new Map(state.workers);
  const beadFailures = new Map(state.beadFailures);
  const effects: Effect[] = [];
  for (const worker of state.workers.values()) {
    const ended = outcomeOf(worker, byId.get(worker.id), state.limited.has(worker.id));
    if (ended === undefined) continue;
    workers.delete(worker.id);
    effects.push({
      kind: "finish",
      workerId: worker.id,
      outcome: ended.outcome,
      detail: ended.detail,
    });
    if (ended.outcome === "completed") continue;
    if (ended.outcome === "stuck") {
      effects.push({ kind: "kill", workerId: worker.id, reason: ended.detail });
    }
    effects.push({
      kind: "release",
      workspace: worker.workspace,
      beadId: worker.beadId,
      workerId: worker.id,
      reason: `${worker.id} ${ended.outcome}: ${ended.detail}`,
    });
    if (ended.outcome === "rate_limited") continue;
    const key = beadKey(worker.workspace, worker.beadId);
    const record: FailureRecord = recordFailure(beadFailures.get(key), {
      now: observed.now,
      random: observed.random,
      policy: state.settings.restart,
    });
    beadFailures.set(key, record);
    effects.push(
      record.open
        ? {
          kind: "alert",
          severity: "critical",
          alert: "bead_failing",
          subject: worker.beadId,
          message: `bead ${worker.beadId} failed ${record.times.length} times in ${
            Math.round(state.settings.restart.windowMs / 60_000)
          } min (last: ${ended.outcome}); FORGE stopped retrying it — run \`forge assign ${worker.beadId}\` to try again`,
          dedupeKey: `breaker:${key}`,
        }
        : {
          kind: "alert",
          severity: "warning",
          alert: `worker_${ended.outcome}`,
          subject: worker.id,
          message:
            `${worker.id} ${ended.outcome} on ${worker.beadId} (${ended.detail}); bead released, retry in ${
              Math.round((record.nextAttemptAt - observed.now) / 1000)
            } s`,
          dedupeKey: `${ended.outcome}:${worker.id}`,
        },
    );
  }
  adopt(state, { byId, workers, now: observed.now });
  const limited = new Set([...state.limited].filter((id) => workers.has(id)));
  return { state: { ...state, now: observed.now, workers, beadFailures, limited }, effects };
}

/** Live workers on in-progress beads assigned to them, started before this engine, are tracked again. */
function adopt(
  state: EngineState,
  ctx: { byId: ReadonlyMap<string, WorkerView>; workers: Map<string, TrackedWorker>; now: number },
): void {
  for (const queue of state.queues.values()) {
    for (const q of queue.beads) {
      const assignee = q.bead.assignee;
      if (q.state !== "in_progress" || assignee === undefined || ctx.workers.has(assignee)) {
        continue;
      }
      const view = ctx.byId.get(assignee);
      if (view === undefined || view.liveness !== "alive") continue;
      const model = view.status.model ?? "unknown";
      ctx.workers.set(assignee, {
        id: assignee,
        workspace: queue.workspace,
        beadId: q.bead.id,
        workerType: "adopted",
        model,
        plan: undefined,
        tier: "standard",
        startedAt: view.status.startedAt ?? ctx.now,
        phase: "running",
      });
    }
  }
}
