/**
 * `forge costs --by …`: one span's usage grouped by model, worker, bead, workspace or plan.
 */
import type { CostBreakdownReport, CostDimension, CostRowReport } from "../domain/mod.ts";
import { toIso } from "../domain/mod.ts";
import { usageFigures } from "./_figures.ts";
import type { Store } from "./store.ts";
import { snapSpan } from "./_usage_segments.ts";
import { addSums, NO_USAGE, type UsageGroup, usageGroups, usageTotals } from "./usage_totals.ts";

function rowOf(by: CostDimension, g: UsageGroup): CostRowReport {
  // Pay-per-token usage has plan "" in the store; reports say null, as for "no bead".
  const key = by === "plan" && g.key === "" ? null : g.key;
  return {
    key,
    ...(g.workspace === undefined ? {} : { workspace: g.workspace }),
    ...usageFigures(g),
  };
}

/**
 * Groups the usage of `[since, until)` by one dimension.
 *
 * @param store the open store
 * @param options the span, the dimension, the current time (for `generated_at`), and a limit
 * @returns rows biggest cost first, and the span's total
 */
export function costBreakdown(
  store: Store,
  options: {
    readonly since: number;
    readonly until: number;
    readonly by: CostDimension;
    readonly now: number;
    /** Keep only the biggest groups (dashboards); the total still covers every group. */
    readonly limit?: number;
  },
): CostBreakdownReport {
  // Rollups answer whole hours: the report states the widened span it really covers.
  const range = snapSpan(options.since, options.until);
  const groups = usageGroups(store, {
    ...range,
    by: options.by,
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
  return {
    generated_at: toIso(options.now),
    since: toIso(range.since),
    until: toIso(range.until),
    by: options.by,
    rows: groups.map((g) => rowOf(options.by, g)),
    // Every usage row is in exactly one group (by bead, usage without one is the null group).
    total: usageFigures(
      options.limit === undefined ? groups.reduce(addSums, NO_USAGE) : usageTotals(store, range),
    ),
  };
}
