/**
 * Which dependency edges hold a bead back, and which statuses count as finished (spec/beads.md
 * §1.6 and §3): the vocabulary the task graph is built on.
 */
import type { Bead } from "../domain/mod.ts";

/** Edge types that hold the owner back until the target is finished. */
const BLOCKING = new Set(["blocks", "conditional-blocks", "waits-for"]);

/** The edge from a child to its parent. */
export const PARENT_CHILD = "parent-child";

/**
 * Tells whether a dependency type blocks readiness (`related`, `discovered-from` … never do).
 *
 * @param type a normalised dependency type
 * @returns true for `blocks`, `conditional-blocks` and `waits-for`
 */
export function isBlockingType(type: string): boolean {
  return BLOCKING.has(type);
}

/**
 * Tells whether an edge takes part in the graph at all (blocking, or parent-child).
 *
 * @param type a normalised dependency type
 * @returns true when the edge can hold its owner back
 */
export function isGraphType(type: string): boolean {
  return type === PARENT_CHILD || BLOCKING.has(type);
}

/**
 * Tells whether a status ends a bead's life: `closed`, and br's `tombstone`.
 *
 * @param status a lowercase status
 * @returns true when the bead no longer blocks anything
 */
export function isFinished(status: string): boolean {
  return status === "closed" || status === "tombstone";
}

/**
 * A bead that still takes part in the queue: it exists and is not finished.
 *
 * @param bead a bead, or undefined for an id that names none
 * @returns true when the bead is live
 */
export function isLive(bead: Bead | undefined): bead is Bead {
  return bead !== undefined && !isFinished(bead.status);
}
