/**
 * What the engine does when it observes its workers. A worker whose process is gone (or that
 * reported failure, or is stuck, and is killed) enters the `ending` phase: the engine asks the bead
 * store whether its bead got closed before deciding between success and failure, because a worker
 * killed from outside may still write `stopped` on its way out and the queue may be older than the
 * close. Live workers on beads the engine does not track are adopted; dead ones of a previous run
 * give their bead back.
 */
import type { WorkerView } from "../domain/mod.ts";
import type { Effect, EngineState, FinishOutcome, TrackedWorker } from "./engine_types.ts";
import { STATUS_FILE_GRACE_MS } from "./engine_types.ts";

/** Key of a bead across workspaces. */
export function beadKey(workspace: string, beadId: string): string {
  return `${workspace}\u0000${beadId}`;
}

interface Ending {
  readonly outcome: FinishOutcome;
  readonly detail: string;
  /** The process is still alive and must be killed first. */
  readonly kill: boolean;
}

/** How a worker is ending, if it is. */
function endingOf(
  worker: TrackedWorker,
  view: WorkerView | undefined,
  at: { readonly limited: boolean; readonly now: number },
): Ending | undefined {
  if (view === undefined) {
    if (worker.phase !== "running") return undefined;
    const outcome = at.limited ? "rate_limited" : "crashed";
    if (worker.statusSeen === true) return { outcome, detail: "status file vanished", kill: false };
    if (at.now - worker.startedAt < STATUS_FILE_GRACE_MS) return undefined;
    const seconds = STATUS_FILE_GRACE_MS / 1000;
    return { outcome, detail: `no status file ${seconds} s after its launch`, kill: true };
  }
  const state = view.status.state;
  const gone = view.liveness !== "alive";
  if (at.limited && (gone || state === "failed")) {
    return { outcome: "rate_limited", detail: "usage limit", kill: !gone };
  }
  if (state === "failed") {
    return { outcome: "failed", detail: "worker reported failure", kill: !gone };
  }
  if (gone) {
    return state === "stopped"
      ? { outcome: "interrupted", detail: "stopped", kill: false }
      : { outcome: "crashed", detail: "process gone", kill: false };
  }
  if (view.health === "stuck") {
    return { outcome: "stuck", detail: view.healthReason ?? "no activity", kill: true };
  }
  return undefined;
}

/**
 * Applies one observation of every worker.
 *
 * @param state the engine state
 * @param observed the views and their time
 * @returns the new state and effects
 */
export function observeWorkers(
  state: EngineState,
  observed: { readonly now: number; readonly views: readonly WorkerView[] },
): { state: EngineState; effects: Effect[] } {
  const byId = new Map(observed.views.map((v) => [v.id as string, v]));
  const workers = new Map(state.workers);
  const retired = new Set(state.retired);
  const effects: Effect[] = [];
  for (const worker of state.workers.values()) {
    if (worker.phase === "ending") continue;
    const view = byId.get(worker.id);
    const limited = state.limited.has(worker.id);
    const ending = endingOf(worker, view, { limited, now: observed.now });
    if (ending === undefined) {
      if (view !== undefined && worker.statusSeen !== true) {
        workers.set(worker.id, { ...worker, statusSeen: true });
      }
      continue;
    }
    workers.set(worker.id, {
      ...worker,
      phase: "ending",
      ending: { outcome: ending.outcome, detail: ending.detail },
    });
    if (ending.kill) effects.push({ kind: "kill", workerId: worker.id, reason: ending.detail });
    effects.push({
      kind: "check-bead",
      workerId: worker.id,
      workspace: worker.workspace,
      beadId: worker.beadId,
    });
  }
  effects.push(...adopt(state, { byId, workers, retired, now: observed.now }));
  return {
    state: { ...state, now: observed.now, workers, retired, workersSeen: true },
    effects,
  };
}

/**
 * In-progress beads assigned to a FORGE worker the engine does not track, started before this
 * engine: a live worker is tracked again (not onto a bead a tracked worker already has); a dead
 * one gives its bead back, once. Workers this engine ended are left alone: the queue may still
 * show their claim until their release lands.
 */
function adopt(
  state: EngineState,
  ctx: {
    byId: ReadonlyMap<string, WorkerView>;
    workers: Map<string, TrackedWorker>;
    retired: Set<string>;
    now: number;
  },
): Effect[] {
  const effects: Effect[] = [];
  const busy = new Set([...ctx.workers.values()].map((w) => beadKey(w.workspace, w.beadId)));
  for (const queue of state.queues.values()) {
    for (const q of queue.beads) {
      const assignee = q.bead.assignee;
      if (
        q.state !== "in_progress" || assignee === undefined || ctx.workers.has(assignee) ||
        ctx.retired.has(assignee) || busy.has(beadKey(queue.workspace, q.bead.id))
      ) continue;
      const view = ctx.byId.get(assignee);
      if (view === undefined) continue; // not a FORGE worker (a person, another tool)
      if (view.liveness !== "alive") {
        ctx.retired.add(assignee);
        effects.push({
          kind: "release",
          workspace: queue.workspace,
          beadId: q.bead.id,
          workerId: assignee,
          reason: `${assignee} is gone (${view.status.state}) and left ${q.bead.id} in progress`,
        }, {
          kind: "alert",
          severity: "info",
          alert: "orphan_released",
          subject: q.bead.id,
          message: `${q.bead.id} was held by ${assignee}, which is gone; FORGE put it back`,
          dedupeKey: `orphan:${beadKey(queue.workspace, q.bead.id)}:${assignee}`,
        });
        continue;
      }
      busy.add(beadKey(queue.workspace, q.bead.id));
      ctx.workers.set(assignee, {
        id: assignee,
        workspace: queue.workspace,
        beadId: q.bead.id,
        workerType: "adopted",
        model: view.status.model ?? "unknown",
        plan: undefined,
        tier: "standard",
        startedAt: view.status.startedAt ?? ctx.now,
        phase: "running",
        statusSeen: true,
      });
    }
  }
  return effects;
}
