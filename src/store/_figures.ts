/**
 * Store sums to report figures: snake_case, USD rounded to 6 decimals next to exact nano-dollars.
 */
import type { CostPeriodReport, UsageFigures } from "../domain/mod.ts";
import { nanosToUsd, toIso } from "../domain/mod.ts";
import type { TimeRange } from "./periods.ts";
import type { UsageSums } from "./usage_totals.ts";
import { snapSpan } from "./_usage_segments.ts";

/**
 * The report form of usage sums.
 *
 * @param s the sums
 * @returns calls, tokens, cost and billed
 */
export function usageFigures(s: UsageSums): UsageFigures {
  return {
    calls: s.calls,
    tokens: {
      input: s.input,
      output: s.output,
      cache_read: s.cacheRead,
      cache_write: s.cacheWrite,
      total: s.input + s.output + s.cacheRead + s.cacheWrite,
    },
    cost_usd: nanosToUsd(s.costNanos),
    cost_nanos: s.costNanos,
    billed_usd: nanosToUsd(s.billedNanos),
    billed_nanos: s.billedNanos,
  };
}

/**
 * The report form of a span's usage.
 *
 * @param range the span
 * @param s its sums
 * @returns since, until and the figures
 */
export function periodFigures(range: TimeRange, s: UsageSums): CostPeriodReport {
  // The figures cover the span widened to whole hours (rollups); say so.
  const span = snapSpan(range.since, range.until);
  return { since: toIso(span.since), until: toIso(span.until), ...usageFigures(s) };
}

/**
 * Rounds for reports (percentages, rates, days).
 *
 * @param value the number
 * @param digits decimals to keep
 * @returns the rounded number
 */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
