/**
 * Which live beads are blocked through the graph (an unfinished or missing blocker, a cycle, or
 * a blocked parent, transitively), remembered until the task graph says a bead may have changed,
 * and the blockers of one bead as `forge tasks` lists them.
 */
import type { Bead, Blocker } from "../domain/mod.ts";
import type { BeadIndex } from "./_bead_index.ts";
import type { CycleRegistry } from "./_cycle_registry.ts";
import { isBlockingType, isFinished, isLive, PARENT_CHILD } from "./_graph_edges.ts";

/** Graph-blocked flags of live beads, computed on demand. */
export class BlockedMemo {
  readonly #index: BeadIndex;
  readonly #cycles: CycleRegistry;
  readonly #blocked = new Map<string, boolean>();

  /**
   * @param index the beads
   * @param cycles the cycles among them
   */
  constructor(index: BeadIndex, cycles: CycleRegistry) {
    this.#index = index;
    this.#cycles = cycles;
  }

  /** Forgets what is known about a bead (it, a blocker or an ancestor changed). */
  forget(id: string): void {
    this.#blocked.delete(id);
  }

  /**
   * The unfinished or missing blockers of a bead, then its blocked live parents; each id once.
   *
   * @param bead a live bead
   * @returns blockers in dependency order
   */
  blockersOf(bead: Bead): Blocker[] {
    const out: Blocker[] = [];
    const has = (id: string): boolean => out.some((b) => b.id === id);
    for (const edge of bead.dependencies) {
      if (!isBlockingType(edge.type) || has(edge.target)) continue;
      const target = this.#index.get(edge.target);
      if (target === undefined) out.push({ id: edge.target, status: "missing", via: edge.type });
      else if (!isFinished(target.status)) {
        out.push({ id: edge.target, status: target.status, via: edge.type });
      }
    }
    for (const edge of bead.dependencies) {
      if (edge.type !== PARENT_CHILD || has(edge.target)) continue;
      const parent = this.#index.get(edge.target);
      if (isLive(parent) && this.#isBlocked(parent.id)) {
        out.push({ id: parent.id, status: parent.status, via: PARENT_CHILD });
      }
    }
    return out;
  }

  /**
   * Whether a live bead is blocked through the graph. Walks up parents without recursion;
   * the parents of a bead outside every cycle form no loop, so the walk ends.
   */
  #isBlocked(start: string): boolean {
    const stack = [start];
    while (stack.length > 0) {
      const id = stack[stack.length - 1] as string;
      const bead = this.#index.get(id);
      if (this.#blocked.has(id) || !isLive(bead)) {
        stack.pop();
        continue;
      }
      if (this.#cycles.pathOf(id) !== undefined || this.#hasBlocker(bead)) {
        this.#blocked.set(id, true);
        stack.pop();
        continue;
      }
      let pending = false;
      let blocked = false;
      for (const edge of bead.dependencies) {
        if (edge.type !== PARENT_CHILD || !isLive(this.#index.get(edge.target))) continue;
        const known = this.#blocked.get(edge.target);
        if (known === undefined) {
          stack.push(edge.target);
          pending = true;
        } else if (known) blocked = true;
      }
      if (pending) continue;
      this.#blocked.set(id, blocked);
      stack.pop();
    }
    return this.#blocked.get(start) ?? false;
  }

  #hasBlocker(bead: Bead): boolean {
    for (const edge of bead.dependencies) {
      if (isBlockingType(edge.type) && !isFinished(this.#index.get(edge.target)?.status ?? "")) {
        return true;
      }
    }
    return false;
  }
}
