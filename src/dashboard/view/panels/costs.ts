/**
 * Costs: spend today, this week and this month (at list price, and the pay-per-token part that is
 * billed), the month-end projection against the budget, cost per hour over the last day as a
 * sparkline, and today's spend by model. The overview shows the same, shorter.
 */
import type { CostReport, CostRowReport } from "../../../domain/mod.ts";
import type { Rect } from "../../render/screen.ts";
import type { Ctx, Seg } from "../context.ts";
import { compact, count, percent, usd } from "../format.ts";
import { TWO_COLUMNS } from "../layout.ts";
import { type Cell, table, widthFor } from "../table.ts";
import { hoursChart, sparkline } from "../charts.ts";
import { bar, box, emptyState, levelStyle, pad, runs } from "../widgets.ts";
import type { PanelMode } from "./workers.ts";
import { clipTo } from "../text.ts";

const NO_COSTS = ["No cost data yet", "costs appear once workers log token usage"];

function periods(ctx: Ctx, rect: Rect, costs: CostReport): number {
  const rows = [["Today", costs.today], ["Week", costs.week], ["Month", costs.month]] as const;
  table(ctx, { ...rect, height: Math.min(rect.height, 4) }, {
    columns: [
      { title: "", width: 6 },
      { title: "Cost", width: 10, align: "right" },
      { title: "Billed", width: 10, align: "right" },
      { title: "Calls", width: 8, align: "right", drop: 2 },
      { title: "Tokens", width: 7, align: "right", drop: 1 },
    ],
    total: rows.length,
    start: 0,
    row: (i) => {
      const [name, p] = rows[i] ?? rows[0];
      return [name, [usd(p.cost_usd), ctx.t.bold], usd(p.billed_usd), count(p.calls), [
        compact(p.tokens.total),
        ctx.t.muted,
      ]];
    },
  });
  return Math.min(rect.height, 4);
}

function budget(ctx: Ctx, rect: Rect, costs: CostReport, full: boolean): number {
  const { t } = ctx;
  const b = costs.budget;
  const p = costs.projection;
  const at = (dy: number) => ({ x: rect.x, y: rect.y + dy, width: rect.width });
  if (b.monthly_usd === null) {
    runs(ctx, at(0), [["Month-end ", t.muted], [usd(p.projected_total_usd), t.bold], [
      ` projected (${usd(p.projected_billed_usd)} billed + ${usd(p.subscription_fees_usd)} plans)`,
      t.muted,
    ]]);
    if (rect.height > 1) {
      runs(ctx, at(1), [["no monthly budget set (budget.monthly_usd)", t.muted]]);
    }
    return Math.min(2, rect.height);
  }
  const pct = b.projected_percent ?? 0;
  runs(ctx, at(0), [["Month-end ", t.muted], [usd(b.projected_billed_usd), levelStyle(t, pct)], [
    ` of ${usd(b.monthly_usd)} budget`,
    t.muted,
  ]]);
  if (rect.height < 2) return 1;
  const label = ` ${percent(b.projected_percent)}`;
  bar(ctx, { ...at(1), width: rect.width - label.length }, pct / 100, levelStyle(t, pct));
  runs(ctx, { ...at(1), x: rect.x + rect.width - label.length }, [[label, levelStyle(t, pct)]]);
  if (!full || rect.height < 3) return 2;
  const rough = p.confidence < 1 ? " · early in the month, a rough estimate" : "";
  runs(ctx, at(2), [[
    `spent ${usd(b.billed_usd)} (${percent(b.percent_used)}) · day ${
      Math.max(1, Math.ceil(p.days_elapsed))
    } of ${p.days_in_month}${rough}`,
    t.muted,
  ]]);
  if (rect.height < 4) return 3;
  runs(ctx, at(3), [["Month total ", t.muted], [usd(p.projected_total_usd), t.bold], [
    ` = ${usd(p.projected_billed_usd)} billed + ${usd(p.subscription_fees_usd)} plan fees`,
    t.muted,
  ]]);
  return 4;
}

function hourly(ctx: Ctx, rect: Rect, full: boolean, reserve: number): number {
  const values = ctx.snapshot.hourlyCostUsd;
  if (values.length === 0 || rect.height <= 0) return 0;
  const peak = `${usd(Math.max(...values))}/h`;
  if (full) {
    return hoursChart(ctx, rect, {
      title: "Cost per hour",
      values,
      style: ctx.t.accent,
      peak,
      rows: rect.height - 2 - reserve >= 4 ? rect.height - 2 - reserve : 1,
    });
  }
  const lead = "24 h ";
  const tail = ` peak ${peak}`;
  const line = sparkline(values, rect.width - lead.length - tail.length);
  runs(ctx, rect, [[lead, ctx.t.muted], [line, ctx.t.accent], [tail, ctx.t.muted]]);
  return 1;
}

function byModel(ctx: Ctx, rect: Rect, header = true): void {
  const rows = ctx.snapshot.costByModel;
  if (rows.length === 0 || rect.height <= 0) return;
  const shown = rows.slice(0, rect.height);
  const top = Math.max(...rows.map((r) => r.cost_usd), 0);
  const cells = shown.map((r) => [
    r.key ?? "other",
    count(r.calls),
    compact(r.tokens.total),
    usd(r.cost_usd),
    usd(r.billed_usd),
  ]);
  const w = (i: number, title: string) => widthFor(title, cells.map((c) => c[i] ?? ""));
  table(ctx, rect, {
    columns: [
      { title: "Model", width: Math.min(w(0, "Model"), 24) },
      { title: "Calls", width: w(1, "Calls"), align: "right", drop: 2 },
      { title: "Tokens", width: w(2, "Tokens"), align: "right", drop: 3 },
      { title: "Cost", width: w(3, "Cost"), align: "right" },
      { title: "Billed", width: w(4, "Billed"), align: "right", drop: 1 },
      { title: "", width: 4, grow: 1, max: 30, drop: 4 },
    ],
    header,
    total: shown.length,
    start: 0,
    row: (i): Cell[] => {
      const r = rows[i] as CostRowReport;
      const [model = "", calls = "", tokens = "", cost = "", billed = ""] = cells[i] ?? [];
      return [model, calls, [tokens, ctx.t.muted], [cost, ctx.t.bold], billed, {
        bar: top > 0 ? r.cost_usd / top : 0,
        style: ctx.t.accent,
      }];
    },
  });
}

function plans(ctx: Ctx, rect: Rect): number {
  const list = ctx.snapshot.plans;
  if (list.length === 0 || rect.height < 3) return 0;
  const shown = list.slice(0, rect.height - 2);
  const cells = shown.map((p) => [
    p.name,
    count(p.calls),
    usd(p.cost_usd),
    p.monthly_cost_usd > 0 ? usd(p.monthly_cost_usd) : "-",
  ]);
  const w = (i: number, title: string) => widthFor(title, cells.map((c) => c[i] ?? ""));
  const body = section(ctx, rect, "Plans this window, at list price");
  table(ctx, body, {
    columns: [
      { title: "Plan", width: Math.min(w(0, "Plan"), 24) },
      { title: "Calls", width: w(1, "Calls"), align: "right" },
      { title: "List cost", width: w(2, "List cost"), align: "right" },
      { title: "Fee/mo", width: w(3, "Fee/mo"), align: "right", drop: 1 },
    ],
    total: shown.length,
    start: 0,
    row: (i) => {
      const [name = "", calls = "", cost = "", fee = ""] = cells[i] ?? [];
      return [name, calls, [cost, ctx.t.bold], [fee, ctx.t.muted]];
    },
  });
  return shown.length + 2;
}

function section(ctx: Ctx, rect: Rect, title: string): Rect {
  const head: Seg[] = [[title, ctx.t.heading]];
  runs(ctx, rect, head);
  return { ...rect, y: rect.y + 1, height: rect.height - 1 };
}

/**
 * Draws the costs (the costs view, or the overview's panel).
 *
 * @param ctx drawing context
 * @param rect the panel's rectangle
 * @param mode full view or overview panel, focused or not
 */
export function drawCosts(outer: Ctx, rect: Rect, mode: PanelMode): void {
  const ctx = clipTo(outer, rect);
  const costs = ctx.snapshot.costs;
  const split = mode.full && rect.width >= TWO_COLUMNS;
  const [left, right] = split
    ? [{ ...rect, width: Math.floor(rect.width / 2) }, {
      ...rect,
      x: rect.x + Math.floor(rect.width / 2),
      width: rect.width - Math.floor(rect.width / 2),
    }]
    : [rect, undefined];
  const inner = box(ctx, left, {
    title: "Costs",
    focused: mode.focused,
    note: costs === undefined ? "" : `${usd(costs.today.cost_usd)} today`,
  });
  const body = pad(inner);
  if (costs === undefined) {
    emptyState(ctx, body, NO_COSTS);
    if (right !== undefined) box(ctx, right, { title: "By model, today" });
    return;
  }
  let y = body.y;
  const rest = () => ({ ...body, y, height: body.y + body.height - y });
  y += periods(ctx, rest(), costs) + (mode.full ? 1 : 0);
  y += budget(ctx, rest(), costs, mode.full) + (mode.full ? 1 : 0);
  const below = right === undefined ? ctx.snapshot.costByModel.length + 3 : 0;
  y += hourly(ctx, rest(), mode.full, below) + (mode.full ? 1 : 0);
  if (right !== undefined) {
    const side = pad(box(ctx, right, { title: "By model, today" }));
    const models = Math.min(side.height, ctx.snapshot.costByModel.length + 1);
    byModel(ctx, { ...side, height: models }, true);
    plans(ctx, { ...side, y: side.y + models + 1, height: side.height - models - 1 });
  } else if (mode.full) {
    const models = Math.min(rest().height - 1, ctx.snapshot.costByModel.length + 1);
    byModel(ctx, { ...section(ctx, rest(), "By model, today"), height: models });
    y += models + 2;
    plans(ctx, rest());
  } else byModel(ctx, rest(), false);
}
