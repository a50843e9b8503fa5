/**
 * Month-end projection: spend so far divided by the days elapsed, times the days in the month,
 * plus the fixed fees of the enabled subscription plans.
 */
import type { CostProjection, SubscriptionPlan } from "../domain/mod.ts";
import { nanosToUsd, usdToNanos } from "../domain/mod.ts";
import { round } from "./_figures.ts";
import { calendarPeriods } from "./periods.ts";
import type { Store } from "./store.ts";
import { type UsageSums, usageTotals } from "./usage_totals.ts";

const DAY = 86_400_000;

/** What a projection needs besides the month's sums. */
export interface ProjectionOptions {
  readonly now: number;
  readonly plans: readonly SubscriptionPlan[];
}

/**
 * Projects the month from its sums so far (pure: no database).
 *
 * @param month the month-to-date usage sums
 * @param options the current time and the configured plans
 * @returns the projection
 */
export function projectMonth(month: UsageSums, options: ProjectionOptions): CostProjection {
  const span = calendarPeriods(options.now).month;
  const daysInMonth = (span.until - span.since) / DAY;
  // A first hour is no basis for a month: count at least one whole day.
  const elapsed = Math.min(daysInMonth, Math.max(1, (options.now - span.since) / DAY));
  const scale = (nanos: number) => Math.round((nanos * daysInMonth) / elapsed);
  const fees = options.plans.filter((p) => p.enabled)
    .reduce((sum, p) => sum + usdToNanos(p.monthly_cost), 0);
  const projectedBilled = scale(month.billedNanos);
  return {
    month: new Date(span.since).toISOString().slice(0, 7),
    days_elapsed: round(elapsed, 4),
    days_in_month: daysInMonth,
    confidence: round(Math.min(1, elapsed / 7), 4),
    cost_usd: nanosToUsd(month.costNanos),
    billed_usd: nanosToUsd(month.billedNanos),
    billed_nanos: month.billedNanos,
    projected_cost_usd: nanosToUsd(scale(month.costNanos)),
    projected_billed_usd: nanosToUsd(projectedBilled),
    projected_billed_nanos: projectedBilled,
    subscription_fees_usd: nanosToUsd(fees),
    projected_total_usd: nanosToUsd(projectedBilled + fees),
  };
}

/**
 * The current month's projection, read from the store.
 *
 * @param store the open store
 * @param options the current time and the configured plans
 * @returns the projection
 */
export function monthProjection(store: Store, options: ProjectionOptions): CostProjection {
  return projectMonth(usageTotals(store, calendarPeriods(options.now).month), options);
}
