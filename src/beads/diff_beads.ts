/**
 * The changes between two reads of a workspace's beads, for `TaskGraph.apply`: after a file
 * changes, the engine reads it again and applies only what differs.
 */
import type { Bead } from "../domain/mod.ts";
import type { BeadChange } from "./task_graph.ts";

/**
 * Lists the beads that were added, changed (any field) or removed between two reads.
 *
 * @param previous the beads of the earlier read
 * @param next the beads of the later read
 * @returns `put` for new and changed beads in `next` order, then `remove` for vanished ids
 */
export function diffBeads(previous: readonly Bead[], next: readonly Bead[]): BeadChange[] {
  const before = new Map<string, Bead>();
  for (const bead of previous) before.set(bead.id, bead);
  const changes: BeadChange[] = [];
  const seen = new Set<string>();
  for (const bead of next) {
    seen.add(bead.id);
    const old = before.get(bead.id);
    if (old === undefined || !sameValue(old, bead)) changes.push({ kind: "put", bead });
  }
  for (const bead of previous) {
    if (!seen.has(bead.id)) changes.push({ kind: "remove", id: bead.id });
  }
  return changes;
}

/** Deep equality of JSON-like values (what the bead reader produces). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const key of keys) if (!(key in rb) || !sameValue(ra[key], rb[key])) return false;
  return true;
}
