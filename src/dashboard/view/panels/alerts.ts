/**
 * Open alerts, critical first then newest: severity, age, subject and message; in the alerts
 * view with a selection, and beside it (when wide enough) the selected alert in full with the
 * key that acknowledges it.
 */
import type { FleetAlert } from "../../../domain/mod.ts";
import { bindingsFor } from "../../keymap.ts";
import type { Rect } from "../../render/screen.ts";
import { visibleAlerts } from "../../select.ts";
import type { Ctx, Seg } from "../context.ts";
import { ago, clock, wrap } from "../format.ts";
import { TWO_COLUMNS } from "../layout.ts";
import { severityBadge } from "../symbols.ts";
import { type Cell, table, widthFor } from "../table.ts";
import { box, emptyState, pad, runs, windowStart } from "../widgets.ts";
import type { PanelMode } from "./workers.ts";
import { clipTo } from "../text.ts";

function note(alerts: readonly FleetAlert[]): string {
  const critical = alerts.filter((a) => a.severity === "critical").length;
  const warning = alerts.filter((a) => a.severity === "warning").length;
  const parts = [];
  if (critical > 0) parts.push(`${critical} critical`);
  if (warning > 0) parts.push(`${warning} warning`);
  return parts.length === 0 ? `${alerts.length} open` : parts.join(" · ");
}

function row(ctx: Ctx, a: FleetAlert, full: boolean): Cell[] {
  const [glyph, word, style] = severityBadge(ctx.t, a.severity);
  return [
    [full ? `${glyph} ${word}` : glyph, style],
    [ago(a.at, ctx.now), ctx.t.muted],
    [a.subject, ctx.t.text],
    [a.kind, ctx.t.muted],
    [a.message, ctx.t.text],
  ];
}

/**
 * The lines describing one alert: what, where, when, and the key to acknowledge it.
 *
 * @param ctx drawing context
 * @param alert the alert
 * @param width columns for the message
 * @returns runs, one per line
 */
export function alertLines(ctx: Ctx, alert: FleetAlert, width: number): Seg[][] {
  const { t } = ctx;
  const [glyph, word, style] = severityBadge(t, alert.severity);
  const lines: Seg[][] = [
    [[`${glyph} ${word}`, style], ["  ", t.text], [alert.kind, t.bold]],
    [["Subject  ", t.muted], [alert.subject, t.text]],
    [["Raised   ", t.muted], [`${clock(alert.at)} (${ago(alert.at, ctx.now)} ago)`, t.text]],
    [],
  ];
  for (const l of wrap(alert.message, width)) lines.push([[l, t.text]]);
  const ack = bindingsFor("alerts").find((b) => b.command === "ack");
  if (ack !== undefined && !ctx.model.readOnly) {
    lines.push([], [[ack.display, t.key], [` ${ack.label}`, t.muted]]);
  }
  return lines;
}

/**
 * Draws the alerts (the alerts view, or the overview's panel).
 *
 * @param ctx drawing context
 * @param rect the panel's rectangle
 * @param mode full view or overview panel, focused or not
 */
export function drawAlerts(outer: Ctx, rect: Rect, mode: PanelMode): void {
  const ctx = clipTo(outer, rect);
  const alerts = visibleAlerts(ctx.model);
  const details = mode.full && rect.width >= TWO_COLUMNS && alerts.length > 0;
  const listWidth = details ? Math.floor(rect.width * 0.6) : rect.width;
  const listRect = { ...rect, width: listWidth };
  const rows = Math.max(0, rect.height - 3);
  const selected = mode.full && alerts.length > 0
    ? Math.min(ctx.model.selected.alerts ?? 0, alerts.length - 1)
    : undefined;
  const start = windowStart(selected ?? 0, alerts.length, rows, ctx.model.scroll.alerts);
  const inner = box(ctx, listRect, { title: "Alerts", focused: mode.focused, note: note(alerts) });
  const body = pad(inner);
  if (alerts.length === 0) {
    emptyState(ctx, body, [
      "No open alerts",
      "FORGE raises one when a worker dies or gets stuck, or spend crosses the budget",
    ]);
    return;
  }
  const shown = alerts.slice(start, start + rows);
  table(ctx, body, {
    columns: [
      { title: "", width: mode.full ? 10 : 1, gapAfter: 1 },
      { title: "Age", width: 4, align: "right" },
      { title: "Subject", width: widthFor("Subject", shown.map((a) => a.subject), 18) },
      {
        title: "Kind",
        width: mode.full ? widthFor("Kind", shown.map((a) => a.kind), 16) : 0,
        drop: 1,
      },
      { title: "Message", width: 16, grow: 1 },
    ],
    total: alerts.length,
    start,
    selected,
    row: (i) => row(ctx, alerts[i] as FleetAlert, mode.full),
  });
  if (!details) return;
  const alert = alerts[selected ?? 0] as FleetAlert;
  const side = { ...rect, x: rect.x + listWidth, width: rect.width - listWidth };
  const dBody = pad(box(ctx, side, { title: "Details" }));
  alertLines(ctx, alert, dBody.width).slice(0, dBody.height).forEach((line, i) => {
    runs(ctx, { ...dBody, y: dBody.y + i }, line);
  });
}
