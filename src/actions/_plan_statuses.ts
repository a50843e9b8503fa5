/**
 * The subscription plans as routing sees them (quota left, pace, reset) and whether pay-per-token
 * models may still be used this month, from the store's current usage. The orchestrator and
 * `forge assign` route with the same figures.
 */
import type { Clock, Config } from "../domain/mod.ts";
import type { PlanStatus } from "../orchestrator/mod.ts";
import type { Store } from "../store/mod.ts";
import { monthProjection, planUsage } from "../store/mod.ts";

/** Plans and the budget verdict. */
export interface PlanStatuses {
  readonly plans: PlanStatus[];
  readonly payPerTokenAllowed: boolean;
}

/**
 * Reads every enabled plan's usage and the month's projected pay-per-token spend.
 *
 * @param ctx the open store, the configuration and the clock
 * @returns the plans for routing, and whether the budget allows pay-per-token work
 */
export function planStatuses(
  ctx: { readonly store: Store; readonly config: Config; readonly clock: Clock },
): PlanStatuses {
  const now = ctx.clock.now();
  const configured = new Map(ctx.config.subscriptions.map((p) => [p.name, p]));
  const plans = planUsage(ctx.store, { plans: ctx.config.subscriptions, now }).map(
    (r): PlanStatus => {
      const plan = configured.get(r.name);
      return {
        name: r.name,
        models: plan?.models ?? [],
        remaining: r.limit === null ? undefined : Math.max(0, 1 - r.used / Math.max(1, r.limit)),
        pace: r.percent_used === null || r.percent_elapsed === null
          ? 0
          : r.percent_used - r.percent_elapsed,
        resetsAt: r.resets_at === null ? undefined : Date.parse(r.resets_at),
        maxWorkers: plan?.max_workers,
        tier: plan?.tier,
      };
    },
  );
  const budget = ctx.config.budget.monthly_usd;
  const projected = budget === undefined
    ? 0
    : monthProjection(ctx.store, { now, plans: ctx.config.subscriptions }).projected_billed_usd;
  return { plans, payPerTokenAllowed: budget === undefined || projected < budget };
}
