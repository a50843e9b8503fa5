/**
 * How many live beads wait on a bead, directly or through others: its dependents through blocking
 * edges and, below the first step, the children of every bead that waits (a blocked parent
 * blocks its children; an open one does not).
 */
import type { BeadIndex } from "./_bead_index.ts";
import { isGraphType, isLive } from "./_graph_edges.ts";

/**
 * Counts the live beads that `id` transitively holds back, up to a limit: a long chain or a large
 * cycle would otherwise cost the square of its length, and the score needs only a few.
 *
 * @param index the beads
 * @param id the bead
 * @param limit stop counting here
 * @returns 0 for a finished or unknown bead
 */
export function countUnblocked(index: BeadIndex, id: string, limit: number): number {
  if (!isLive(index.get(id))) return 0;
  const seen = new Set([id]);
  const queue = [id];
  const visit = (next: string): void => {
    if (seen.has(next) || !isLive(index.get(next))) return;
    seen.add(next);
    queue.push(next);
  };
  for (let i = 0; i < queue.length && seen.size <= limit; i++) {
    const current = queue[i] as string;
    for (const dependent of index.dependentsOf(current)) visit(dependent);
    if (i > 0) { for (const child of index.childrenOf(current)) visit(child); }
  }
  return Math.min(limit, seen.size - 1);
}

/**
 * The live beads whose unblock count can change when `roots` change: everything a root waits on,
 * through live beads, the roots included. A superset, never a miss (the roots must include the
 * changed beads and every target their old and new edges named).
 *
 * @param index the beads after the change
 * @param roots changed beads and the targets of their old and new edges
 * @returns ids of live beads to count again
 */
export function upstreamOf(index: BeadIndex, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const root of roots) {
    if (seen.has(root)) continue;
    seen.add(root);
    queue.push(root);
  }
  for (let i = 0; i < queue.length; i++) {
    const bead = index.get(queue[i] as string);
    if (bead === undefined) continue;
    for (const edge of bead.dependencies) {
      if (!isGraphType(edge.type) || seen.has(edge.target)) continue;
      if (!isLive(index.get(edge.target))) continue;
      seen.add(edge.target);
      queue.push(edge.target);
    }
  }
  for (const id of seen) if (!isLive(index.get(id))) seen.delete(id);
  return seen;
}
