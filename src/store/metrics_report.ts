/**
 * `forge metrics`: per model, tasks completed and failed, success rate, duration percentiles,
 * throughput (over the period and hour by hour for its last 24 hours) and list cost per completed
 * task; and the same over all models. The period is widened to whole UTC hours, as the usage
 * rollups answer it, and tasks are counted over that same span, so cost per task divides figures
 * of one span; the report states it.
 */
import type { MetricsFigures, MetricsReport, ModelMetricsReport } from "../domain/mod.ts";
import { nanosToUsd, toIso } from "../domain/mod.ts";
import { round } from "./_figures.ts";
import { snapSpan } from "./_usage_segments.ts";
import type { Store } from "./store.ts";
import {
  hourlyCompletions,
  mergeTaskStats,
  percentiles,
  type TaskStats,
  taskStats,
} from "./task_stats.ts";
import { usageGroups } from "./usage_totals.ts";

const HOUR = 3_600_000;

/** The period of a metrics report. */
export interface MetricsOptions {
  readonly since: number;
  readonly until: number;
  readonly now: number;
}

/** The frame every group shares: the last day's hours and how long the period has run. */
interface Frame {
  readonly hours: readonly number[];
  /** Milliseconds of the period that have passed (all of it once it is over). */
  readonly span: number;
}

function figures(
  g: { stats: TaskStats | undefined; hours: ReadonlyMap<number, number> | undefined; cost: number },
  frame: Frame,
): MetricsFigures {
  const completed = g.stats?.completed ?? 0;
  const failed = g.stats?.failed ?? 0;
  const d = g.stats === undefined ? undefined : percentiles(g.stats.durations);
  return {
    tasks_completed: completed,
    tasks_failed: failed,
    success_rate: completed + failed === 0 ? null : round(completed / (completed + failed), 4),
    duration: d === undefined
      ? null
      : { samples: d.samples, p50_ms: d.p50, p95_ms: d.p95, p99_ms: d.p99 },
    throughput_per_hour: round(completed / (frame.span / HOUR), 4),
    hourly: frame.hours.map((h) => ({ hour: toIso(h), completed: g.hours?.get(h) ?? 0 })),
    cost_usd: nanosToUsd(g.cost),
    cost_nanos: g.cost,
    cost_per_task_usd: completed === 0 ? null : nanosToUsd(Math.round(g.cost / completed)),
  };
}

/** The 24 hour buckets ending with the one that holds the period's last instant. */
function lastDay(options: MetricsOptions): { hours: number[]; since: number; until: number } {
  const end = Math.min(options.until, options.now);
  const last = Math.floor((end - 1) / HOUR) * HOUR;
  const hours = Array.from({ length: 24 }, (_, i) => last - (23 - i) * HOUR);
  return { hours, since: hours[0] as number, until: end };
}

function sumHours(maps: Iterable<ReadonlyMap<number, number>>): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of maps) for (const [h, n] of m) out.set(h, (out.get(h) ?? 0) + n);
  return out;
}

/**
 * Builds the metrics of `[since, until)` widened to whole UTC hours.
 *
 * @param store the open store
 * @param options the period and the current time
 * @returns figures per model (by name) and over all models, with the widened period
 */
export function metricsReport(store: Store, options: MetricsOptions): MetricsReport {
  const range = snapSpan(options.since, options.until);
  const day = lastDay({ ...range, now: options.now });
  // Widening pushes `until` up to an hour past now: a rate over time that has not passed yet
  // would understate throughput (badly for `--since 1h`), so only the elapsed part counts.
  const end = options.now > range.since ? Math.min(range.until, options.now) : range.until;
  const frame: Frame = { hours: day.hours, span: Math.max(1, end - range.since) };
  const stats = taskStats(store, range);
  const hours = hourlyCompletions(store, { since: day.since, until: day.until });
  const costs = new Map(
    usageGroups(store, { ...range, by: "model" }).map((g) => [g.key ?? "", g.costNanos]),
  );
  const names = new Set([...stats.keys(), ...costs.keys(), ...hours.keys()]);
  const models: ModelMetricsReport[] = [...names].sort().map((model) => ({
    model,
    ...figures(
      { stats: stats.get(model), hours: hours.get(model), cost: costs.get(model) ?? 0 },
      frame,
    ),
  }));
  // Every task event and usage row has one model: the models add up to the total.
  const total = figures({
    stats: mergeTaskStats(stats.values()),
    hours: sumHours(hours.values()),
    cost: [...costs.values()].reduce((n, c) => n + c, 0),
  }, frame);
  return {
    generated_at: toIso(options.now),
    since: toIso(range.since),
    until: toIso(range.until),
    models,
    total,
  };
}
