/**
 * `forge metrics`: per model, tasks completed and failed, success rate, duration percentiles,
 * throughput and cost per completed task, over a period. By default the last 7 days in whole
 * hours, the current one included; a `--since` / `--until` span is widened to whole UTC hours
 * (the rollups answer those) and the output says so. Logs are ingested first.
 */
import type { MetricsFigures, MetricsReport } from "../../domain/mod.ts";
import { metricsReport, recentHours } from "../../store/mod.ts";
import type { CliContext } from "../context.ts";
import { formatTable } from "../output.ts";
import { withIngestedStore } from "../store.ts";
import {
  type AskedSpan,
  formatMs,
  formatPercent,
  formatSpan,
  formatUsd,
} from "./_report_format.ts";
import { parseSpan } from "./_when.ts";

/** Flags of `forge metrics`. */
export interface MetricsInput {
  readonly since: string | undefined;
  readonly until: string | undefined;
}

function cells(f: MetricsFigures): string[] {
  const d = f.duration;
  return [
    String(f.tasks_completed),
    String(f.tasks_failed),
    formatPercent(f.success_rate === null ? null : f.success_rate * 100),
    d === null ? "-" : formatMs(d.p50_ms),
    d === null ? "-" : formatMs(d.p95_ms),
    d === null ? "-" : formatMs(d.p99_ms),
    f.throughput_per_hour.toFixed(2),
    String(f.hourly.reduce((n, h) => n + h.completed, 0)),
    formatUsd(f.cost_usd),
    f.cost_per_task_usd === null ? "-" : formatUsd(f.cost_per_task_usd),
  ];
}

/**
 * The metrics table for a terminal.
 *
 * @param r the report
 * @param asked the period asked for, to say when it was widened to whole hours
 * @returns lines
 */
export function metricsLines(r: MetricsReport, asked?: AskedSpan): string[] {
  const header = ["MODEL", "DONE", "FAILED", "SUCCESS", "P50", "P95", "P99", "PER HOUR"]
    .concat(["LAST 24H", "COST", "COST/TASK"]);
  const rows = r.models.map((m) => [m.model, ...cells(m)]);
  if (r.models.length > 1) rows.push(["ALL", ...cells(r.total)]);
  return [
    `Metrics ${formatSpan(r, asked)}`,
    ...(r.models.length === 0 ? ["No tasks or usage in this period."] : formatTable(header, rows)),
  ];
}

/**
 * Runs `forge metrics`.
 *
 * @param ctx the CLI context
 * @param input the flags
 * @returns exit code 0
 * @throws {UsageError} for unreadable flags (before anything is read)
 */
export async function runMetrics(ctx: CliContext, input: MetricsInput): Promise<number> {
  const now = ctx.clock.now();
  const week = recentHours(now, 7 * 24);
  const span = parseSpan(input, {
    now,
    since: week.since,
    until: input.since === undefined ? week.until : now,
  });
  return await withIngestedStore(ctx, ({ store }) => {
    const report = metricsReport(store, { ...span, now });
    if (ctx.globals.json) ctx.out.printJson(report);
    else for (const line of metricsLines(report, span)) ctx.out.print(line);
    return 0;
  });
}
