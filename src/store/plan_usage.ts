/**
 * Subscription plans against their quotas: usage in each plan's current window, in the plan's
 * unit, and whether it runs ahead of or behind the time that has passed.
 */
import type { PlanPace, PlanUsageReport, PlanWindow, SubscriptionPlan } from "../domain/mod.ts";
import { nanosToUsd, planWindow, toIso } from "../domain/mod.ts";
import { round } from "./_figures.ts";
import { snapSpan } from "./_usage_segments.ts";
import type { Store } from "./store.ts";
import { type UsageSums, usageTotals } from "./usage_totals.ts";

/** Points of difference between quota used and time passed that still count as on pace. */
const PACE_SLACK = 10;

function usedIn(unit: SubscriptionPlan["unit"], s: UsageSums): number {
  switch (unit) {
    case "tokens":
    case "unlimited":
      return s.input + s.output + s.cacheRead + s.cacheWrite;
    case "requests":
    case "messages":
      return s.calls;
    default: {
      const unreachable: never = unit;
      throw new TypeError(`Cannot count usage in unit "${String(unreachable)}"`);
    }
  }
}

function paceOf(percentUsed: number | null, percentElapsed: number | null): PlanPace | null {
  if (percentUsed === null || percentElapsed === null) return null;
  const lead = percentUsed - percentElapsed;
  if (lead > PACE_SLACK) return "ahead";
  if (lead < -PACE_SLACK) return "behind";
  return "on_pace";
}

/**
 * One plan's usage in its current window (pure: no database).
 *
 * @param plan the plan
 * @param options the window's usage sums, its bounds, and the current time
 * @returns the report
 */
export function planReport(
  plan: SubscriptionPlan,
  options: {
    readonly sums: UsageSums;
    readonly window: PlanWindow;
    readonly now: number;
  },
): PlanUsageReport {
  const { sums, window: w, now } = options;
  const used = usedIn(plan.unit, sums);
  const limit = plan.unit === "unlimited" ? null : plan.limit ?? null;
  const percentUsed = limit === null || limit === 0 ? null : round((used / limit) * 100, 2);
  const calendar = plan.window.kind !== "rolling";
  const percentElapsed = calendar
    ? round(Math.min(100, Math.max(0, ((now - w.start) / (w.end - w.start)) * 100)), 2)
    : null;
  return {
    name: plan.name,
    unit: plan.unit,
    used,
    limit,
    percent_used: percentUsed,
    window_start: toIso(w.start),
    window_end: toIso(w.end),
    resets_at: w.resetsAt === undefined ? null : toIso(w.resetsAt),
    percent_elapsed: percentElapsed,
    pace: paceOf(percentUsed, percentElapsed),
    monthly_cost_usd: plan.monthly_cost,
    calls: sums.calls,
    cost_usd: nanosToUsd(sums.costNanos),
  };
}

/**
 * Every enabled plan's usage in its current window. Usage belongs to the plan recorded on its
 * row when it was ingested (the first enabled plan covering the model at the time). The window is
 * counted in whole UTC hours, as the rollups answer it: calendar windows start on the hour
 * already, a rolling one ("the last 5 hours") is widened, and the report states the widened
 * window, so usage is over- rather than under-counted against a quota.
 *
 * @param store the open store
 * @param options the configured plans and the current time
 * @returns one report per enabled plan, in configuration order
 */
export function planUsage(
  store: Store,
  options: { readonly plans: readonly SubscriptionPlan[]; readonly now: number },
): PlanUsageReport[] {
  return options.plans.filter((p) => p.enabled).map((plan) => {
    const w = planWindow(plan, options.now);
    const counted = snapSpan(w.start, w.end);
    const sums = usageTotals(store, { ...counted, plan: plan.name });
    const window = { ...w, start: counted.since, end: counted.until };
    return planReport(plan, { sums, window, now: options.now });
  });
}
