/**
 * Metrics of the last 24 hours: success rate, task durations (p50, p95), throughput per hour as
 * a sparkline, cost per task, and the same per model.
 */
import type { MetricsFigures, MetricsReport, ModelMetricsReport } from "../../../domain/mod.ts";
import type { Rect } from "../../render/screen.ts";
import type { Ctx, Seg } from "../context.ts";
import { count, duration, usd } from "../format.ts";
import { type Cell, table } from "../table.ts";
import { hoursChart, sparkline } from "../charts.ts";
import { box, emptyState, pad, runs } from "../widgets.ts";
import type { PanelMode } from "./workers.ts";
import { clipTo } from "../text.ts";

function rate(f: MetricsFigures): string {
  return f.success_rate === null ? "-" : `${(f.success_rate * 100).toFixed(1)}%`;
}

function rateStyle(ctx: Ctx, f: MetricsFigures): number {
  const r = f.success_rate;
  if (r === null) return ctx.t.muted;
  return r >= 0.9 ? ctx.t.ok : r >= 0.7 ? ctx.t.warn : ctx.t.danger;
}

function summary(ctx: Ctx, m: MetricsReport): Seg[][] {
  const { t } = ctx;
  const f = m.total;
  const d = f.duration;
  return [
    [
      ["Success ", t.muted],
      [rate(f), rateStyle(ctx, f)],
      [`  ${count(f.tasks_completed)} done, ${count(f.tasks_failed)} failed`, t.muted],
    ],
    [
      ["Duration ", t.muted],
      [`p50 ${duration(d?.p50_ms)}`, t.text],
      ["  ", t.text],
      [`p95 ${duration(d?.p95_ms)}`, t.text],
      [`  ${f.throughput_per_hour.toFixed(1)} tasks/h`, t.muted],
      [`  ${f.cost_per_task_usd === null ? "-" : usd(f.cost_per_task_usd)}/task`, t.muted],
    ],
  ];
}

function throughput(ctx: Ctx, rect: Rect, m: MetricsReport, full: boolean): number {
  const values = m.total.hourly.map((h) => h.completed);
  if (values.length === 0 || rect.height <= 0) return 0;
  const peak = `${Math.max(...values)}/h`;
  if (full) {
    const room = rect.height - 2 - (m.models.length + 2);
    return hoursChart(ctx, rect, {
      title: "Tasks done per hour",
      values,
      style: ctx.t.ok,
      peak,
      rows: room >= 4 ? room : 1,
    });
  }
  const lead = "Tasks/h ";
  const tail = ` peak ${peak}`;
  const line = sparkline(values, rect.width - lead.length - tail.length);
  runs(ctx, rect, [[lead, ctx.t.muted], [line, ctx.t.ok], [tail, ctx.t.muted]]);
  return 1;
}

function models(ctx: Ctx, rect: Rect, rows: readonly ModelMetricsReport[], full: boolean): void {
  let name = 5;
  for (const r of rows) name = Math.max(name, r.model.length);
  table(ctx, rect, {
    columns: [
      { title: "Model", width: Math.min(name, 24) },
      { title: "Done", width: 5, align: "right" },
      { title: "Failed", width: 6, align: "right", drop: 4 },
      { title: "Success", width: 7, align: "right" },
      { title: "p50", width: 7, align: "right", drop: 2 },
      { title: "p95", width: 7, align: "right", drop: 1 },
      { title: "Tasks/h", width: full ? 7 : 0, align: "right", drop: 5 },
      { title: "$/task", width: 7, align: "right", drop: 3 },
    ],
    total: rows.length,
    start: 0,
    row: (i): Cell[] => {
      const r = rows[i] as ModelMetricsReport;
      return [
        r.model,
        count(r.tasks_completed),
        [count(r.tasks_failed), r.tasks_failed > 0 ? ctx.t.warn : ctx.t.muted],
        [rate(r), rateStyle(ctx, r)],
        duration(r.duration?.p50_ms),
        duration(r.duration?.p95_ms),
        r.throughput_per_hour.toFixed(1),
        r.cost_per_task_usd === null ? "-" : usd(r.cost_per_task_usd),
      ];
    },
  });
}

/**
 * Draws the metrics (the metrics view, or the overview's panel).
 *
 * @param ctx drawing context
 * @param rect the panel's rectangle
 * @param mode full view or overview panel, focused or not
 */
export function drawMetrics(outer: Ctx, rect: Rect, mode: PanelMode): void {
  const ctx = clipTo(outer, rect);
  const m = ctx.snapshot.metrics;
  const inner = box(ctx, rect, {
    title: "Metrics",
    focused: mode.focused,
    note: "last 24 h",
  });
  const body = pad(inner);
  const finished = m === undefined ? 0 : m.total.tasks_completed + m.total.tasks_failed;
  if (m === undefined || finished === 0) {
    emptyState(ctx, body, [
      "No finished tasks in the last 24 hours",
      "success rates, durations and throughput appear as workers finish beads",
    ]);
    return;
  }
  let y = body.y;
  for (const line of summary(ctx, m)) {
    if (y >= body.y + body.height) return;
    runs(ctx, { ...body, y }, line);
    y++;
  }
  if (mode.full) y++;
  const rest = () => ({ ...body, y, height: body.y + body.height - y });
  y += throughput(ctx, rest(), m, mode.full) + (mode.full ? 1 : 0);
  if (m.models.length > 0 && y < body.y + body.height) models(ctx, rest(), m.models, mode.full);
}
