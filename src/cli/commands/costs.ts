/**
 * `forge costs`: what usage cost, today, this week and this month (UTC), where it went (`--by`),
 * the month-end projection, subscription plans and the budget. Logs are ingested first, so the
 * figures are current with or without a running orchestrator. A `--since` / `--until` span is
 * answered in whole UTC hours; the output says so when that widened it.
 */
import type {
  BudgetReport,
  CostBreakdownReport,
  CostDimension,
  CostReport,
} from "../../domain/mod.ts";
import { COST_DIMENSIONS, UsageError } from "../../domain/mod.ts";
import {
  calendarPeriods,
  checkBudget,
  costBreakdown,
  costReport,
  monthProjection,
  type TimeRange,
} from "../../store/mod.ts";
import type { CliContext } from "../context.ts";
import { withIngestedStore } from "../store.ts";
import {
  costBreakdownCsv,
  costBreakdownLines,
  costSummaryCsv,
  costSummaryLines,
  highestAlerts,
} from "./_costs_view.ts";
import { parseSpan } from "./_when.ts";

/** Flags of `forge costs`. */
export interface CostsInput {
  readonly since: string | undefined;
  readonly until: string | undefined;
  readonly by: string | undefined;
  readonly csv: boolean;
}

function parseBy(by: string | undefined): CostDimension | undefined {
  if (by === undefined) return undefined;
  const dimension = COST_DIMENSIONS.find((d) => d === by.trim().toLowerCase());
  if (dimension === undefined) {
    throw new UsageError(
      `Cannot group costs by "${by}": expected one of ${COST_DIMENSIONS.join(", ")}`,
    );
  }
  return dimension;
}

/** The span asked for: this month by default, until now once `--since` is given. */
function spanOf(input: CostsInput, now: number): TimeRange {
  const month = calendarPeriods(now).month;
  return parseSpan(input, {
    now,
    since: month.since,
    until: input.since === undefined ? month.until : now,
  });
}

/** One warning per basis for the thresholds this run crossed: the highest says enough. */
function warnNewAlerts(ctx: CliContext, budget: BudgetReport): void {
  for (const a of highestAlerts(budget.alerts.filter((a) => a.new))) {
    ctx.out.warn(`budget: ${a.message}`);
  }
}

/**
 * Runs `forge costs`.
 *
 * @param ctx the CLI context
 * @param input the flags
 * @returns exit code 0
 * @throws {UsageError} for unreadable flags (before anything is read)
 */
export async function runCosts(ctx: CliContext, input: CostsInput): Promise<number> {
  if (input.csv && ctx.globals.json) {
    throw new UsageError("Cannot print costs as both JSON and CSV: choose --json or --csv");
  }
  const by = parseBy(input.by);
  const now = ctx.clock.now();
  const asked = input.since !== undefined || input.until !== undefined;
  const span = by !== undefined || asked ? spanOf(input, now) : undefined;
  return await withIngestedStore(ctx, ({ store, config }) => {
    if (by === undefined) {
      const report = costReport(store, {
        now,
        config,
        ...(span === undefined ? {} : { range: span }),
      });
      warnNewAlerts(ctx, report.budget);
      const lines = (r: CostReport) => costSummaryLines(r, span);
      show(ctx, { report, csv: input.csv, toCsv: costSummaryCsv, lines });
      return 0;
    }
    const range = span as TimeRange;
    const report = costBreakdown(store, { ...range, by, now });
    const projection = monthProjection(store, { now, plans: config.subscriptions });
    warnNewAlerts(ctx, checkBudget(store, { budget: config.budget, projection, now }));
    const lines = (r: CostBreakdownReport) => costBreakdownLines(r, range);
    show(ctx, { report, csv: input.csv, toCsv: costBreakdownCsv, lines });
    return 0;
  });
}

/** Prints a report as JSON, CSV or lines. */
function show<R>(
  ctx: CliContext,
  view: {
    readonly report: R;
    readonly csv: boolean;
    readonly toCsv: (r: R) => string;
    readonly lines: (r: R) => string[];
  },
): void {
  if (ctx.globals.json) ctx.out.printJson(view.report);
  else if (view.csv) ctx.out.write(view.toCsv(view.report));
  else for (const line of view.lines(view.report)) ctx.out.print(line);
}
