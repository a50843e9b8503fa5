/**
 * The details overlays: one task (state, priority, its score explained, why it waits, blockers,
 * description) or one alert, each saying which of how many it is.
 */
import type { FleetAlert, QueuedBead } from "../../domain/mod.ts";
import type { Rect } from "../render/screen.ts";
import { visibleAlerts, visibleTasks } from "../select.ts";
import type { Ctx, Seg } from "./context.ts";
import { ago, count, wrap } from "./format.ts";
import { overlayBox } from "./overlay_box.ts";
import { alertLines } from "./panels/alerts.ts";
import { priorityBadge, taskState } from "./symbols.ts";
import { runs } from "./widgets.ts";

function field(ctx: Ctx, name: string, value: string, style?: number): Seg[] {
  return [[name.padEnd(11), ctx.t.muted], [value, style ?? ctx.t.text]];
}

function scoreLine(q: QueuedBead): string {
  const s = q.score;
  const parts = [`priority ${s.priority}`, `unblocks ${s.unblocks}`, `age ${s.age}`];
  if (s.urgent > 0) parts.push(`urgent ${s.urgent}`);
  return `${s.total} = ${parts.join(" + ")}`;
}

function taskLines(ctx: Ctx, q: QueuedBead, width: number): Seg[][] {
  const { t } = ctx;
  const b = q.bead;
  const [glyph, word, style] = taskState(t, q.state);
  const lines: Seg[][] = [
    [[b.id, t.bold], ["  ", t.text], priorityBadge(t, b.priority), ["  ", t.text], [
      `${glyph} ${word}`,
      style,
    ], [`  ${b.issueType}`, t.muted]],
  ];
  for (const l of wrap(b.title, width, 3)) lines.push([[l, t.title]]);
  lines.push([]);
  lines.push(field(ctx, "Score", scoreLine(q)));
  const days = q.score.ageDays;
  const why = [`unblocks ${q.score.unblockedCount}`, `waiting ${days} day${days === 1 ? "" : "s"}`];
  if (q.score.urgentLabels.length > 0) why.push(`labels ${q.score.urgentLabels.join(", ")}`);
  lines.push(field(ctx, "", why.join(" · "), t.muted));
  lines.push(field(ctx, "Workspace", q.workspace));
  if (b.assignee !== undefined) lines.push(field(ctx, "Assignee", b.assignee));
  if (b.labels.length > 0) lines.push(field(ctx, "Labels", b.labels.join(", ")));
  const waits = q.state === "blocked" || q.state === "deferred";
  if (waits && q.reason !== "") lines.push(field(ctx, "Waits", q.reason, t.warn));
  if (q.blockers.length > 0) {
    const list = q.blockers.map((x) => `${x.id} (${x.status}, ${x.via})`).join(", ");
    lines.push(field(ctx, "Blockers", list));
  }
  if (q.cycle !== undefined) lines.push(field(ctx, "Cycle", q.cycle.join(" → "), t.danger));
  const when = [];
  if (b.createdAt !== undefined) when.push(`created ${ago(b.createdAt, ctx.now)} ago`);
  if (b.updatedAt !== undefined) when.push(`updated ${ago(b.updatedAt, ctx.now)} ago`);
  if (when.length > 0) lines.push(field(ctx, "Dates", when.join(" · "), t.muted));
  if (b.description.trim() !== "") {
    lines.push([]);
    for (const l of wrap(b.description.trim(), width)) lines.push([[l, t.text]]);
  }
  return lines;
}

function drawLines(ctx: Ctx, inner: Rect, lines: readonly Seg[][]): void {
  const room = Math.max(0, inner.height - 2);
  const cut = lines.length > room;
  lines.slice(0, cut ? room - 1 : room).forEach((line, i) => {
    runs(ctx, { ...inner, y: inner.y + 1 + i }, line);
  });
  if (cut && room > 0) {
    runs(ctx, { ...inner, y: inner.y + room }, [[
      "… (enlarge the terminal for more)",
      ctx.t.muted,
    ]]);
  }
}

function gone(ctx: Ctx, area: Rect, what: string): void {
  const inner = overlayBox(ctx, area, { width: 50, height: 5, title: "Details" });
  runs(ctx, { ...inner, y: inner.y + 1 }, [[`This ${what} is no longer listed`, ctx.t.muted]]);
}

/**
 * Draws the details of the task at an index of the tasks view's list.
 *
 * @param ctx drawing context
 * @param area the area overlays may cover
 * @param index index into visibleTasks()
 */
export function drawTaskDetails(ctx: Ctx, area: Rect, index: number): void {
  drawDetails(ctx, area, {
    items: visibleTasks(ctx.model),
    index,
    title: "Task",
    maxWidth: 84,
    lines: (q, width) => taskLines(ctx, q, width),
  });
}

/**
 * Draws the details of the alert at an index of the alerts view's list.
 *
 * @param ctx drawing context
 * @param area the area overlays may cover
 * @param index index into visibleAlerts()
 */
export function drawAlertDetails(ctx: Ctx, area: Rect, index: number): void {
  drawDetails(ctx, area, {
    items: visibleAlerts(ctx.model),
    index,
    title: "Alert",
    maxWidth: 72,
    lines: (alert: FleetAlert, width) => alertLines(ctx, alert, width),
  });
}

/** One item of a list in a box titled with its kind, "n of m" in the footer. */
function drawDetails<T>(
  ctx: Ctx,
  area: Rect,
  o: {
    readonly items: readonly T[];
    readonly index: number;
    readonly title: "Task" | "Alert";
    readonly maxWidth: number;
    readonly lines: (item: T, width: number) => Seg[][];
  },
): void {
  const item = o.items[o.index];
  if (item === undefined) return gone(ctx, area, o.title.toLowerCase());
  const width = Math.min(area.width - 2, o.maxWidth);
  const lines = o.lines(item, Math.max(10, width - 4));
  const inner = overlayBox(ctx, area, {
    width,
    height: lines.length + 4,
    title: o.title,
    footer: `${count(o.index + 1)} of ${count(o.items.length)}`,
  });
  drawLines(ctx, inner, lines);
}
