/**
 * Answers about spending: a period's total from the snapshot (with the month-end projection and
 * the budget for the month), or a breakdown the caller fetched (by model, worker, bead, workspace
 * or plan), optionally only the models whose name contains some text. Figures read as
 * `forge costs` prints them.
 */
import type {
  CostBreakdownReport,
  CostDimension,
  CostPeriod,
  CostPeriodReport,
  CostReport,
  CostRowReport,
  FleetSnapshot,
  UsageFigures,
} from "../../domain/mod.ts";
import {
  formatCompact,
  formatCount,
  formatPercent,
  formatUsd,
  nanosToUsd,
} from "../../domain/mod.ts";
import type { ChatQuery } from "../tool_catalog.ts";
import { clean, cleanData, count, type QueryAnswer, table } from "./_text.ts";

type CostsQuery = Extract<ChatQuery, { kind: "costs" }>;

const SPAN: Readonly<Record<CostPeriod, string>> = {
  today: "today",
  week: "this week",
  month: "this month",
};

const NO_KEY: Readonly<Record<CostDimension, string>> = {
  model: "(unknown)",
  worker: "(unknown)",
  bead: "(no bead)",
  workspace: "(unknown)",
  plan: "(pay-per-token)",
};

/**
 * The breakdown a costs query needs: by its dimension, or by model to filter models.
 *
 * @param q the costs query
 * @returns the period and dimension to fetch, or undefined when the snapshot's totals answer it
 */
export function costsBreakdownNeeded(
  q: CostsQuery,
): { readonly period: CostPeriod; readonly by: CostDimension } | undefined {
  if (q.model !== undefined) return { period: q.period, by: "model" };
  return q.by === undefined ? undefined : { period: q.period, by: q.by };
}

/**
 * Answers a costs query.
 *
 * @param q the query
 * @param o the snapshot, and the breakdown costsBreakdownNeeded() asked for (if it did)
 * @returns the answer
 */
export function answerCosts(
  q: CostsQuery,
  o: { readonly snapshot: FleetSnapshot; readonly breakdown?: CostBreakdownReport | undefined },
): QueryAnswer {
  const need = costsBreakdownNeeded(q);
  const report = o.snapshot.costs;
  if (need !== undefined && o.breakdown !== undefined && o.breakdown.by === need.by) {
    return q.model === undefined ? grouped(q.period, o.breakdown) : models(q, o.breakdown);
  }
  if (report === undefined) {
    return {
      message: "Costs are not available yet: the store has not been read.",
      lines: o.snapshot.problems.slice(0, 3).map((p) => clean(p, 100)),
      data: null,
    };
  }
  const answer = totals(q.period, report);
  if (need === undefined) return answer;
  const note = `(no breakdown by ${need.by}: the store was not read for it)`;
  return { ...answer, lines: [...answer.lines, note] };
}

function totals(period: CostPeriod, report: CostReport): QueryAnswer {
  const p = report[period];
  const covered = p.cost_usd - p.billed_usd > 0.005
    ? `; ${formatUsd(p.billed_usd)} of it is billed pay-per-token, the rest is covered by plans`
    : p.cost_usd > 0
    ? ", all of it billed pay-per-token"
    : "";
  const message = `Usage ${SPAN[period]} came to ${formatUsd(p.cost_usd)} at list price over ${
    count(p.calls, "call")
  }${covered}.`;
  const lines = [
    figure("span", spanText(p)),
    figure("calls", formatCount(p.calls)),
    figure("tokens", tokensText(p)),
    figure("cost", `${formatUsd(p.cost_usd)} at list price`),
    figure("billed", `${formatUsd(p.billed_usd)} pay-per-token`),
    ...(period === "month" ? monthLines(report) : []),
  ];
  const data = period === "month"
    ? { period, ...p, projection: report.projection, budget: report.budget }
    : { period, ...p };
  return { message, lines, data };
}

function monthLines(r: CostReport): string[] {
  const p = r.projection;
  const fees = p.subscription_fees_usd > 0
    ? ` + ${formatUsd(p.subscription_fees_usd)} plan fees = ${formatUsd(p.projected_total_usd)}`
    : "";
  const b = r.budget;
  const budget = b.monthly_usd === null
    ? "none set (budget.monthly_usd)"
    : `${formatUsd(b.monthly_usd)}: ${formatPercent(b.percent_used)} used, ${
      formatPercent(b.projected_percent)
    } projected`;
  return [
    figure("projected", `${formatUsd(p.projected_billed_usd)} billed by month end${fees}`),
    figure("budget", budget),
  ];
}

function grouped(period: CostPeriod, b: CostBreakdownReport): QueryAnswer {
  const top = b.rows[0];
  const total = b.total.cost_usd;
  const share = (row: CostRowReport) =>
    total > 0 ? ` (${formatPercent((row.cost_usd / total) * 100)})` : "";
  const message = top === undefined
    ? `No usage ${SPAN[period]}.`
    : `Usage ${SPAN[period]} came to ${formatUsd(total)} at list price over ${
      count(b.rows.length, b.by)
    }; the most went to ${keyOf(b.by, top)}: ${formatUsd(top.cost_usd)}${share(top)}.`;
  return {
    message,
    lines: b.rows.length === 0 ? [] : rowsTable(b.by, b.rows),
    data: cleanData({ period, ...b }),
  };
}

function models(q: CostsQuery, b: CostBreakdownReport): QueryAnswer {
  const wanted = (q.model ?? "").trim().toLowerCase();
  const rows = b.rows.filter((r) => (r.key ?? "").toLowerCase().includes(wanted));
  const total = sumFigures(rows);
  const shown = `"${clean(q.model, 40)}"`;
  const note = q.by !== undefined && q.by !== "model"
    ? [`(by ${q.by} cannot be filtered by model: these are the models matching ${shown})`]
    : [];
  const message = rows.length === 0
    ? `No model matching ${shown} was used ${SPAN[q.period]}${
      b.rows.length === 0
        ? ""
        : ` (used: ${b.rows.slice(0, 5).map((r) => keyOf("model", r)).join(", ")})`
    }.`
    : `${count(rows.length, "model")} matching ${shown} cost ${
      formatUsd(total.cost_usd)
    } at list price ${SPAN[q.period]} (${formatUsd(total.billed_usd)} billed pay-per-token) over ${
      count(total.calls, "call")
    }.`;
  return {
    message,
    lines: rows.length === 0 ? note : [...rowsTable("model", rows, 20 - note.length), ...note],
    data: cleanData({ period: q.period, ...b, rows, total }),
  };
}

function rowsTable(by: CostDimension, rows: readonly CostRowReport[], budget = 20): string[] {
  return table(
    [by.toUpperCase(), "COST", "BILLED", "CALLS", "TOKENS"],
    rows.map((r) => [
      keyOf(by, r),
      formatUsd(r.cost_usd),
      formatUsd(r.billed_usd),
      formatCount(r.calls),
      formatCompact(r.tokens.total),
    ]),
    budget,
  );
}

function keyOf(by: CostDimension, row: CostRowReport): string {
  return row.key === null ? NO_KEY[by] : clean(row.key, 40);
}

function sumFigures(rows: readonly UsageFigures[]): UsageFigures {
  const sum = (f: (r: UsageFigures) => number) => rows.reduce((n, r) => n + f(r), 0);
  const costNanos = sum((r) => r.cost_nanos);
  const billedNanos = sum((r) => r.billed_nanos);
  return {
    calls: sum((r) => r.calls),
    tokens: {
      input: sum((r) => r.tokens.input),
      output: sum((r) => r.tokens.output),
      cache_read: sum((r) => r.tokens.cache_read),
      cache_write: sum((r) => r.tokens.cache_write),
      total: sum((r) => r.tokens.total),
    },
    cost_usd: nanosToUsd(costNanos),
    cost_nanos: costNanos,
    billed_usd: nanosToUsd(billedNanos),
    billed_nanos: billedNanos,
  };
}

function spanText(p: CostPeriodReport): string {
  return `${p.since.slice(0, 16).replace("T", " ")} to ${
    p.until.slice(0, 16).replace("T", " ")
  } UTC`;
}

function tokensText(p: UsageFigures): string {
  const t = p.tokens;
  return `${formatCompact(t.input)} in, ${formatCompact(t.output)} out, ${
    formatCompact(t.cache_read)
  } cache read, ${formatCompact(t.cache_write)} cache write`;
}

function figure(name: string, text: string): string {
  return `${name.padEnd(10)} ${text}`;
}
