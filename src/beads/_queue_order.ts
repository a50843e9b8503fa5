/**
 * The order of a task queue: ready beads first, then in progress, blocked, deferred, not work
 * and closed; within each, score (high first), priority, age (oldest first) and id. Ids are
 * unique, so the order is total and an incremental merge gives what a full sort gives.
 */
import type { QueuedBead, QueueState } from "../domain/mod.ts";

const RANK: Readonly<Record<QueueState, number>> = {
  ready: 0,
  in_progress: 1,
  blocked: 2,
  deferred: 3,
  not_work: 4,
  closed: 5,
};

/** The fields the order reads, copied into one shape (beads have several) so sorting is fast. */
interface Key {
  readonly rank: number;
  readonly total: number;
  readonly priority: number;
  readonly created: number;
  readonly id: string;
  readonly entry: QueuedBead;
}

function keyOf(q: QueuedBead): Key {
  const b = q.bead;
  return {
    rank: RANK[q.state],
    total: q.score.total,
    priority: b.priority,
    created: b.createdAt ?? Infinity,
    id: b.id,
    entry: q,
  };
}

function compareKeys(a: Key, b: Key): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.total !== b.total) return b.total - a.total;
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.created !== b.created) return a.created < b.created ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Sorts queued beads.
 *
 * @param entries the beads
 * @returns a new array in queue order
 */
export function sortQueued(entries: Iterable<QueuedBead>): QueuedBead[] {
  const keys: Key[] = [];
  for (const q of entries) keys.push(keyOf(q));
  return keys.sort(compareKeys).map((k) => k.entry);
}

/**
 * Re-sorts a sorted queue after a few beads changed: drops their old entries, and inserts the
 * new ones where a full sort would put them.
 *
 * @param previous the queue in order
 * @param changed ids whose entries were re-evaluated (or removed)
 * @param fresh the new entries of those ids that are still listed
 * @returns a new array in queue order
 */
export function mergeQueued(
  previous: readonly QueuedBead[],
  changed: ReadonlySet<string>,
  fresh: readonly QueuedBead[],
): QueuedBead[] {
  const kept = previous.filter((q) => !changed.has(q.bead.id));
  const inserts = fresh.map(keyOf).sort(compareKeys);
  const out: QueuedBead[] = [];
  let from = 0;
  for (const key of inserts) {
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(keyOf(kept[mid] as QueuedBead), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(kept[i] as QueuedBead);
    out.push(key.entry);
    from = lo;
  }
  for (let i = from; i < kept.length; i++) out.push(kept[i] as QueuedBead);
  return out;
}
