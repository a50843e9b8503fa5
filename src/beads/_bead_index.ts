/**
 * The beads of one workspace by id, with the reverse edges the graph walks: who depends on a bead
 * through a blocking edge, and who are its children. Only live beads' edges are indexed (a
 * finished bead waits on nothing, and most beads are finished); edges to ids that name no bead
 * are indexed too, so a bead that appears later finds the beads that were waiting for it.
 */
import type { Bead } from "../domain/mod.ts";
import { isBlockingType, isLive, PARENT_CHILD } from "./_graph_edges.ts";

const NONE: ReadonlySet<string> = new Set();

/** Beads by id plus reverse edges; changed in place by the task graph only. */
export class BeadIndex {
  readonly #beads = new Map<string, Bead>();
  readonly #live = new Set<string>();
  /** Blocker id to the ids of the beads it blocks. */
  readonly #dependents = new Map<string, Set<string>>();
  /** Parent id to the ids of its children. */
  readonly #children = new Map<string, Set<string>>();

  /** The bead with this id, if any. */
  get(id: string): Bead | undefined {
    return this.#beads.get(id);
  }

  /** Every bead, in insertion order. */
  values(): IterableIterator<Bead> {
    return this.#beads.values();
  }

  /** Ids of the live beads. */
  liveIds(): ReadonlySet<string> {
    return this.#live;
  }

  /** Live beads that name `id` in a blocking edge. */
  dependentsOf(id: string): ReadonlySet<string> {
    return this.#dependents.get(id) ?? NONE;
  }

  /** Live beads that name `id` as their parent. */
  childrenOf(id: string): ReadonlySet<string> {
    return this.#children.get(id) ?? NONE;
  }

  /**
   * Adds a bead or replaces the one with its id.
   *
   * @returns the bead it replaced
   */
  put(bead: Bead): Bead | undefined {
    const previous = this.remove(bead.id);
    this.#beads.set(bead.id, bead);
    if (!isLive(bead)) return previous;
    this.#live.add(bead.id);
    for (const edge of bead.dependencies) {
      const map = this.#mapOf(edge.type);
      if (map === undefined) continue;
      let owners = map.get(edge.target);
      if (owners === undefined) map.set(edge.target, owners = new Set());
      owners.add(bead.id);
    }
    return previous;
  }

  /**
   * Removes a bead and its edges.
   *
   * @returns the bead removed
   */
  remove(id: string): Bead | undefined {
    const bead = this.#beads.get(id);
    if (bead === undefined) return undefined;
    this.#beads.delete(id);
    if (!isLive(bead)) return bead;
    this.#live.delete(id);
    for (const edge of bead.dependencies) {
      const owners = this.#mapOf(edge.type)?.get(edge.target);
      if (owners === undefined) continue;
      owners.delete(id);
      if (owners.size === 0) this.#mapOf(edge.type)?.delete(edge.target);
    }
    return bead;
  }

  #mapOf(type: string): Map<string, Set<string>> | undefined {
    if (type === PARENT_CHILD) return this.#children;
    return isBlockingType(type) ? this.#dependents : undefined;
  }
}
