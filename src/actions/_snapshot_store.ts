/**
 * The store's part of the fleet snapshot: costs, plans, metrics, alerts and routing, read at most
 * every few seconds and kept in between (the figures move slowly; status and logs do not).
 * Unless the caller lends its own store, the database is opened for each read and closed again:
 * no handle is held between reads, a replaced or repaired file is seen at the next read, and a
 * short busy timeout bounds how long a read can wait. In WAL mode reads never hold up the
 * engine's writes; the one write here is costReport() recording a newly crossed budget
 * threshold, a single-statement transaction.
 */
import type {
  CostReport,
  CostRowReport,
  FleetAlert,
  FleetRouting,
  MetricsReport,
  PlanUsageReport,
} from "../domain/mod.ts";
import { errorMessage, ForgeError, nanosToUsd } from "../domain/mod.ts";
import type { AlertRow } from "../store/mod.ts";
import {
  calendarPeriods,
  costBreakdown,
  costReport,
  listAlerts,
  metricsReport,
  recentHours,
  recentRouting,
  Store,
  usageTotals,
} from "../store/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** How often the store is read at most. */
export const STORE_REFRESH_MS = 5_000;
/** How long a read waits for another process's lock before it gives up until the next one. */
const BUSY_TIMEOUT_MS = 250;
const HOUR = 3_600_000;
const ROUTING_ROWS = 50;
const OPEN_ALERTS = 200;
/** Acknowledged alerts stay listed this long after they were acknowledged. */
const ACKED_KEPT_MS = 24 * HOUR;

/** What the store says. */
export interface StoreFigures {
  readonly costs: CostReport | undefined;
  readonly costByModel: readonly CostRowReport[];
  /** Today's list cost per worker id, USD. */
  readonly costByWorker: ReadonlyMap<string, number>;
  readonly hourlyCostUsd: readonly number[];
  readonly plans: readonly PlanUsageReport[];
  readonly metrics: MetricsReport | undefined;
  readonly alerts: readonly FleetAlert[];
  readonly routing: readonly FleetRouting[];
}

/** Figures before the store was ever read. */
export const NO_FIGURES: StoreFigures = {
  costs: undefined,
  costByModel: [],
  costByWorker: new Map(),
  hourlyCostUsd: Array.from({ length: 24 }, () => 0),
  plans: [],
  metrics: undefined,
  alerts: [],
  routing: [],
};

/** The store's figures, cached between reads. */
export class StoreReader {
  readonly #ctx: Pick<ActionContext, "fs" | "clock" | "layout" | "config">;
  readonly #lent: Store | undefined;
  #figures: StoreFigures = NO_FIGURES;
  #readAt: number | undefined;
  #problem: string | undefined;

  /**
   * @param ctx ports, FORGE home and configuration (budget, plans)
   * @param lent an open store to use instead of opening one (never closed here)
   */
  constructor(ctx: Pick<ActionContext, "fs" | "clock" | "layout" | "config">, lent?: Store) {
    this.#ctx = ctx;
    this.#lent = lent;
  }

  /**
   * The figures, read again when the last read (or attempt) is old enough.
   *
   * @returns the latest figures read, and why the last attempt failed (undefined when it did not)
   */
  async figures(): Promise<{ readonly figures: StoreFigures; readonly problem?: string }> {
    const now = this.#ctx.clock.now();
    const due = this.#readAt === undefined || now < this.#readAt ||
      now - this.#readAt >= STORE_REFRESH_MS;
    if (due) {
      this.#readAt = now;
      try {
        this.#figures = await this.#read(now);
        this.#problem = undefined;
      } catch (error) {
        this.#problem = this.#explain(error);
      }
    }
    return this.#problem === undefined
      ? { figures: this.#figures }
      : { figures: this.#figures, problem: this.#problem };
  }

  async #read(now: number): Promise<StoreFigures> {
    if (this.#lent !== undefined) return readFigures(this.#lent, { ctx: this.#ctx, now });
    const path = this.#ctx.layout.database;
    if (await this.#ctx.fs.stat(path) === undefined) {
      throw new ForgeError("NOT_FOUND", `no database at ${path} yet`, {
        hint: "it is created when the orchestrator or any forge command first runs",
      });
    }
    const store = Store.open(path, { busyTimeoutMs: BUSY_TIMEOUT_MS });
    try {
      return readFigures(store, { ctx: this.#ctx, now });
    } finally {
      store.close();
    }
  }

  #explain(error: unknown): string {
    const hint = error instanceof ForgeError && error.hint !== undefined ? ` (${error.hint})` : "";
    const kept = this.#figures === NO_FIGURES
      ? "costs, metrics, alerts and routing are not shown yet"
      : "costs, metrics, alerts and routing are from the last good read";
    return `store: ${errorMessage(error)}${hint}; ${kept}`;
  }
}

function readFigures(
  store: Store,
  options: {
    readonly ctx: Pick<ActionContext, "config">;
    readonly now: number;
  },
): StoreFigures {
  const { now, ctx } = options;
  const today = calendarPeriods(now).today;
  const costs = costReport(store, { now, config: ctx.config });
  const byModel = costBreakdown(store, { ...today, by: "model", now });
  const byWorker = costBreakdown(store, { ...today, by: "worker", now });
  const day = recentHours(now, 24);
  return {
    costs,
    costByModel: byModel.rows,
    costByWorker: new Map(
      byWorker.rows.flatMap((r) => r.key === null ? [] : [[r.key, r.cost_usd]]),
    ),
    hourlyCostUsd: Array.from({ length: 24 }, (_, i) => {
      const since = day.since + i * HOUR;
      return nanosToUsd(usageTotals(store, { since, until: since + HOUR }).costNanos);
    }),
    plans: costs.plans,
    metrics: metricsReport(store, { ...day, now }),
    alerts: alertsOf(store, now),
    routing: recentRouting(store, ROUTING_ROWS).map((r) => ({
      at: r.at,
      beadId: r.beadId,
      workspace: r.workspace,
      score: r.score,
      tier: r.tier,
      model: r.model,
      plan: r.plan,
      outcome: r.outcome,
      reason: r.reason,
    })),
  };
}

/** Open alerts, and those acknowledged in the last day, newest first. */
function alertsOf(store: Store, now: number): FleetAlert[] {
  const open = listAlerts(store, { all: false, limit: OPEN_ALERTS });
  const recent = listAlerts(store, { all: true, limit: OPEN_ALERTS }).filter((a) =>
    a.acknowledgedAt !== undefined && now - a.acknowledgedAt <= ACKED_KEPT_MS
  );
  return [...open, ...recent]
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .map(fleetAlert);
}

function fleetAlert(a: AlertRow): FleetAlert {
  const severity = a.severity === "critical" || a.severity === "info" ? a.severity : "warning";
  return {
    id: a.id,
    at: a.at,
    severity,
    kind: a.kind,
    subject: a.subject,
    message: a.message,
    acknowledged: a.acknowledgedAt !== undefined,
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedBy,
  };
}
