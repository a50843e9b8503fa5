/**
 * Task figures from `task_events`, per model, in one pass over a span: completed and failed
 * counts and the completed tasks' durations; nearest-rank percentiles of those; completions per
 * hour. Queries group by `+model`: on a plain `model` the planner walks all of `task_events_model`
 * (looking up every row) to save sorting a few groups, instead of reading the span by time.
 */
import type { Store } from "./store.ts";

/** A span `[since, until)` in epoch ms. */
export interface TaskSpan {
  readonly since: number;
  readonly until: number;
}

/** One model's tasks in a span. */
export interface TaskStats {
  readonly completed: number;
  readonly failed: number;
  /** Durations (ms) of the completed tasks whose start was seen, ascending. */
  readonly durations: Float64Array;
}

/** Nearest-rank percentiles of completed task durations. */
export interface DurationStats {
  readonly samples: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/**
 * Completed and failed tasks per model in a span, with the completed ones' durations.
 *
 * @param store the open store
 * @param span `[since, until)`
 * @returns model → stats
 */
export function taskStats(store: Store, span: TaskSpan): Map<string, TaskStats> {
  // Durations travel as one text per model: far cheaper than one result row per task.
  const rows = store.statement(
    `SELECT +model AS k, SUM(phase = 'completed') AS completed, SUM(phase = 'failed') AS failed,
       group_concat(CASE WHEN phase = 'completed' THEN duration_ms END) AS durations
     FROM task_events WHERE at >= ? AND at < ? AND phase != 'started' GROUP BY k`,
  ).all(span.since, span.until) as {
    k: string;
    completed: number;
    failed: number;
    durations: string | null;
  }[];
  return new Map(rows.map((r) => {
    const durations = r.durations === null
      ? new Float64Array(0)
      : Float64Array.from(r.durations.split(","), Number);
    return [r.k, {
      completed: Number(r.completed),
      failed: Number(r.failed),
      durations: durations.sort(),
    }];
  }));
}

/**
 * The stats of several models as one.
 *
 * @param parts per-model stats
 * @returns the sums, with every duration, ascending
 */
export function mergeTaskStats(parts: Iterable<TaskStats>): TaskStats {
  let completed = 0;
  let failed = 0;
  const all: Float64Array[] = [];
  for (const p of parts) {
    completed += p.completed;
    failed += p.failed;
    all.push(p.durations);
  }
  const durations = new Float64Array(all.reduce((n, d) => n + d.length, 0));
  let at = 0;
  for (const d of all) {
    durations.set(d, at);
    at += d.length;
  }
  return { completed, failed, durations: durations.sort() };
}

/**
 * Nearest-rank percentiles: the value at rank ⌈p/100 × n⌉ of the sorted values, so every
 * percentile is a duration that really occurred.
 *
 * @param sorted durations, ascending
 * @returns p50, p95 and p99, or undefined without values
 */
export function percentiles(sorted: Float64Array): DurationStats | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const rank = (p: number) => sorted[Math.max(1, Math.ceil((p * n) / 100)) - 1] as number;
  return { samples: n, p50: rank(50), p95: rank(95), p99: rank(99) };
}

/**
 * Duration percentiles per model in a span (the dashboard's "p95 by model").
 *
 * @param store the open store
 * @param span `[since, until)`
 * @returns model → percentiles; models without a known duration are absent
 */
export function taskDurations(store: Store, span: TaskSpan): Map<string, DurationStats> {
  const out = new Map<string, DurationStats>();
  for (const [model, s] of taskStats(store, span)) {
    const p = percentiles(s.durations);
    if (p !== undefined) out.set(model, p);
  }
  return out;
}

/**
 * Completed tasks per model and UTC hour in a span.
 *
 * @param store the open store
 * @param span `[since, until)`
 * @returns model → hour start (epoch ms) → completed tasks; hours without any are absent
 */
export function hourlyCompletions(store: Store, span: TaskSpan): Map<string, Map<number, number>> {
  const rows = store.statement(
    `SELECT +model AS k, (at / 3600000) * 3600000 AS hour, COUNT(*) AS n
     FROM task_events WHERE at >= ? AND at < ? AND phase = 'completed' GROUP BY k, hour`,
  ).all(span.since, span.until) as { k: string; hour: number; n: number }[];
  const out = new Map<string, Map<number, number>>();
  for (const r of rows) {
    let hours = out.get(r.k);
    if (hours === undefined) out.set(r.k, hours = new Map());
    hours.set(Number(r.hour), Number(r.n));
  }
  return out;
}
