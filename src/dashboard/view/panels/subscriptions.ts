/**
 * Subscription plans: how much of each window's quota is used (a bar coloured by how close it is
 * to the limit), when the quota comes back, whether usage runs ahead of the time passed, and
 * plans parked after a usage limit.
 */
import type { PlanUsageReport } from "../../../domain/mod.ts";
import type { Rect } from "../../render/screen.ts";
import type { Ctx, Seg } from "../context.ts";
import { clock, compact, count, duration, percent, usd } from "../format.ts";
import { type Cell, table, widthFor } from "../table.ts";
import { bar, box, emptyState, levelStyle, pad, runs } from "../widgets.ts";
import type { PanelMode } from "./workers.ts";
import { clipTo } from "../text.ts";

function amount(plan: PlanUsageReport, n: number | null): string {
  if (n === null) return "∞";
  return plan.unit === "tokens" ? compact(n) : count(n);
}

function resets(ctx: Ctx, plan: PlanUsageReport): string {
  if (plan.resets_at === null) return "rolling window";
  const at = Date.parse(plan.resets_at);
  return Number.isNaN(at) ? "-" : `resets in ${duration(at - ctx.now)}`;
}

function pace(ctx: Ctx, plan: PlanUsageReport): Seg {
  switch (plan.pace) {
    case "ahead":
      return ["▲ ahead of pace", ctx.t.warn];
    case "on_pace":
      return ["on pace", ctx.t.text];
    case "behind":
      return ["under pace", ctx.t.ok];
    case null:
      return ["", ctx.t.muted];
  }
}

function parkedUntil(ctx: Ctx, plan: PlanUsageReport): string {
  const p = ctx.snapshot.parked.find((x) => x.name === plan.name && x.until > ctx.now);
  return p === undefined ? "" : `⏸ parked until ${clock(p.until).slice(0, 5)}`;
}

function used(plan: PlanUsageReport): string {
  if (plan.unit === "unlimited") return `${count(plan.calls)} calls`;
  return `${amount(plan, plan.used)}/${amount(plan, plan.limit)} ${plan.unit}`;
}

function compactPlans(
  ctx: Ctx,
  body: Rect,
  plans: readonly PlanUsageReport[],
  spaced: boolean,
): void {
  const { t } = ctx;
  let nameWidth = 4;
  for (const p of plans) nameWidth = Math.min(20, Math.max(nameWidth, p.name.length));
  const twoLines = body.height >= plans.length * 2;
  const tails = plans.map((p) => ` ${percent(p.percent_used).padStart(4)}  ${used(p)}`);
  const longest = Math.max(...tails.map((x) => x.length));
  const barWidth = Math.max(0, Math.min(30, body.width - nameWidth - 1 - longest));
  let y = body.y;
  for (const [i, plan] of plans.entries()) {
    if (y >= body.y + body.height) break;
    const pct = plan.percent_used ?? 0;
    const tail = tails[i] ?? "";
    runs(ctx, { x: body.x, y, width: nameWidth + 1 }, [[plan.name, t.bold]]);
    bar(ctx, { x: body.x + nameWidth + 1, y, width: barWidth }, pct / 100, levelStyle(t, pct));
    const x = body.x + nameWidth + 1 + barWidth;
    runs(ctx, { x, y, width: body.x + body.width - x }, [[tail, levelStyle(t, pct)]]);
    y++;
    if (!twoLines || y >= body.y + body.height) continue;
    const parked = parkedUntil(ctx, plan);
    const [paceText, paceStyle] = pace(ctx, plan);
    const line: Seg[] = [[`  ${resets(ctx, plan)}`, t.muted]];
    if (paceText !== "") line.push([" · ", t.muted], [paceText, paceStyle]);
    if (parked !== "") line.push([" · ", t.muted], [parked, t.special]);
    runs(ctx, { x: body.x, y, width: body.width }, line);
    y += spaced ? 2 : 1;
  }
}

function planCells(ctx: Ctx, plan: PlanUsageReport): string[] {
  return [
    plan.name,
    percent(plan.percent_used),
    used(plan),
    plan.percent_elapsed === null ? "-" : percent(plan.percent_elapsed),
    resets(ctx, plan).replace("resets in ", ""),
    parkedUntil(ctx, plan) || pace(ctx, plan)[0],
    plan.monthly_cost_usd > 0 ? usd(plan.monthly_cost_usd) : "-",
    usd(plan.cost_usd),
  ];
}

function planTable(ctx: Ctx, body: Rect, plans: readonly PlanUsageReport[]): void {
  const { t } = ctx;
  const cells = plans.map((p) => planCells(ctx, p));
  const titles = [
    "Plan",
    "Used",
    "Of limit",
    "Elapsed",
    "Resets in",
    "Pace",
    "Fee/mo",
    "List cost",
  ];
  const w = (i: number) => widthFor(titles[i] ?? "", cells.map((c) => c[i] ?? ""));
  table(ctx, body, {
    columns: [
      { title: "Plan", width: Math.min(w(0), 24) },
      { title: "Usage", width: 10, grow: 1, max: 40 },
      { title: "Used", width: w(1), align: "right" },
      { title: "Of limit", width: w(2), drop: 2 },
      { title: "Elapsed", width: w(3), align: "right", drop: 6 },
      { title: "Resets in", width: w(4), drop: 3 },
      { title: "Pace", width: w(5), drop: 4 },
      { title: "Fee/mo", width: w(6), align: "right", drop: 5 },
      { title: "List cost", width: w(7), align: "right", drop: 7 },
    ],
    total: plans.length,
    start: 0,
    row: (i) => {
      const plan = plans[i] as PlanUsageReport;
      const c = cells[i] ?? [];
      const pct = plan.percent_used ?? 0;
      const level = levelStyle(t, pct);
      return [
        [c[0] ?? "", t.bold],
        { bar: pct / 100, style: level },
        [c[1] ?? "", level],
        [c[2] ?? "", t.text],
        [c[3] ?? "", t.muted],
        [c[4] ?? "", t.muted],
        parkedUntil(ctx, plan) === "" ? pace(ctx, plan) : [c[5] ?? "", t.special],
        [c[6] ?? "", t.muted],
        [c[7] ?? "", t.muted],
      ] satisfies Cell[];
    },
  });
}

/**
 * Draws the subscriptions (the subscriptions view, or the overview's panel).
 *
 * @param ctx drawing context
 * @param rect the panel's rectangle
 * @param mode full view or overview panel, focused or not
 */
export function drawSubscriptions(outer: Ctx, rect: Rect, mode: PanelMode): void {
  const ctx = clipTo(outer, rect);
  const plans = ctx.snapshot.plans;
  const ahead = plans.filter((p) => p.pace === "ahead").length;
  const inner = box(ctx, rect, {
    title: "Subscriptions",
    focused: mode.focused,
    note: ahead > 0 ? `${plans.length} plans · ${ahead} ahead of pace` : `${plans.length} plans`,
  });
  const body = pad(inner);
  if (plans.length === 0) {
    emptyState(ctx, body, [
      "No subscription plans",
      "add them under subscriptions: in the config (forge config path)",
    ]);
    return;
  }
  if (mode.full && body.width >= 100) planTable(ctx, body, plans);
  else compactPlans(ctx, body, plans, mode.full);
}
