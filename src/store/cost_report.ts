/**
 * `forge costs` without `--by`: today, this week and this month (UTC), an optional span, the
 * month-end projection, subscription plans and the budget, with crossed budget thresholds
 * recorded as alerts.
 */
import type { Config, CostReport } from "../domain/mod.ts";
import { toIso } from "../domain/mod.ts";
import { periodFigures } from "./_figures.ts";
import { checkBudget } from "./check_budget.ts";
import { projectMonth } from "./month_projection.ts";
import { calendarPeriods, type TimeRange } from "./periods.ts";
import { planUsage } from "./plan_usage.ts";
import type { Store } from "./store.ts";
import { usageTotals } from "./usage_totals.ts";

/** What the cost report is about. */
export interface CostReportOptions {
  readonly now: number;
  readonly config: Pick<Config, "budget" | "subscriptions">;
  /** A span asked for besides the calendar ones. */
  readonly range?: TimeRange;
}

/**
 * Builds the cost summary. Records newly crossed budget thresholds (see checkBudget).
 *
 * @param store the open store
 * @param options the current time, budget and plans, and an optional span
 * @returns the report
 * @throws {ForgeError} when the database is locked for longer than its busy timeout
 */
export function costReport(store: Store, options: CostReportOptions): CostReport {
  const { now, config } = options;
  const periods = calendarPeriods(now);
  const month = usageTotals(store, periods.month);
  const projection = projectMonth(month, { now, plans: config.subscriptions });
  return {
    generated_at: toIso(now),
    today: periodFigures(periods.today, usageTotals(store, periods.today)),
    week: periodFigures(periods.week, usageTotals(store, periods.week)),
    month: periodFigures(periods.month, month),
    range: options.range === undefined
      ? null
      : periodFigures(options.range, usageTotals(store, options.range)),
    projection,
    plans: planUsage(store, { plans: config.subscriptions, now }),
    budget: checkBudget(store, { budget: config.budget, projection, now }),
  };
}
