/**
 * The task graph of one workspace: every bead with its blockers, cycles, unblock counts, state,
 * reason and score, kept up to date as beads change. A change re-evaluates only what it can
 * affect: the changed beads, the beads waiting on them (dependents, and the descendants of those
 * through parent-child), the cycles they were or are in, and the unblock counts of the beads
 * upstream of them. The result always equals a full rebuild (tests/beads/graph_incremental_test.ts).
 *
 * This is the one stateful part of the beads unit: a graph owns its maps and changes them in
 * place; the queues it hands out are immutable snapshots.
 */
import type {
  Bead,
  BeadId,
  BeadSnapshot,
  QueuedBead,
  ScoringWeights,
  TaskQueue,
} from "../domain/mod.ts";
import { BeadIndex } from "./_bead_index.ts";
import { BlockedMemo } from "./_blocked_memo.ts";
import { judgeBead } from "./_bead_state.ts";
import { CycleRegistry } from "./_cycle_registry.ts";
import { isGraphType, isLive } from "./_graph_edges.ts";
import { mergeQueued, sortQueued } from "./_queue_order.ts";
import { countUnblocked, upstreamOf } from "./_unblocks.ts";
import { ageDaysOf, scoreBead, ZERO_SCORE } from "./score_bead.ts";

/** One change to a workspace's beads: a new or changed bead, or one that is gone. */
export type BeadChange =
  | { readonly kind: "put"; readonly bead: Bead }
  | { readonly kind: "remove"; readonly id: BeadId };

/** How a task graph evaluates beads. */
export interface TaskGraphOptions {
  /** Epoch milliseconds: ages and `defer_until` are measured against it. */
  readonly now: number;
  readonly scoring: ScoringWeights;
  /** Also list finished beads (state `closed`, score 0); by default the queue leaves them out. */
  readonly includeClosed?: boolean;
}

/** A workspace's beads as a graph that can be changed and re-evaluated incrementally. */
export class TaskGraph {
  readonly #workspace: string;
  readonly #scoring: ScoringWeights;
  readonly #notWork: ReadonlySet<string>;
  readonly #includeClosed: boolean;
  readonly #countLimit: number;
  readonly #index = new BeadIndex();
  readonly #cycles = new CycleRegistry();
  readonly #blocked = new BlockedMemo(this.#index, this.#cycles);
  readonly #unblocked = new Map<string, number>();
  readonly #entries = new Map<string, QueuedBead>();
  #now: number;
  #queue: TaskQueue;

  /**
   * @param workspace the workspace the beads belong to
   * @param beads its beads (a later bead replaces an earlier one with the same id)
   * @param options the time and the scoring weights
   */
  constructor(workspace: string, beads: Iterable<Bead>, options: TaskGraphOptions) {
    this.#workspace = workspace;
    this.#scoring = options.scoring;
    this.#notWork = new Set(options.scoring.not_work_types.map((t) => t.toLowerCase()));
    this.#includeClosed = options.includeClosed ?? false;
    this.#countLimit = unblockCountLimit(options.scoring);
    this.#now = options.now;
    for (const bead of beads) this.#index.put(bead);
    const live = this.#index.liveIds();
    this.#cycles.update(this.#index, live);
    for (const id of live) {
      this.#unblocked.set(id, countUnblocked(this.#index, id, this.#countLimit));
    }
    for (const bead of this.#index.values()) {
      if (this.#includeClosed || isLive(bead)) this.#judge(bead.id);
    }
    this.#queue = this.#assemble();
  }

  /** The queue as of the last change. */
  get queue(): TaskQueue {
    return this.#queue;
  }

  /**
   * Applies changes and re-evaluates what they can affect.
   *
   * @param changes beads added or changed (`put`) and removed
   * @param options a new time; when it moves, deferrals and ages in whole days are evaluated again
   * @returns the new queue (also kept as `queue`)
   */
  apply(changes: readonly BeadChange[], options: { readonly now?: number } = {}): TaskQueue {
    const moved = options.now !== undefined && options.now !== this.#now;
    if (options.now !== undefined) this.#now = options.now;
    const changed = new Set<string>();
    const roots = new Set<string>();
    for (const change of changes) {
      const id = change.kind === "put" ? change.bead.id : change.id;
      const old = change.kind === "put" ? this.#index.put(change.bead) : this.#index.remove(id);
      changed.add(id);
      roots.add(id);
      addTargets(roots, old);
      if (change.kind === "put") addTargets(roots, change.bead);
    }
    const affected = this.#waitingOn(changed, this.#cycles.update(this.#index, changed));
    for (const id of affected) this.#blocked.forget(id);
    const upstream = upstreamOf(this.#index, roots);
    for (const id of upstream) {
      this.#unblocked.set(id, countUnblocked(this.#index, id, this.#countLimit));
    }
    if (moved) this.#addTimed(affected);
    for (const id of upstream) affected.add(id);
    for (const id of affected) this.#judge(id);
    this.#queue = this.#assemble(affected);
    return this.#queue;
  }

  /**
   * Beads whose entry depends on the time that has just moved: a deferral, or an age in whole
   * days that is not the one shown.
   */
  #addTimed(affected: Set<string>): void {
    for (const id of this.#index.liveIds()) {
      const bead = this.#index.get(id) as Bead;
      const shown = this.#entries.get(id)?.score.ageDays;
      if (bead.deferUntil !== undefined || shown !== ageDaysOf(bead, this.#now)) affected.add(id);
    }
  }

  /** The changed beads, what depends on them or shares a changed cycle, and their descendants. */
  #waitingOn(changed: ReadonlySet<string>, touched: ReadonlySet<string>): Set<string> {
    const out = new Set(touched);
    for (const id of changed) {
      out.add(id);
      for (const dependent of this.#index.dependentsOf(id)) out.add(dependent);
    }
    for (const id of out) for (const child of this.#index.childrenOf(id)) out.add(child);
    return out;
  }

  #judge(id: string): void {
    const bead = this.#index.get(id);
    const live = isLive(bead);
    if (!live) {
      this.#blocked.forget(id);
      this.#unblocked.delete(id);
    }
    if (bead === undefined || (!live && !this.#includeClosed)) {
      this.#entries.delete(id);
      return;
    }
    const cycle = this.#cycles.pathOf(id);
    const blockers = live ? this.#blocked.blockersOf(bead) : [];
    const { state, reason } = judgeBead(bead, {
      blockers,
      cycle,
      now: this.#now,
      notWork: this.#notWork,
    });
    const score = live
      ? scoreBead(bead, {
        now: this.#now,
        unblockedCount: this.#unblocked.get(id) ?? 0,
        scoring: this.#scoring,
      })
      : ZERO_SCORE;
    this.#entries.set(id, {
      bead,
      workspace: this.#workspace,
      state,
      score,
      blockers,
      cycle,
      reason,
    });
  }

  /** The queue, re-sorted in full or, after a few changes, merged into the previous order. */
  #assemble(judged?: ReadonlySet<string>): TaskQueue {
    let beads: QueuedBead[];
    if (judged === undefined || judged.size * 4 > this.#entries.size) {
      beads = sortQueued(this.#entries.values());
    } else {
      const fresh: QueuedBead[] = [];
      for (const id of judged) {
        const entry = this.#entries.get(id);
        if (entry !== undefined) fresh.push(entry);
      }
      beads = mergeQueued(this.#queue.beads, judged, fresh);
    }
    const missing = new Set<string>();
    for (const entry of beads) {
      for (const b of entry.blockers) if (b.status === "missing") missing.add(b.id);
    }
    return {
      workspace: this.#workspace,
      beads,
      cycles: this.#cycles.cycles(),
      missingBlockers: [...missing].sort(),
    };
  }
}

/** Unblock counts stop at 100, or at the count that earns the full points if that is more. */
function unblockCountLimit(scoring: ScoringWeights): number {
  const needed = scoring.unblock_points > 0 ? scoring.unblock_cap / scoring.unblock_points : 0;
  return Math.max(100, Math.ceil(needed));
}

function addTargets(roots: Set<string>, bead: Bead | undefined): void {
  for (const edge of bead?.dependencies ?? []) if (isGraphType(edge.type)) roots.add(edge.target);
}

/**
 * Builds the task graph of a snapshot.
 *
 * @param snapshot the workspace's beads (from `readBeads`)
 * @param options the time and the scoring weights
 * @returns a graph whose `queue` is ready, and that takes changes through `apply`
 */
export function createTaskGraph(
  snapshot: Pick<BeadSnapshot, "workspace" | "beads">,
  options: TaskGraphOptions,
): TaskGraph {
  return new TaskGraph(snapshot.workspace, snapshot.beads, options);
}
