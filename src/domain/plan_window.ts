/**
 * Subscription plans: which plan covers a model, and the window its quota is counted in (a month
 * from a day, a week from a weekday and hour, or the last N hours, as agent plans really work).
 */
import type { SubscriptionPlan } from "./config_schema.ts";
import { modelMatches } from "./prices.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The span usage is counted in, and when the quota next resets. */
export interface PlanWindow {
  readonly start: number;
  readonly end: number;
  /** When the whole quota is back; undefined for rolling windows, which free up continuously. */
  readonly resetsAt: number | undefined;
}

/**
 * The first enabled plan whose models cover a model.
 *
 * @param model a model name
 * @param plans the configured plans, in order
 * @returns the plan, or undefined for pay-per-token use
 */
export function planForModel(
  model: string,
  plans: readonly SubscriptionPlan[],
): SubscriptionPlan | undefined {
  return plans.find((p) => p.enabled && p.models.some((pattern) => modelMatches(model, pattern)));
}

/**
 * The current window of a plan.
 *
 * @param plan the plan
 * @param now the current time (epoch ms)
 * @returns start, end and reset of the window containing `now` (all UTC)
 */
export function planWindow(plan: SubscriptionPlan, now: number): PlanWindow {
  const w = plan.window;
  switch (w.kind) {
    case "rolling":
      return { start: now - w.hours * HOUR, end: now, resetsAt: undefined };
    case "weekly": {
      const d = new Date(now);
      const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), w.hour);
      let start = today - ((d.getUTCDay() - w.weekday + 7) % 7) * DAY;
      if (start > now) start -= 7 * DAY;
      return { start, end: start + 7 * DAY, resetsAt: start + 7 * DAY };
    }
    case "monthly": {
      const d = new Date(now);
      let start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), w.day);
      if (start > now) start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, w.day);
      const s = new Date(start);
      const end = Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 1, w.day);
      return { start, end, resetsAt: end };
    }
    default: {
      const unreachable: never = w;
      throw new TypeError(
        `Cannot compute the window of plan "${plan.name}": ${JSON.stringify(unreachable)}`,
      );
    }
  }
}
