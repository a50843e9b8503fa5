/**
 * The workers of the fleet snapshot: every status file read on every call (with liveness and
 * health, except for workers done for good whose status did not change), joined with what the
 * engine knows of each worker and today's cost. A status file that cannot be read (half-written
 * by a launcher, damaged) keeps the worker's last readable view and is named as a problem; one
 * never read before shows as an `error` worker with the reason.
 */
import type { FleetWorker, HealthThresholds, WorkerStatus, WorkerView } from "../domain/mod.ts";
import { errorMessage, statusPath } from "../domain/mod.ts";
import type { TrackedWorker } from "../orchestrator/mod.ts";
import { listWorkers, readAllStatuses, readSomeStatuses } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** Reads the workers, keeping each one's last readable view. */
export class WorkerReader {
  readonly #ctx: Pick<ActionContext, "fs" | "processes" | "clock" | "layout" | "config">;
  #views: readonly WorkerView[] = [];
  readonly #good = new Map<string, WorkerView>();
  /** Workers done for good (stopped or failed, process gone), by the status text they had. */
  readonly #settled = new Map<string, { readonly key: string; readonly view: WorkerView }>();

  /** @param ctx ports, FORGE home and configuration (health thresholds) */
  constructor(ctx: Pick<ActionContext, "fs" | "processes" | "clock" | "layout" | "config">) {
    this.#ctx = ctx;
  }

  /**
   * Reads every status file. A settled worker whose status is unchanged keeps its view: only
   * its file is read, and it costs no liveness check (which, without a live pid, asks tmux).
   *
   * @returns the views (the last ones when the folder could not be listed) and problems
   */
  async read(): Promise<{ readonly views: readonly WorkerView[]; readonly problems: string[] }> {
    let fresh: WorkerView[];
    try {
      const statuses = await readAllStatuses(this.#ctx);
      const reused: WorkerView[] = [];
      const changed = statuses.filter((status) => {
        const settled = this.#settled.get(status.workerId);
        if (settled?.key !== keyOf(status)) return true;
        reused.push(settled.view);
        return false;
      });
      const thresholds = thresholdsOf(this.#ctx.config);
      fresh = [...reused, ...await listWorkers({ ...this.#ctx, thresholds, statuses: changed })];
      this.#settle(statuses, fresh);
    } catch (error) {
      return {
        views: this.#views,
        problems: [
          `status files: cannot read ${this.#ctx.layout.status}: ${
            errorMessage(error)
          }; showing the workers read before`,
        ],
      };
    }
    const problems: string[] = [];
    const present = new Set<string>();
    const views = fresh.map((view) => {
      present.add(view.id);
      if (view.status.state !== "error") {
        this.#good.set(view.id, view);
        return view;
      }
      const before = this.#good.get(view.id);
      const path = statusPath(this.#ctx.layout, view.id);
      problems.push(
        `status file of ${view.id}: ${view.status.error ?? "unreadable"}; ${
          before === undefined ? "shown as error" : "showing its last readable state"
        } (forge validate status ${path} explains)`,
      );
      return before ?? view;
    });
    for (const id of this.#good.keys()) if (!present.has(id)) this.#good.delete(id);
    this.#views = views;
    return { views, problems };
  }

  /**
   * Re-reads only some workers' status files; the others keep their last views (a full read()
   * must have run first, or this reads everything).
   *
   * @param ids workers whose status files changed (a missing file removes the worker)
   * @returns the views and problems, as read() gives them
   */
  async readSome(
    ids: readonly string[],
  ): Promise<{ readonly views: readonly WorkerView[]; readonly problems: string[] }> {
    if (ids.length === 0) return { views: this.#views, problems: [] };
    let fresh: WorkerView[];
    try {
      const statuses = await readSomeStatuses(this.#ctx, ids);
      const thresholds = thresholdsOf(this.#ctx.config);
      fresh = await listWorkers({ ...this.#ctx, thresholds, statuses });
    } catch {
      return await this.read();
    }
    const byId = new Map(this.#views.map((v) => [v.id as string, v]));
    for (const id of ids) byId.delete(id);
    for (const view of fresh) {
      const before = this.#good.get(view.id);
      if (view.status.state === "error") {
        byId.set(view.id, before ?? view);
        continue;
      }
      this.#good.set(view.id, view);
      this.#settled.delete(view.id);
      byId.set(view.id, view);
    }
    this.#views = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { views: this.#views, problems: [] };
  }

  /** Remembers the workers that are done for good, forgets the ones whose files went away. */
  #settle(statuses: readonly WorkerStatus[], views: readonly WorkerView[]): void {
    const present = new Set<string>(statuses.map((s) => s.workerId));
    for (const id of this.#settled.keys()) if (!present.has(id)) this.#settled.delete(id);
    for (const view of views) {
      const done = view.status.state === "stopped" || view.status.state === "failed";
      if (done && view.liveness !== "alive") {
        this.#settled.set(view.id, { key: keyOf(view.status), view });
      } else this.#settled.delete(view.id);
    }
  }
}

/** What a status file said, to tell whether it changed. */
function keyOf(status: WorkerStatus): string {
  return `${status.state}\0${JSON.stringify(status.raw)}`;
}

/**
 * Joins worker views with the engine's workers and today's cost, live workers first, then by id.
 *
 * @param views the status file views
 * @param join the engine's workers (by id) and today's cost per worker (USD)
 * @returns the rows
 */
export function fleetWorkers(
  views: readonly WorkerView[],
  join: {
    readonly tracked: ReadonlyMap<string, TrackedWorker> | undefined;
    readonly costs: ReadonlyMap<string, number>;
  },
): FleetWorker[] {
  return views
    .map((view) => {
      const t = join.tracked?.get(view.id);
      return {
        view,
        workerType: t?.workerType,
        tier: t?.tier,
        plan: t?.plan,
        workspace: view.status.workspace ?? t?.workspace,
        costTodayUsd: join.costs.get(view.id) ?? 0,
      };
    })
    .sort((a, b) => {
      const live = Number(b.view.liveness === "alive") - Number(a.view.liveness === "alive");
      return live !== 0 ? live : a.view.id < b.view.id ? -1 : a.view.id > b.view.id ? 1 : 0;
    });
}

function thresholdsOf(config: ActionContext["config"]): HealthThresholds {
  const h = config.health;
  return {
    staleMs: h.stale_minutes * 60_000,
    startingGraceMs: h.starting_grace_minutes * 60_000,
    stuckMs: h.stuck_minutes * 60_000,
    maxRssBytes: h.max_rss_mb * 1024 * 1024,
  };
}
