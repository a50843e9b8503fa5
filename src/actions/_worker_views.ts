/**
 * The engine's view of its workers, kept between refreshes: every worker is looked at in full at
 * least every few seconds, and in between only the workers whose status files the watcher saw
 * change. A status change then costs a file read or two, not several per worker of the fleet.
 */
import { basename, dirname, resolve, sep } from "node:path";
import type { HealthThresholds, WorkerStatus, WorkerView } from "../domain/mod.ts";
import { listWorkers, readAllStatuses, readSomeStatuses } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** The longest the engine goes on partial observations before it looks at every worker again. */
const FULL_OBSERVATION_MS = 5_000;

/** What the views need. */
export type WorkerViewsContext =
  & Pick<ActionContext, "fs" | "processes" | "clock" | "layout" | "config">
  & { readonly workspaces: readonly string[] };

/** The status files one refresh works from. */
export interface StatusRead {
  /** The workers read; undefined when every worker was. */
  readonly only: readonly string[] | undefined;
  readonly statuses: readonly WorkerStatus[];
}

/** Worker views, refreshed in full or in part. */
export class WorkerViews {
  readonly #ctx: WorkerViewsContext;
  readonly #views = new Map<string, WorkerView>();
  #fullAt = -Infinity;
  /** Ids whose status files changed since the last observation; undefined: look at all. */
  #changed: Set<string> | undefined;
  #read: StatusRead | undefined;

  /** @param ctx ports, FORGE home, configuration (health thresholds) and the workspaces */
  constructor(ctx: WorkerViewsContext) {
    this.#ctx = ctx;
  }

  /**
   * Notes what woke the loop: the paths that changed, or undefined when the wait timed out
   * (nothing changed that the watcher saw; the time-based full observation catches what it
   * missed). A wait cut short because an effect finished changed no file and is not noted.
   *
   * @param paths changed paths, as the watcher reported them
   */
  changed(paths: readonly string[] | undefined): void {
    if (paths === undefined) return;
    if (paths.length === 0) {
      this.#changed = undefined; // the platform could not say what changed
      return;
    }
    const status = resolve(this.#ctx.layout.status);
    const beads = this.#ctx.workspaces.map((w) => resolve(w, ".beads") + sep);
    for (const path of paths.map((p) => resolve(p))) {
      if (dirname(path) !== status) {
        if (beads.some((dir) => path.startsWith(dir))) continue; // the queues notice those
        this.#changed = undefined; // a path not recognised (a link?): look at every worker
        return;
      }
      const name = basename(path);
      if (!name.endsWith(".json") || name.startsWith(".")) continue; // temp files
      this.#changed?.add(name.slice(0, -5));
    }
  }

  /**
   * Reads the status files of this refresh (all of them at a full pass, else the changed ones),
   * for log ingestion and then the observation.
   *
   * @returns which workers were read, and their statuses
   */
  async readStatuses(): Promise<StatusRead> {
    if (this.#read !== undefined) return this.#read;
    const only = this.#isFull() ? undefined : [...(this.#changed ?? [])].sort();
    const statuses = only === undefined
      ? await readAllStatuses(this.#ctx)
      : await readSomeStatuses(this.#ctx, only);
    this.#read = { only, statuses };
    return this.#read;
  }

  /**
   * Observes the workers: liveness and health of those just read, the last views of the others.
   *
   * @returns every known worker's view, in id order
   */
  async observe(): Promise<WorkerView[]> {
    const read = await this.readStatuses();
    this.#read = undefined;
    this.#changed = new Set();
    const thresholds = healthThresholds(this.#ctx);
    const fresh = read.statuses.length === 0
      ? []
      : await listWorkers({ ...this.#ctx, thresholds, statuses: read.statuses });
    if (read.only === undefined) {
      this.#views.clear();
      this.#fullAt = this.#ctx.clock.now();
    } else {
      for (const id of read.only) this.#views.delete(id); // a status file that went away
    }
    for (const view of fresh) this.#views.set(view.id, view);
    return [...this.#views.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  #isFull(): boolean {
    return this.#changed === undefined ||
      this.#ctx.clock.now() - this.#fullAt >= FULL_OBSERVATION_MS;
  }
}

function healthThresholds(ctx: Pick<ActionContext, "config">): HealthThresholds {
  const h = ctx.config.health;
  return {
    staleMs: h.stale_minutes * 60_000,
    startingGraceMs: h.starting_grace_minutes * 60_000,
    stuckMs: h.stuck_minutes * 60_000,
    maxRssBytes: h.max_rss_mb * 1024 * 1024,
  };
}
