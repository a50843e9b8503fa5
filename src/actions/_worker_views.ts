/**
 * The engine's view of its workers, kept between refreshes: every worker is looked at in full at
 * least every few seconds; in between, the status folder is listed (so workers that appear or go
 * are seen at once) and only the files the watcher saw change are read. A status change then
 * costs a directory listing and a file read or two, not several reads per worker of the fleet.
 */
import { basename, dirname, resolve, sep } from "node:path";
import type { HealthThresholds, WorkerStatus, WorkerView } from "../domain/mod.ts";
import { listWorkers, readSomeStatuses, statusFileIds } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** The longest the engine goes on partial observations before it looks at every worker again. */
const FULL_OBSERVATION_MS = 5_000;

/** What the views need. */
export type WorkerViewsContext =
  & Pick<ActionContext, "fs" | "processes" | "clock" | "layout" | "config">
  & { readonly workspaces: readonly string[] };

/** The status files one refresh works from. */
export interface StatusRead {
  /** A full pass (every worker but the settled ones) rather than only the changed ones. */
  readonly full: boolean;
  /** The workers read (a listed id without a status now has none: its file went away). */
  readonly only: readonly string[];
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
  /** Workers done for good: their files are read again only when the watcher sees a change. */
  readonly #settled = new Set<string>();
  /** Workers seen done at the last full pass (settled if the next one sees them so too). */
  #settledOnce = new Set<string>();

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
   * Reads the status files of this refresh, for log ingestion and then the observation. The folder
   * is listed every time (one directory read), so a worker whose file appeared or went away is
   * never missed, even before its watch event arrives. A full pass reads every file but those of
   * settled workers (stopped or failed, process gone, seen so at two full passes: their logs are
   * ingested and their files no longer change); a partial one reads only the changed files.
   *
   * @returns the workers read, and their statuses
   */
  async readStatuses(): Promise<StatusRead> {
    if (this.#read !== undefined) return this.#read;
    const full = this.#isFull();
    const present = new Set(await statusFileIds(this.#ctx));
    const changed = this.#changed ?? new Set<string>();
    const ids = new Set<string>();
    for (const id of present) {
      const known = this.#views.has(id);
      if (!known || changed.has(id) || (full && !this.#settled.has(id))) ids.add(id);
    }
    const statuses = await readSomeStatuses(this.#ctx, [...ids]);
    for (const id of this.#views.keys()) if (!present.has(id)) ids.add(id); // gone: nothing to read
    this.#read = { full, only: [...ids].sort(), statuses };
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
    const fresh = await listWorkers({ ...this.#ctx, thresholds, statuses: read.statuses });
    for (const id of read.only) {
      const before = this.#views.get(id);
      this.#views.delete(id); // a status file that went away stays away
      if (!read.full || before === undefined || !isSettled(before)) this.#settled.delete(id);
    }
    for (const view of fresh) {
      this.#views.set(view.id, view);
      if (!isSettled(view)) this.#settled.delete(view.id);
      else if (read.full && this.#settledOnce.has(view.id)) {
        this.#settled.add(view.id);
      }
    }
    if (read.full) {
      this.#settledOnce = new Set(fresh.filter(isSettled).map((v) => v.id));
      this.#fullAt = this.#ctx.clock.now();
    }
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

/** Done for good: stopped or failed, and its process is gone. */
function isSettled(view: WorkerView): boolean {
  return view.liveness !== "alive" &&
    (view.status.state === "stopped" || view.status.state === "failed");
}
