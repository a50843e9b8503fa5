/**
 * How `forge costs` reads: aligned tables for people, CSV for spreadsheets. JSON is the report
 * itself (src/domain/reports.ts).
 */
import type {
  BudgetAlertReport,
  BudgetReport,
  CostBreakdownReport,
  CostPeriodReport,
  CostReport,
  CostRowReport,
  PlanUsageReport,
  UsageFigures,
} from "../../domain/mod.ts";
import { formatTable } from "../output.ts";
import {
  type AskedSpan,
  formatAsked,
  formatCount,
  formatMinute,
  formatPercent,
  formatSpan,
  formatUsd,
  isWidened,
  toCsv,
} from "./_report_format.ts";

const FIGURE_HEADER = ["CALLS", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "COST", "BILLED"];

function figureCells(f: UsageFigures): string[] {
  return [
    String(f.calls),
    formatCount(f.tokens.input),
    formatCount(f.tokens.output),
    formatCount(f.tokens.cache_read),
    formatCount(f.tokens.cache_write),
    formatUsd(f.cost_usd),
    formatUsd(f.billed_usd),
  ];
}

const CSV_FIGURES = [
  "calls",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "cost_usd",
  "billed_usd",
];

function figureCsv(f: UsageFigures): (string | number)[] {
  const t = f.tokens;
  return [f.calls, t.input, t.output, t.cache_read, t.cache_write, f.cost_usd, f.billed_usd];
}

type PeriodName = "today" | "week" | "month" | "range";

function periods(r: CostReport): [PeriodName, CostPeriodReport][] {
  const rows: [PeriodName, CostPeriodReport][] = [
    ["today", r.today],
    ["week", r.week],
    ["month", r.month],
  ];
  if (r.range !== null) rows.push(["range", r.range]);
  return rows;
}

const PERIOD_LABEL: Readonly<
  Record<PeriodName, (p: CostPeriodReport, asked: AskedSpan | undefined) => string>
> = {
  today: (p) => `Today (${p.since.slice(0, 10)})`,
  week: (p) => `This week (from ${p.since.slice(0, 10)})`,
  month: (p) => `This month (${p.since.slice(0, 7)})`,
  // The full note (what was asked) follows the table: a table cell stays short.
  range: (p, asked) => `${formatSpan(p)}${isWidened(p, asked) ? " (whole hours)" : ""}`,
};

/** Under the table: what `--since` / `--until` asked for, when the range had to be widened. */
function rangeNote(r: CostReport, asked: AskedSpan | undefined): string[] {
  if (r.range === null || asked === undefined || !isWidened(r.range, asked)) return [];
  return [`The range is counted in whole UTC hours; asked ${formatAsked(asked)}.`];
}

function planLines(plans: readonly PlanUsageReport[]): string[] {
  if (plans.length === 0) return [];
  return [
    "",
    ...formatTable(
      ["PLAN", "UNIT", "USED", "LIMIT", "USED %", "TIME %", "PACE", "RESETS"],
      plans.map((p) => [
        p.name,
        p.unit,
        formatCount(p.used),
        p.limit === null ? "-" : formatCount(p.limit),
        formatPercent(p.percent_used),
        formatPercent(p.percent_elapsed),
        p.pace ?? "-",
        p.resets_at === null
          ? `rolling, from ${formatMinute(p.window_start)}`
          : formatMinute(p.resets_at),
      ]),
    ),
  ];
}

/**
 * Of the thresholds crossed, the highest of each basis (actual, projected): crossing 90 % says
 * 70 % was crossed too.
 *
 * @param alerts crossed thresholds, lowest first
 * @returns at most one per basis
 */
export function highestAlerts(alerts: readonly BudgetAlertReport[]): BudgetAlertReport[] {
  const top = new Map<string, BudgetAlertReport>();
  for (const a of alerts) if ((top.get(a.basis)?.percent ?? -1) < a.percent) top.set(a.basis, a);
  return [...top.values()];
}

function budgetLines(b: BudgetReport): string[] {
  if (b.monthly_usd === null) return [];
  const lines = [
    "",
    `Budget: ${formatUsd(b.billed_usd)} of ${formatUsd(b.monthly_usd)} (${
      formatPercent(b.percent_used)
    }); projected ${formatUsd(b.projected_billed_usd)} (${formatPercent(b.projected_percent)})`,
  ];
  for (const a of highestAlerts(b.alerts)) {
    lines.push(`  ${a.severity}: ${a.message} (since ${formatMinute(a.at)})`);
  }
  return lines;
}

/**
 * The cost summary for a terminal.
 *
 * @param r the report
 * @param asked the span `--since` / `--until` asked for, to say when it was widened
 * @returns lines
 */
export function costSummaryLines(r: CostReport, asked?: AskedSpan): string[] {
  const p = r.projection;
  return [
    ...formatTable(
      ["UTC", ...FIGURE_HEADER],
      periods(r).map(([name, period]) => [
        PERIOD_LABEL[name](period, asked),
        ...figureCells(period),
      ]),
    ),
    ...rangeNote(r, asked),
    "",
    `Month-end projection for ${p.month} (day ${
      p.days_elapsed.toFixed(1)
    } of ${p.days_in_month}): ` +
    `${formatUsd(p.projected_billed_usd)} billed (${
      formatUsd(p.projected_cost_usd)
    } at list price)` +
    (p.subscription_fees_usd > 0
      ? ` + ${formatUsd(p.subscription_fees_usd)} subscriptions = ${
        formatUsd(p.projected_total_usd)
      }`
      : ""),
    ...planLines(r.plans),
    ...budgetLines(r.budget),
  ];
}

function rowLabel(by: CostBreakdownReport["by"], row: CostRowReport): string {
  if (row.key !== null) return row.key;
  return by === "plan" ? "(pay per token)" : "(no bead)";
}

/**
 * A cost breakdown for a terminal.
 *
 * @param r the report
 * @param asked the span asked for, to say when it was widened to whole hours
 * @returns lines
 */
export function costBreakdownLines(r: CostBreakdownReport, asked?: AskedSpan): string[] {
  const bead = r.by === "bead";
  const header = [r.by.toUpperCase(), ...(bead ? ["WORKSPACE"] : []), ...FIGURE_HEADER];
  const rows = r.rows.map((row) => [
    rowLabel(r.by, row),
    ...(bead ? [row.workspace || "-"] : []),
    ...figureCells(row),
  ]);
  rows.push(["TOTAL", ...(bead ? [""] : []), ...figureCells(r.total)]);
  return [
    `Costs by ${r.by}, ${formatSpan(r, asked)}`,
    ...formatTable(header, rows),
  ];
}

/**
 * The cost summary as CSV: one row per period.
 *
 * @param r the report
 * @returns the CSV document
 */
export function costSummaryCsv(r: CostReport): string {
  return toCsv([
    ["period", "since", "until", ...CSV_FIGURES],
    ...periods(r).map(([name, p]) => [name, p.since, p.until, ...figureCsv(p)]),
  ]);
}

/**
 * A cost breakdown as CSV: one row per group, no total.
 *
 * @param r the report
 * @returns the CSV document
 */
export function costBreakdownCsv(r: CostBreakdownReport): string {
  const bead = r.by === "bead";
  return toCsv([
    [r.by, ...(bead ? ["workspace"] : []), ...CSV_FIGURES],
    ...r.rows.map((row) => [row.key, ...(bead ? [row.workspace ?? null] : []), ...figureCsv(row)]),
  ]);
}
