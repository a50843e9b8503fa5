/**
 * The workers panel: a summary of states and health, then one row per worker (health glyph, id,
 * model, state, bead, uptime, cost today; workspace, tier and the health reason when there is
 * room). The selected worker is in reverse video; its keys (kill, pause) act on it.
 */
import type { FleetWorker } from "../../../domain/mod.ts";
import type { Rect } from "../../render/screen.ts";
import { visibleWorkers } from "../../select.ts";
import type { Ctx, Seg } from "../context.ts";
import { ago, baseName, count, duration, usd } from "../format.ts";
import { healthGlyph, stateStyle } from "../symbols.ts";
import { type Cell, type Column, table } from "../table.ts";
import { box, emptyState, pad, runs, runsWidth, windowStart } from "../widgets.ts";
import { clipTo } from "../text.ts";

/** How the panel is drawn: the whole workers view, or a panel of the overview. */
export interface PanelMode {
  readonly full: boolean;
  readonly focused: boolean;
}

function summary(ctx: Ctx, workers: readonly FleetWorker[], width: number): Seg[] {
  const { t } = ctx;
  const states = new Map<string, number>();
  const health = new Map<string, number>();
  for (const w of workers) {
    states.set(w.view.status.state, (states.get(w.view.status.state) ?? 0) + 1);
    health.set(w.view.health, (health.get(w.view.health) ?? 0) + 1);
  }
  const stateRuns = (sep: string): Seg[] => {
    const out: Seg[] = [];
    for (
      const s of ["active", "idle", "starting", "paused", "failed", "stopped", "error"] as const
    ) {
      const n = states.get(s);
      if (n === undefined) continue;
      if (out.length > 0) out.push([sep, t.muted]);
      out.push([`${n} ${s}`, stateStyle(t, s)]);
    }
    return out;
  };
  const healthRuns = (words: boolean): Seg[] => {
    const out: Seg[] = [];
    for (const h of ["healthy", "degraded", "stuck", "dead"] as const) {
      const n = health.get(h);
      if (n === undefined) continue;
      const [glyph, style] = healthGlyph(t, h);
      out.push([words ? `  ${glyph} ${n} ${h}` : ` ${glyph}${n}`, style]);
    }
    return out;
  };
  const tries: Seg[][] = [
    [...stateRuns(" · "), [" ", t.text], ...healthRuns(true)],
    [...stateRuns(" · "), ["  ", t.text], ...healthRuns(false)],
    [...stateRuns(", "), ["  ", t.text], ...healthRuns(false)],
  ];
  return tries.find((segs) => runsWidth(segs) <= width) ?? tries[2] ?? [];
}

function columns(workers: readonly FleetWorker[], full: boolean): Column[] {
  let id = 6;
  let model = 5;
  let bead = 4;
  let uptime = 6;
  let today = 5;
  for (const w of workers) {
    id = Math.max(id, w.view.id.length);
    model = Math.max(model, (w.view.status.model ?? w.workerType ?? "").length);
    bead = Math.max(bead, (w.view.status.currentTask ?? "").length);
    uptime = Math.max(uptime, duration(w.view.uptimeMs).length);
    today = Math.max(today, usd(w.costTodayUsd).length);
  }
  return [
    { title: "", width: 1, gapAfter: 1 },
    { title: "Worker", width: Math.min(id, full ? 24 : 16) },
    { title: "Model", width: Math.min(model, 24), min: Math.min(model, 10), drop: 2 },
    { title: "Status", width: 8 },
    { title: "Bead", width: Math.min(bead, 14), drop: 1 },
    { title: "Uptime", width: uptime, align: "right", drop: full ? 4 : 9 },
    { title: "Today", width: today, align: "right", drop: full ? 3 : 8 },
    { title: "Workspace", width: full ? 14 : 0, drop: 5 },
    { title: "Tier", width: full ? 8 : 0, drop: 6 },
    { title: "Done", width: full ? 4 : 0, align: "right", drop: 8 },
    { title: "Seen", width: full ? 5 : 0, align: "right", drop: 9 },
    { title: "Health", width: full ? 24 : 0, min: 12, grow: 1, max: 60, drop: 7 },
  ];
}

function row(ctx: Ctx, w: FleetWorker): Cell[] {
  const { t } = ctx;
  const s = w.view.status;
  const reason = w.view.healthReason ?? (s.state === "paused" ? s.pauseReason : undefined);
  return [
    healthGlyph(t, w.view.health),
    [w.view.id, t.text],
    [s.model ?? w.workerType ?? "-", t.muted],
    [s.state, stateStyle(t, s.state)],
    [s.currentTask ?? "-", s.currentTask === undefined ? t.muted : t.text],
    [duration(w.view.uptimeMs), t.muted],
    [usd(w.costTodayUsd), t.text],
    [w.workspace === undefined ? "-" : baseName(w.workspace), t.muted],
    [w.tier ?? "-", t.muted],
    [String(s.tasksCompleted), t.muted],
    [s.lastActivity === undefined ? "-" : ago(s.lastActivity, ctx.now), t.muted],
    [reason ?? "", w.view.health === "healthy" ? t.muted : t.warn],
  ];
}

/**
 * Draws the workers panel.
 *
 * @param ctx drawing context
 * @param rect the panel's rectangle
 * @param mode full view or overview panel, focused or not
 */
export function drawWorkers(outer: Ctx, rect: Rect, mode: PanelMode): void {
  const ctx = clipTo(outer, rect);
  const workers = visibleWorkers(ctx.model);
  const max = ctx.snapshot.engine.maxWorkers;
  const selected = workers.length === 0 ? undefined : Math.min(
    ctx.model.selected.workers ?? 0,
    workers.length - 1,
  );
  const inner0 = { ...rect, height: rect.height - 2 };
  const bodyRows = Math.max(0, inner0.height - (mode.full ? 2 : 1));
  const start = windowStart(selected ?? 0, workers.length, bodyRows, ctx.model.scroll.workers);
  const more = workers.length > bodyRows
    ? `${start + 1}–${Math.min(workers.length, start + bodyRows)} of ${count(workers.length)}`
    : undefined;
  const inner = box(ctx, rect, {
    title: "Workers",
    focused: mode.focused,
    note: max === undefined ? `${workers.length}` : `${workers.length} · max ${max}`,
    ...(more === undefined ? {} : { footer: more }),
  });
  if (inner.height <= 0) return;
  if (workers.length === 0) {
    const how = ctx.model.readOnly
      ? "the orchestrator spawns them; this dashboard is observing"
      : "press n to spawn one, or run forge spawn";
    emptyState(ctx, inner, ["No workers yet", how]);
    return;
  }
  const body = pad(inner);
  if (mode.full) runs(ctx, body, summary(ctx, workers, body.width));
  const top = body.y + (mode.full ? 1 : 0);
  table(ctx, { ...body, y: top, height: body.y + body.height - top }, {
    columns: columns(workers.slice(start, start + bodyRows), mode.full),
    total: workers.length,
    start,
    selected: mode.focused ? selected : undefined,
    row: (i) => row(ctx, workers[i] as FleetWorker),
  });
}
