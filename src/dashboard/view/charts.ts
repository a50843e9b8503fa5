/**
 * Charts of a series over time: a one-line sparkline `▁▂▃▄▅▆▇█` and, where there is height, a
 * bar chart drawn in eighths of a cell. Both scale from 0 to the series' maximum, so an idle
 * hour reads as empty rather than as the lowest bar.
 */
import type { Rect } from "../render/screen.ts";
import type { BaseCtx } from "./context.ts";
import { put } from "./text.ts";

const SPARKS = "▁▂▃▄▅▆▇█";

/**
 * A sparkline of values scaled from 0 to their maximum; more values than columns are averaged
 * into buckets, fewer are drawn one column each.
 *
 * @param values the series, oldest first
 * @param width columns available
 * @returns the sparkline (at most `width` glyphs)
 */
export function sparkline(values: readonly number[], width: number): string {
  if (width <= 0 || values.length === 0) return "";
  const bars = buckets(values, Math.min(width, values.length));
  const max = Math.max(...bars);
  return bars.map((v) => (max <= 0 ? SPARKS[0] : SPARKS[Math.min(7, Math.round((v / max) * 7))]))
    .join("");
}

/**
 * A sparkline as wide as it can be: each value repeated over as many columns as fit.
 *
 * @param values the series, oldest first
 * @param width columns available
 * @returns the sparkline
 */
export function wideSparkline(values: readonly number[], width: number): string {
  const line = sparkline(values, width);
  const spread = values.length === 0 ? 1 : Math.max(1, Math.floor(width / values.length));
  return spread === 1 ? line : [...line].map((c) => c.repeat(spread)).join("");
}

function buckets(values: readonly number[], n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const from = Math.floor((i * values.length) / n);
    const to = Math.max(from + 1, Math.floor(((i + 1) * values.length) / n));
    let sum = 0;
    for (let j = from; j < to; j++) sum += Math.max(0, values[j] ?? 0);
    return sum / (to - from);
  });
}

/**
 * Draws a bar chart: one bar per value (values averaged when there are more than columns), bar
 * heights in eighths of a cell, a one-column gap between bars when they are wide enough.
 *
 * @param ctx drawing context
 * @param rect where
 * @param series the values (oldest first) and the bars' style
 */
export function barChart(
  ctx: BaseCtx,
  rect: Rect,
  series: { readonly values: readonly number[]; readonly style: number },
): void {
  if (rect.width <= 0 || rect.height <= 0 || series.values.length === 0) return;
  const n = Math.min(rect.width, series.values.length);
  const bars = buckets(series.values, n);
  const max = Math.max(...bars);
  const step = Math.floor(rect.width / n);
  const barWidth = step >= 3 ? step - 1 : step;
  bars.forEach((v, i) => {
    const units = max <= 0 ? 0 : Math.round((v / max) * rect.height * 8);
    for (let r = 0; r < rect.height; r++) {
      const left = units - r * 8;
      if (left <= 0) break;
      const glyph = left >= 8 ? "█" : SPARKS[left - 1] ?? "▁";
      const y = rect.y + rect.height - 1 - r;
      put(ctx, { x: rect.x + i * step, y }, glyph.repeat(barWidth), series.style);
    }
  });
}

/**
 * A series over the last hours with its title and a time axis: a bar chart when it may take
 * more than one row, else a sparkline.
 *
 * @param ctx drawing context
 * @param rect where (the chart uses what it needs from the top)
 * @param series title, values (oldest first, one per hour), style and a peak label
 * @returns rows used
 */
export function hoursChart(
  ctx: BaseCtx,
  rect: Rect,
  series: {
    readonly title: string;
    readonly values: readonly number[];
    readonly style: number;
    readonly peak: string;
    /** Rows the chart itself may take: 1 draws a sparkline, more a bar chart (up to 10). */
    readonly rows: number;
  },
): number {
  const { t } = ctx;
  const n = series.values.length;
  if (rect.height < 3 || rect.width < 10 || n === 0) return 0;
  put(ctx, { x: rect.x, y: rect.y, width: rect.width }, series.title, t.heading);
  const title = series.title.length;
  put(
    ctx,
    { x: rect.x + title, y: rect.y, width: rect.width - title },
    ` · peak ${series.peak}`,
    t.muted,
  );
  const height = Math.max(1, Math.min(10, series.rows, rect.height - 2));
  const width = Math.min(rect.width, n * Math.max(1, Math.floor(rect.width / n)));
  const chart = { x: rect.x, y: rect.y + 1, width, height };
  if (height > 1) barChart(ctx, chart, { values: series.values, style: series.style });
  else put(ctx, chart, wideSparkline(series.values, width), series.style);
  const axis = `${n} h ago`;
  put(ctx, { x: rect.x, y: chart.y + height, width }, axis, t.muted);
  if (width >= axis.length + 5) {
    put(ctx, { x: rect.x + width - 3, y: chart.y + height }, "now", t.muted);
  }
  return height + 2;
}
