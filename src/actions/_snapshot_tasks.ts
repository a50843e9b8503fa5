/**
 * The task list of the fleet snapshot: every workspace's queue in one list, in progress first,
 * then ready by score, then blocked and deferred (closed beads and non-work left out), with the
 * counts. Each queue is already in that order by state and score, so flattening is one pass
 * plus a sort of the ready beads by score; the result is kept while the queues are the same
 * objects, so an unchanged engine state costs nothing.
 */
import type { QueueCounts, QueuedBead, QueueState, TaskQueue } from "../domain/mod.ts";

/** The flattened tasks and their counts. */
export interface FlatTasks {
  readonly tasks: readonly QueuedBead[];
  readonly counts: QueueCounts;
}

/** No tasks at all. */
export const NO_TASKS: FlatTasks = {
  tasks: [],
  counts: { ready: 0, inProgress: 0, blocked: 0, deferred: 0 },
};

const LISTED: readonly QueueState[] = ["in_progress", "ready", "blocked", "deferred"];

/** Flattens queues, remembering the last result. */
export class TaskFlattener {
  #queues: readonly TaskQueue[] = [];
  #result: FlatTasks = NO_TASKS;

  /**
   * The tasks of these queues.
   *
   * @param queues one per workspace, in workspace priority order (it breaks ties of score)
   * @returns the list and its counts
   */
  flatten(queues: readonly TaskQueue[]): FlatTasks {
    const same = queues.length === this.#queues.length &&
      queues.every((q, i) => q === this.#queues[i]);
    if (!same) {
      this.#queues = [...queues];
      this.#result = flattenQueues(queues);
    }
    return this.#result;
  }
}

/**
 * Flattens queues.
 *
 * @param queues one per workspace, in workspace priority order
 * @returns the list and its counts
 */
export function flattenQueues(queues: readonly TaskQueue[]): FlatTasks {
  const byState = new Map<QueueState, QueuedBead[]>(LISTED.map((s) => [s, []]));
  for (const queue of queues) {
    for (const q of queue.beads) byState.get(q.state)?.push(q);
  }
  const ready = byState.get("ready") ?? [];
  // Stable: equal scores keep workspace priority, then each queue's own order.
  if (queues.length > 1) ready.sort((a, b) => b.score.total - a.score.total);
  const inProgress = byState.get("in_progress") ?? [];
  const blocked = byState.get("blocked") ?? [];
  const deferred = byState.get("deferred") ?? [];
  return {
    tasks: [...inProgress, ...ready, ...blocked, ...deferred],
    counts: {
      ready: ready.length,
      inProgress: inProgress.length,
      blocked: blocked.length,
      deferred: deferred.length,
    },
  };
}

/**
 * Workspaces in the order their priority sets (lower first), keeping the given order on ties.
 *
 * @param workspaces absolute paths
 * @param priority a workspace's priority, when it has one
 * @returns a new array
 */
export function byWorkspacePriority(
  workspaces: readonly string[],
  priority: (workspace: string) => number | undefined,
): string[] {
  return workspaces
    .map((w, i) => ({ w, i, p: priority(w) ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map((x) => x.w);
}
