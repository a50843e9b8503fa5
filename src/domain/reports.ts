/**
 * The shapes of FORGE's reports as `--json` prints them (and the HTTP API serves them): costs,
 * metrics and the audit trail. Keys are snake_case, times ISO 8601 UTC, money both as USD rounded
 * to 6 decimals (`*_usd`, for people and charts) and as whole nano-dollars (`*_nanos`, exact: sums
 * of them never drift).
 */

/** Token counts; `total` is the sum of the four. */
export interface TokenCounts {
  readonly input: number;
  readonly output: number;
  readonly cache_read: number;
  readonly cache_write: number;
  readonly total: number;
}

/** What a set of usage rows adds up to. */
export interface UsageFigures {
  /** Usage events (model calls). */
  readonly calls: number;
  readonly tokens: TokenCounts;
  /** At list price, whatever paid for it. */
  readonly cost_usd: number;
  readonly cost_nanos: number;
  /** The pay-per-token part: usage no subscription plan covered. */
  readonly billed_usd: number;
  readonly billed_nanos: number;
}

/** Usage of one time span `[since, until)`. */
export interface CostPeriodReport extends UsageFigures {
  readonly since: string;
  readonly until: string;
}

/** Month-end projection: month-to-date spend / elapsed days × days in the month. */
export interface CostProjection {
  /** `YYYY-MM` (UTC). */
  readonly month: string;
  /** Days since the 1st 00:00 UTC, at least 1 (a first hour is no basis for a month). */
  readonly days_elapsed: number;
  readonly days_in_month: number;
  /** How far to trust the projection: days elapsed / 7, at most 1. */
  readonly confidence: number;
  readonly cost_usd: number;
  readonly billed_usd: number;
  readonly billed_nanos: number;
  readonly projected_cost_usd: number;
  readonly projected_billed_usd: number;
  readonly projected_billed_nanos: number;
  /** Sum of the enabled plans' `monthly_cost`. */
  readonly subscription_fees_usd: number;
  /** Projected pay-per-token spend plus subscription fees. */
  readonly projected_total_usd: number;
}

/** How plan usage compares with the share of its window that has passed. */
export type PlanPace = "ahead" | "on_pace" | "behind";

/** One subscription plan's usage in its current window. */
export interface PlanUsageReport {
  readonly name: string;
  readonly unit: "tokens" | "requests" | "messages" | "unlimited";
  /** In `unit` (tokens: input + output + cache read + cache write; requests, messages: calls). */
  readonly used: number;
  readonly limit: number | null;
  readonly percent_used: number | null;
  readonly window_start: string;
  readonly window_end: string;
  /** When the whole quota is back; null for rolling windows. */
  readonly resets_at: string | null;
  /** Share of a calendar window already passed; null for rolling windows. */
  readonly percent_elapsed: number | null;
  /** `ahead`: used more than 10 points above the time passed; null without limit or calendar. */
  readonly pace: PlanPace | null;
  readonly monthly_cost_usd: number;
  readonly calls: number;
  readonly cost_usd: number;
}

/** Whether a budget alert is about spend so far or about the month-end projection. */
export type BudgetBasis = "actual" | "projected";

/** A budget threshold the month has crossed. */
export interface BudgetAlertReport {
  /** `budget:YYYY-MM:<percent>:<actual|projected>`; fires once per month. */
  readonly key: string;
  readonly percent: number;
  readonly basis: BudgetBasis;
  readonly severity: "warning" | "critical";
  readonly message: string;
  /** When it first fired. */
  readonly at: string;
  /** True when this run recorded it. */
  readonly new: boolean;
}

/** The month's pay-per-token spend against `budget.monthly_usd`. */
export interface BudgetReport {
  readonly monthly_usd: number | null;
  readonly billed_usd: number;
  readonly percent_used: number | null;
  readonly projected_billed_usd: number;
  readonly projected_percent: number | null;
  /** Thresholds crossed this month, lowest first. */
  readonly alerts: readonly BudgetAlertReport[];
}

/** `forge costs --json`: today, this week, this month, projection, plans and budget. */
export interface CostReport {
  readonly generated_at: string;
  readonly today: CostPeriodReport;
  readonly week: CostPeriodReport;
  readonly month: CostPeriodReport;
  /** The span asked for with `--since` / `--until`, if any. */
  readonly range: CostPeriodReport | null;
  readonly projection: CostProjection;
  readonly plans: readonly PlanUsageReport[];
  readonly budget: BudgetReport;
}

/** What costs can be grouped by. */
export type CostDimension = "model" | "worker" | "bead" | "workspace" | "plan";

/** Every cost dimension, in the order help lists them. */
export const COST_DIMENSIONS: readonly CostDimension[] = [
  "model",
  "worker",
  "bead",
  "workspace",
  "plan",
];

/** One group of a cost breakdown. */
export interface CostRowReport extends UsageFigures {
  /** Model, worker id, bead id, workspace or plan; null for no bead, or for pay-per-token. */
  readonly key: string | null;
  /** The bead's workspace (by bead only). */
  readonly workspace?: string;
}

/** `forge costs --by … --json`: one span grouped by a dimension, biggest cost first. */
export interface CostBreakdownReport {
  readonly generated_at: string;
  readonly since: string;
  readonly until: string;
  readonly by: CostDimension;
  readonly rows: readonly CostRowReport[];
  readonly total: UsageFigures;
}

/** Nearest-rank percentiles of completed task durations. */
export interface DurationReport {
  readonly samples: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
}

/** Tasks completed in one hour. */
export interface HourCount {
  readonly hour: string;
  readonly completed: number;
}

/** Task and cost figures of a period. */
export interface MetricsFigures {
  readonly tasks_completed: number;
  readonly tasks_failed: number;
  /** completed / (completed + failed); null without finished tasks. */
  readonly success_rate: number | null;
  /** Null when no completed task has a duration. */
  readonly duration: DurationReport | null;
  /** Completed tasks per hour over the whole period. */
  readonly throughput_per_hour: number;
  /** Completed tasks per hour over the last 24 hours, oldest first. */
  readonly hourly: readonly HourCount[];
  /** List cost of the usage in the period. */
  readonly cost_usd: number;
  readonly cost_nanos: number;
  /** cost / tasks completed; null without completed tasks. */
  readonly cost_per_task_usd: number | null;
}

/** Metrics of one model. */
export interface ModelMetricsReport extends MetricsFigures {
  readonly model: string;
}

/** `forge metrics --json`. */
export interface MetricsReport {
  readonly generated_at: string;
  readonly since: string;
  readonly until: string;
  readonly models: readonly ModelMetricsReport[];
  readonly total: MetricsFigures;
}

/** One entry of the audit trail. */
export interface AuditEntryReport {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly interface: string;
  readonly action: string;
  readonly target: string;
  readonly outcome: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** `forge audit --json`: entries newest first. */
export interface AuditReport {
  readonly generated_at: string;
  readonly since: string;
  readonly entries: readonly AuditEntryReport[];
}

/**
 * USD for people: nano-dollars rounded to 6 decimals.
 *
 * @param nanos whole nano-dollars
 * @returns USD
 * @example
 * ```ts
 * nanosToUsd(12_345_678_901); // 12.345679
 * ```
 */
export function nanosToUsd(nanos: number): number {
  return Math.round(nanos / 1000) / 1_000_000;
}

/**
 * Nano-dollars of a USD amount (configuration values, budgets).
 *
 * @param usd dollars
 * @returns whole nano-dollars
 */
export function usdToNanos(usd: number): number {
  return Math.round(usd * 1e9);
}
