/**
 * The assignment pass: ready beads of every workspace, best score first (then workspace priority,
 * bead priority, age, id), go to the cheapest model that can take them while the global, workspace,
 * worker-type and plan limits allow; a bead that must wait is recorded once per reason.
 */
import type { QueuedBead } from "../domain/mod.ts";
import { allocateWorkerIds } from "../domain/mod.ts";
import type { Effect, EngineState, TrackedWorker } from "./engine_types.ts";
import { beadKey } from "./_health_pass.ts";
import { mayAttempt } from "./failures.ts";
import { routeBead } from "./route_bead.ts";

function candidates(state: EngineState): QueuedBead[] {
  const busy = new Set([...state.workers.values()].map((w) => beadKey(w.workspace, w.beadId)));
  const ready: QueuedBead[] = [];
  for (const queue of state.queues.values()) {
    for (const q of queue.beads) {
      const key = beadKey(q.workspace, q.bead.id);
      if (
        q.state === "ready" && !busy.has(key) && mayAttempt(state.beadFailures.get(key), state.now)
      ) ready.push(q);
    }
  }
  const prio = (ws: string) => state.settings.workspacePriority.get(ws) ?? 100;
  return ready.sort((a, b) =>
    b.score.total - a.score.total || prio(a.workspace) - prio(b.workspace) ||
    a.bead.priority - b.bead.priority ||
    (a.bead.createdAt ?? 0) - (b.bead.createdAt ?? 0) || (a.bead.id < b.bead.id ? -1 : 1)
  );
}

function count<T>(items: Iterable<T>, key: (t: T) => string | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) {
    const k = key(i);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Launches in flight at once, at most. */
export const MAX_LAUNCHING = 8;

/**
 * Assigns as many ready beads as the limits allow.
 *
 * @param state the engine state
 * @returns the new state and the start/route effects
 */
export function assignBeads(state: EngineState): { state: EngineState; effects: Effect[] } {
  if (state.stopping !== "no" || !state.workersSeen) return { state, effects: [] };
  const workers = new Map(state.workers);
  const waiting = new Map(state.waitingReasons);
  const taken = new Set(state.takenIds);
  const effects: Effect[] = [];
  const brokenTypes = new Set(
    [...state.typeFailures].filter(([, r]) => r.open).map(([name]) => name),
  );
  const typeRetryAt = new Map(
    [...state.typeFailures].map(([name, r]) => [name, r.nextAttemptAt]),
  );
  let launching = count(workers.values(), (w) => w.phase).get("launching") ?? 0;
  for (const q of candidates(state)) {
    if (workers.size >= state.settings.maxWorkers) break;
    // Launches run side by side, each claiming under the workspace's claim lock: a few at a time
    // keeps the lock queue short and the machine responsive; the rest start as these return.
    if (launching >= MAX_LAUNCHING) break;
    const key = beadKey(q.workspace, q.bead.id);
    const wsMax = state.settings.workspaceMaxWorkers.get(q.workspace);
    const inWs = [...workers.values()].filter((w) => w.workspace === q.workspace).length;
    const route = wsMax !== undefined && inWs >= wsMax
      ? {
        kind: "wait" as const,
        tier: undefined,
        reason: `workspace runs its maximum of ${wsMax} workers`,
      }
      : routeBead(q, {
        workerTypes: state.settings.workerTypes,
        plans: state.plans,
        parked: state.parked,
        brokenTypes,
        typeRetryAt,
        payPerTokenAllowed: state.settings.payPerTokenAllowed,
        now: state.now,
        runningByType: count(workers.values(), (w) => w.workerType),
        runningByPlan: count(workers.values(), (w) => w.plan),
      });
    if (route.kind === "wait") {
      if (waiting.get(key) !== route.reason) {
        waiting.set(key, route.reason);
        effects.push({
          kind: "route",
          workspace: q.workspace,
          beadId: q.bead.id,
          score: q.score.total,
          tier: route.tier,
          model: undefined,
          plan: undefined,
          outcome: "waiting",
          reason: route.reason,
        });
      }
      continue;
    }
    waiting.delete(key);
    const [id] = allocateWorkerIds(route.model, { count: 1, taken });
    if (id === undefined) continue;
    taken.add(id);
    const worker: TrackedWorker = {
      id,
      workspace: q.workspace,
      beadId: q.bead.id,
      workerType: route.workerType.name,
      model: route.model,
      plan: route.plan?.name,
      tier: route.tier,
      startedAt: state.now,
      phase: "launching",
    };
    workers.set(id, worker);
    launching++;
    effects.push(
      {
        kind: "route",
        workspace: q.workspace,
        beadId: q.bead.id,
        score: q.score.total,
        tier: route.tier,
        model: route.model,
        plan: route.plan?.name,
        outcome: "assigned",
        reason: route.reason,
      },
      {
        kind: "start",
        workerId: id,
        workspace: q.workspace,
        bead: q,
        workerType: route.workerType.name,
        model: route.model,
        plan: route.plan?.name,
        tier: route.tier,
        reason: route.reason,
      },
    );
  }
  return { state: { ...state, workers, waitingReasons: waiting, takenIds: taken }, effects };
}
