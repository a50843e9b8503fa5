/**
 * The one gatherer of the fleet snapshot that the dashboard (and the status page) draws: status
 * files on every call, tasks from the engine's queues (or, for an observer, from the bead files
 * every couple of seconds when they changed), the store's figures every few seconds, and the
 * tails of the live workers' logs read incrementally. It is cheap enough to call twice a second
 * on a fleet of a hundred workers and ten thousand beads, and it never throws: a part that cannot
 * be read keeps its last value and is named in `problems`. Between full gathers, a caller that
 * knows which status files changed (a file watcher) asks for just those: the other workers keep
 * their last views and the logs wait for the next full gather, so a status change reaches the
 * screen in a couple of milliseconds of reading instead of a whole fleet's.
 */
import type { ActivityLine, FleetRole, FleetSnapshot } from "../domain/mod.ts";
import { resolve } from "node:path";
import { errorMessage } from "../domain/mod.ts";
import type { EngineState } from "../orchestrator/mod.ts";
import type { Store } from "../store/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { BeadQueues } from "./_snapshot_beads.ts";
import { LogTails } from "./_snapshot_logs.ts";
import { EngineSummary, parkedOf } from "./_snapshot_engine.ts";
import { NO_FIGURES, StoreReader } from "./_snapshot_store.ts";
import { byWorkspacePriority, type FlatTasks, NO_TASKS, TaskFlattener } from "./_snapshot_tasks.ts";
import { fleetWorkers, WorkerReader } from "./_snapshot_workers.ts";

/** Lines of the activity log in a snapshot, at most. */
export const MAX_ACTIVITY_LINES = 1_000;

/** What the snapshot is of, and where the in-process engine's state comes from. */
export interface SnapshotOptions {
  /** `orchestrator` when this process runs the engine; `observer` when it watches another's. */
  readonly role: FleetRole;
  /** Absolute paths of the workspaces served. */
  readonly workspaces: readonly string[];
  /** FORGE's version, shown by the views. */
  readonly version: string;
  /** The engine's latest state (orchestrator role); undefined before its first one. */
  readonly engine?: () => EngineState | undefined;
  /** The engine's events in words, oldest first (from the runner). */
  readonly engineLines?: () => readonly ActivityLine[];
  /** Pid of the orchestrator process, when the caller knows it. */
  readonly orchestratorPid?: number;
  /** An open store to read instead of opening the database (left open by close()). */
  readonly store?: Store;
}

/** Gathers snapshots; keeps what it needs between calls (log offsets, cached figures). */
export interface SnapshotSource {
  /**
   * The fleet now. Never throws.
   *
   * @param changed ids of the only workers whose status files changed since the last gather
   *   (re-read just those; engine, tasks and cached store figures as usual); omit to read all
   */
  gather(changed?: readonly string[]): Promise<FleetSnapshot>;
  /** Lets go of what the source holds; gather() must not be called after. */
  close(): void;
}

/**
 * Creates a snapshot source.
 *
 * @param ctx the action context
 * @param options role, workspaces, version, the engine's state and lines, a store to use
 * @returns the source
 */
export function createSnapshotSource(
  ctx: ActionContext,
  options: SnapshotOptions,
): SnapshotSource {
  const gatherer = new Gatherer(ctx, options);
  let pending: Promise<FleetSnapshot> | undefined;
  return {
    gather(changed) {
      // Two callers at once (a timer and a wake-up) share one read: the log offsets move once.
      pending ??= gatherer.gather(changed).finally(() => (pending = undefined));
      return pending;
    },
    close() {
      gatherer.closed = true;
    },
  };
}

class Gatherer {
  closed = false;
  readonly #ctx: ActionContext;
  readonly #options: SnapshotOptions;
  readonly #workers: WorkerReader;
  readonly #store: StoreReader;
  readonly #logs: LogTails;
  readonly #beads: BeadQueues;
  readonly #engine: EngineSummary;
  readonly #flattener = new TaskFlattener();
  #tasks: FlatTasks = NO_TASKS;
  #last: FleetSnapshot | undefined;
  #merged:
    | {
      readonly key: { logs: number; length: number; last: ActivityLine | undefined };
      readonly lines: readonly ActivityLine[];
    }
    | undefined;

  constructor(ctx: ActionContext, options: SnapshotOptions) {
    this.#ctx = ctx;
    this.#options = options;
    this.#workers = new WorkerReader(ctx);
    this.#store = new StoreReader(ctx, options.store);
    this.#logs = new LogTails(ctx);
    this.#beads = new BeadQueues(ctx);
    this.#engine = new EngineSummary(ctx, options);
  }

  async gather(changed: readonly string[] | undefined): Promise<FleetSnapshot> {
    if (this.closed) return this.#last ?? this.#empty(["snapshot: the source is closed"]);
    try {
      this.#last = await this.#gather(changed);
    } catch (error) {
      // Every part guards itself; this is the net under the net.
      const problem = `snapshot: ${errorMessage(error)}`;
      this.#last = this.#last === undefined
        ? this.#empty([problem])
        : { ...this.#last, at: this.#ctx.clock.now(), problems: [problem] };
    }
    return this.#last;
  }

  async #gather(changed: readonly string[] | undefined): Promise<FleetSnapshot> {
    const problems: string[] = [];
    const now = this.#ctx.clock.now();
    const partial = changed !== undefined && this.#last !== undefined;
    const workers = partial ? await this.#workers.readSome(changed) : await this.#workers.read();
    problems.push(...workers.problems);
    const state = this.#engineState(problems);
    problems.push(...await this.#readTasks(state));
    const store = await this.#store.figures();
    if (store.problem !== undefined) problems.push(store.problem);
    if (!partial) problems.push(...await this.#logs.read(workers.views));
    const f = store.figures;
    return {
      at: now,
      version: this.#options.version,
      home: this.#ctx.layout.home,
      role: this.#options.role,
      engine: await this.#engine.summary(state),
      workspaces: this.#options.workspaces,
      workers: fleetWorkers(workers.views, { tracked: state?.workers, costs: f.costByWorker }),
      tasks: this.#tasks.tasks,
      counts: this.#tasks.counts,
      parked: parkedOf(state, now),
      costs: f.costs,
      costByModel: f.costByModel,
      hourlyCostUsd: f.hourlyCostUsd,
      plans: f.plans,
      metrics: f.metrics,
      alerts: f.alerts,
      routing: f.routing,
      activity: this.#activity(problems),
      problems,
    };
  }

  #engineState(problems: string[]): EngineState | undefined {
    try {
      return this.#options.engine?.();
    } catch (error) {
      problems.push(`engine: cannot read its state: ${errorMessage(error)}`);
      return undefined;
    }
  }

  /** Tasks from the engine's queues when it has any, else from the bead files. */
  async #readTasks(state: EngineState | undefined): Promise<string[]> {
    const order = byWorkspacePriority(
      this.#options.workspaces,
      (ws) =>
        state?.settings.workspacePriority.get(ws) ??
          this.#ctx.config.workspaces.find((w) => resolve(this.#ctx.cwd, w.path) === ws)?.priority,
    );
    if (state !== undefined) {
      const queues = order.flatMap((ws) => {
        const q = state.queues.get(ws);
        return q === undefined ? [] : [q];
      });
      for (const [ws, q] of state.queues) if (!order.includes(ws)) queues.push(q);
      this.#tasks = this.#flattener.flatten(queues);
      return [];
    }
    const read = await this.#beads.load(order);
    this.#tasks = this.#flattener.flatten(read.queues);
    return read.problems;
  }

  #activity(problems: string[]): readonly ActivityLine[] {
    let engine: readonly ActivityLine[] = [];
    try {
      engine = this.#options.engineLines?.() ?? [];
    } catch (error) {
      problems.push(`engine: cannot read its activity: ${errorMessage(error)}`);
    }
    // The runner appends to (and trims) one array: its length and last line say if it changed.
    const key = { logs: this.#logs.version, length: engine.length, last: engine.at(-1) };
    const memo = this.#merged;
    if (
      memo !== undefined && memo.key.logs === key.logs && memo.key.length === key.length &&
      memo.key.last === key.last
    ) {
      return memo.lines;
    }
    const merged = [...engine, ...this.#logs.lines];
    // Stable: lines of one source stay in the order they were written.
    merged.sort((a, b) => a.at - b.at);
    const lines = merged.length > MAX_ACTIVITY_LINES ? merged.slice(-MAX_ACTIVITY_LINES) : merged;
    this.#merged = { key, lines };
    return lines;
  }

  #empty(problems: readonly string[]): FleetSnapshot {
    return {
      at: this.#ctx.clock.now(),
      version: this.#options.version,
      home: this.#ctx.layout.home,
      role: this.#options.role,
      engine: { running: false, pid: undefined, maxWorkers: undefined, stopping: false },
      workspaces: this.#options.workspaces,
      workers: [],
      tasks: [],
      counts: NO_TASKS.counts,
      parked: [],
      costs: undefined,
      costByModel: [],
      hourlyCostUsd: NO_FIGURES.hourlyCostUsd,
      plans: [],
      metrics: undefined,
      alerts: [],
      routing: [],
      activity: [],
      problems,
    };
  }
}
