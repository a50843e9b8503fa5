/**
 * The task queue of a workspace in one call: ready beads first by value score, every other bead
 * with its state and the reason it waits.
 */
import type { BeadSnapshot, TaskQueue } from "../domain/mod.ts";
import { TaskGraph, type TaskGraphOptions } from "./task_graph.ts";

/**
 * Builds a workspace's task queue (design.md 0007 and "Task value score"). Ready means: status
 * `open`, a type that is work, unassigned, not pinned or ephemeral, no `defer_until` ahead, every
 * `blocks`/`conditional-blocks`/`waits-for` target closed (a missing one blocks, a tombstone
 * does not), no live parent blocked through the graph, and in no dependency cycle.
 *
 * @param snapshot the workspace's beads (from `readBeads`)
 * @param options the time, the scoring weights and whether to list finished beads
 * @returns the queue; for changes over time, keep a `TaskGraph` instead and `apply` them
 * @example
 * ```ts
 * const queue = buildTaskQueue(snapshot, { now: Date.now(), scoring: SCORING_DEFAULTS });
 * queue.beads.filter((q) => q.state === "ready").map((q) => q.bead.id);
 * ```
 */
export function buildTaskQueue(
  snapshot: Pick<BeadSnapshot, "workspace" | "beads">,
  options: TaskGraphOptions,
): TaskQueue {
  return new TaskGraph(snapshot.workspace, snapshot.beads, options).queue;
}
