/**
 * The dependency cycles of a task graph, kept up to date as beads change: a change can only break
 * the cycles its beads were in and make new ones through them, so only those are searched again.
 */
import type { BeadIndex } from "./_bead_index.ts";
import { cycleThrough, findCycleSets } from "./_cycles.ts";

/**
 * Up to this size every member gets the way round from itself; a larger cycle (a generated or
 * broken file) shares one path, since a path per member would cost the square of its size.
 */
const OWN_PATH_LIMIT = 64;

interface CycleSet {
  readonly members: readonly string[];
  /**
   * Ways round that together visit every member: from the smallest id, then from the smallest
   * member not visited yet, and so on (one path only for a cycle over the size limit).
   */
  readonly paths: readonly (readonly string[])[];
}

/** Cycles by member, with the way round from each member. */
export class CycleRegistry {
  readonly #setOf = new Map<string, CycleSet>();
  readonly #pathOf = new Map<string, readonly string[]>();

  /**
   * The way round the cycle `id` is in, starting at `id` (for a cycle of more than 64 beads, from
   * its smallest id); undefined when it is in none.
   */
  pathOf(id: string): readonly string[] | undefined {
    return this.#pathOf.get(id);
  }

  /** Every cycle, as ways round that visit all its members, ordered by their first id. */
  cycles(): (readonly string[])[] {
    const sets = new Set(this.#setOf.values());
    return [...sets].flatMap((s) => s.paths).sort((a, b) => compareIds(a[0], b[0]));
  }

  /**
   * Searches again from the changed beads and the members of the cycles they were in.
   *
   * @param index the beads after the change
   * @param changed ids of changed, added or removed beads
   * @returns ids whose cycle (or lack of one) may have changed
   */
  update(index: BeadIndex, changed: Iterable<string>): Set<string> {
    const touched = new Set<string>();
    const roots: string[] = [];
    for (const id of changed) {
      roots.push(id);
      const old = this.#setOf.get(id);
      if (old !== undefined) roots.push(...this.#drop(old, touched));
    }
    for (const members of findCycleSets(index, roots)) {
      for (const id of members) {
        const old = this.#setOf.get(id);
        if (old !== undefined) this.#drop(old, touched);
      }
      const memberSet = new Set(members);
      const own = members.length <= OWN_PATH_LIMIT;
      const set: CycleSet = { members, paths: coveringPaths(index, members, own) };
      for (const id of members) {
        this.#setOf.set(id, set);
        this.#pathOf.set(id, own ? cycleThrough(index, id, memberSet) : set.paths[0] ?? [id]);
        touched.add(id);
      }
    }
    return touched;
  }

  #drop(set: CycleSet, touched: Set<string>): readonly string[] {
    for (const id of set.members) {
      this.#setOf.delete(id);
      this.#pathOf.delete(id);
      touched.add(id);
    }
    return set.members;
  }
}

function coveringPaths(
  index: BeadIndex,
  members: readonly string[],
  all: boolean,
): string[][] {
  const memberSet = new Set(members);
  const visited = new Set<string>();
  const paths: string[][] = [];
  for (const id of members) {
    if (visited.has(id)) continue;
    const path = cycleThrough(index, id, memberSet);
    paths.push(path);
    if (!all) break;
    for (const step of path) visited.add(step);
  }
  return paths;
}

function compareIds(a: string | undefined, b: string | undefined): number {
  return (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;
}
