/**
 * The header row: FORGE and its version, the views as tabs (or the current view's name when they
 * do not fit, with the tabs on their own row), then on the right what needs attention: observer
 * mode, engine state, workspaces, workers and their health, open alerts, and the clock.
 */
import { HEALTHY_STATES } from "../../domain/mod.ts";
import { KEYMAP } from "../keymap.ts";
import { type ViewName, VIEWS } from "../model.ts";
import type { Rect } from "../render/screen.ts";
import type { BaseCtx, Seg } from "./context.ts";
import { clock } from "./format.ts";
import { runs, runsWidth } from "./widgets.ts";
import { cols, put } from "./text.ts";

/** Each view's name as its tab and panel titles say it. */
export const VIEW_TITLES: Readonly<Record<ViewName, string>> = {
  overview: "Overview",
  workers: "Workers",
  tasks: "Tasks",
  costs: "Costs",
  subscriptions: "Subscriptions",
  metrics: "Metrics",
  alerts: "Alerts",
  logs: "Logs",
  routing: "Routing",
  chat: "Chat",
};

const SHORT: Partial<Record<ViewName, string>> = { subscriptions: "Subs" };

function hotkey(view: ViewName): string {
  return KEYMAP.find((b) => b.command === `view:${view}`)?.display ?? "";
}

/**
 * The tab bar as runs: each view's name with its key picked out, the current view underlined.
 *
 * @param ctx drawing context
 * @param short use short names
 * @returns the runs
 */
export function tabRuns(ctx: BaseCtx, short: boolean): Seg[] {
  const { t, model } = ctx;
  const out: Seg[] = [];
  for (const view of VIEWS) {
    if (out.length > 0) out.push([" ", t.text]);
    const label = (short ? SHORT[view] : undefined) ?? VIEW_TITLES[view];
    if (view === model.view) {
      out.push([label, t.tabActive]);
      continue;
    }
    const key = hotkey(view);
    const at = key.length === 1 ? label.toLowerCase().indexOf(key.toLowerCase()) : -1;
    if (at < 0) out.push([key, t.key], [label, t.muted]);
    else {
      out.push([label.slice(0, at), t.muted], [label.slice(at, at + 1), t.key]);
      out.push([label.slice(at + 1), t.muted]);
    }
  }
  return out.filter(([text]) => text !== "");
}

function brand(ctx: BaseCtx): Seg {
  const version = ctx.model.snapshot?.version;
  return [version === undefined ? " FORGE " : ` FORGE ${version} `, ctx.t.brand];
}

function workersPill(ctx: BaseCtx): Seg[] {
  const { t, model } = ctx;
  const snap = model.snapshot;
  if (snap === undefined) return [["loading…", t.warn]];
  const live = snap.workers.filter((w) => HEALTHY_STATES.has(w.view.status.state));
  // Running workers in trouble, and unreadable status files. A worker that failed and ended is
  // history (the workers list and the alerts keep it), not something wrong now.
  const sick = snap.workers.filter((w) =>
    (HEALTHY_STATES.has(w.view.status.state) &&
      (w.view.health === "degraded" || w.view.health === "stuck" || w.view.health === "dead")) ||
    w.view.status.state === "error"
  ).length;
  if (snap.workers.length === 0) return [["no workers", t.muted]];
  const n = `${live.length} worker${live.length === 1 ? "" : "s"}`;
  if (sick === 0) return [["● ", t.ok], [n, t.text]];
  return [["▲ ", t.warn], [`${n}, `, t.text], [`${sick} unhealthy`, t.warn]];
}

function alertsBadge(ctx: BaseCtx): Seg[] {
  const open = (ctx.model.snapshot?.alerts ?? []).filter((a) => !a.acknowledged);
  if (open.length === 0) return [];
  const critical = open.some((a) => a.severity === "critical");
  const style = critical ? ctx.t.dangerBold : ctx.t.warn;
  return [[`${critical ? "✖" : "▲"} ${open.length} alert${open.length === 1 ? "" : "s"}`, style]];
}

function engineState(ctx: BaseCtx): Seg[] {
  const snap = ctx.model.snapshot;
  if (snap === undefined) return [];
  if (snap.engine.stopping) return [["engine stopping…", ctx.t.warn]];
  if (!snap.engine.running) return [["engine not running", ctx.t.danger]];
  return [];
}

function workspaces(ctx: BaseCtx): Seg[] {
  const n = ctx.model.snapshot?.workspaces.length;
  if (n === undefined) return [];
  return [[`${n} workspace${n === 1 ? "" : "s"}`, ctx.t.muted]];
}

interface Group {
  readonly segs: readonly Seg[];
  /** Left-to-right position on the row. */
  readonly order: number;
}

/** Right-hand groups, most important first (dropped from the end when space runs out). */
function rightGroups(ctx: BaseCtx): Group[] {
  const readOnly: Seg[] = ctx.model.readOnly ? [["observing (read-only)", ctx.t.warn]] : [];
  const groups: Group[] = [
    { segs: [[clock(ctx.now), ctx.t.bold]], order: 5 },
    { segs: readOnly, order: 0 },
    { segs: workersPill(ctx), order: 3 },
    { segs: engineState(ctx), order: 1 },
    { segs: alertsBadge(ctx), order: 4 },
    { segs: workspaces(ctx), order: 2 },
  ];
  return groups.filter((g) => g.segs.length > 0);
}

/**
 * Whether the tabs fit in the header row beside the brand and the essentials on the right.
 *
 * @param ctx drawing context
 * @param width the row's width
 * @returns true when the header can hold the tabs
 */
export function tabsFitHeader(ctx: BaseCtx, width: number): boolean {
  const essentials = rightGroups(ctx).slice(0, 3).reduce((a, g) => a + runsWidth(g.segs) + 3, 0);
  return cols(brand(ctx)[0]) + 2 + runsWidth(tabRuns(ctx, true)) + essentials <= width;
}

/**
 * Draws the header row.
 *
 * @param ctx drawing context
 * @param rect the header row
 * @param withTabs draw the tabs (else the current view's name)
 */
export function drawHeader(ctx: BaseCtx, rect: Rect, withTabs: boolean): void {
  const { t } = ctx;
  const b = brand(ctx);
  const left = put(ctx, { x: rect.x, y: rect.y, width: rect.width }, b[0], b[1]) + 1;
  const chosen: Group[] = [];
  let rightWidth = 0;
  const reserve = withTabs ? 0 : cols(VIEW_TITLES[ctx.model.view]) + 2;
  for (const g of rightGroups(ctx)) {
    const w = runsWidth(g.segs) + (chosen.length > 0 ? 3 : 0);
    if (left + reserve + rightWidth + w + 1 > rect.width) break;
    chosen.push(g);
    rightWidth += w;
  }
  const right: Seg[] = [];
  for (const g of chosen.toSorted((a, c) => a.order - c.order)) {
    if (right.length > 0) right.push([" │ ", t.border]);
    right.push(...g.segs);
  }
  const rx = rect.x + rect.width - rightWidth - 1;
  runs(ctx, { x: rx, y: rect.y, width: rightWidth }, right);
  const middle = { x: rect.x + left, y: rect.y, width: Math.max(0, rx - rect.x - left - 2) };
  if (withTabs) {
    const long = tabRuns(ctx, false);
    runs(ctx, middle, runsWidth(long) <= middle.width ? long : tabRuns(ctx, true));
  } else runs(ctx, middle, [[VIEW_TITLES[ctx.model.view], t.titleFocus]]);
}

/**
 * Draws the tab bar on its own row (long names, short ones, or the current view only).
 *
 * @param ctx drawing context
 * @param rect the row
 */
export function drawTabs(ctx: BaseCtx, rect: Rect): void {
  const at = { x: rect.x + 1, y: rect.y, width: Math.max(0, rect.width - 2) };
  for (const short of [false, true]) {
    const tabs = tabRuns(ctx, short);
    if (runsWidth(tabs) <= at.width) {
      runs(ctx, at, tabs);
      return;
    }
  }
  const i = VIEWS.indexOf(ctx.model.view);
  runs(ctx, at, [
    ["‹ ", ctx.t.muted],
    [VIEW_TITLES[ctx.model.view], ctx.t.tabActive],
    [` › ${i + 1}/${VIEWS.length} · Tab next`, ctx.t.muted],
  ]);
}
