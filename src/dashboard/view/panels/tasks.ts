/**
 * The task queue: counts per state, then one table in the queue's order (in progress, ready by
 * score, blocked, deferred) with state, id, priority, score, title, workspace and why a bead
 * waits. Filters show in the title; `/` shows the search being typed. Only the rows on screen
 * are drawn, so a queue of 10,000 beads costs what a queue of 40 does.
 */
import type { QueuedBead } from "../../../domain/mod.ts";
import { queueCountList } from "../../../domain/mod.ts";
import type { Rect } from "../../render/screen.ts";
import { visibleTasks } from "../../select.ts";
import type { Ctx, Seg } from "../context.ts";
import { baseName, count } from "../format.ts";
import { inputLine } from "../input_line.ts";
import { priorityBadge, taskState } from "../symbols.ts";
import { type Cell, type Column, table } from "../table.ts";
import { box, emptyState, pad, runs, windowStart } from "../widgets.ts";
import type { PanelMode } from "./workers.ts";
import { clipTo } from "../text.ts";

/** The last filtered list: redraws between snapshots (the clock, a toast) reuse it. */
let memo:
  | {
    readonly from: readonly QueuedBead[];
    readonly key: string;
    readonly list: readonly QueuedBead[];
  }
  | undefined;

function shownTasks(ctx: Ctx): readonly QueuedBead[] {
  const { priority, workspace, search } = ctx.model.tasks;
  const key = `${priority}\u0000${workspace}\u0000${search}`;
  const from = ctx.snapshot.tasks;
  if (memo === undefined || memo.from !== from || memo.key !== key) {
    memo = { from, key, list: visibleTasks(ctx.model) };
  }
  return memo.list;
}

function countRuns(ctx: Ctx): Seg[] {
  const { t } = ctx;
  const out: Seg[] = [];
  for (const [state, n] of queueCountList(ctx.snapshot.counts)) {
    const [glyph, word, style] = taskState(t, state);
    if (out.length > 0) out.push(["  ", t.text]);
    out.push([`${glyph} `, style], [`${count(n)} ${word}`, t.text]);
  }
  return out;
}

function filterTitle(ctx: Ctx, title: string): string {
  const { priority, workspace, search, searching } = ctx.model.tasks;
  const parts = [title];
  if (priority !== undefined) parts.push(`P${priority}`);
  if (workspace !== undefined) parts.push(`in ${baseName(workspace)}`);
  if (search !== "" && !searching) parts.push(`"${search}"`);
  return parts.join(" · ");
}

function columns(ctx: Ctx, rows: readonly QueuedBead[], full: boolean): Column[] {
  let id = 4;
  let workspace = 9;
  let why = 3;
  for (const q of rows) {
    id = Math.max(id, q.bead.id.length);
    workspace = Math.max(workspace, baseName(q.workspace).length);
    why = Math.max(why, whyOf(q).length);
  }
  const compact = full ? {} : { gapAfter: 1 };
  const many = ctx.snapshot.workspaces.length > 1;
  return [
    { title: full ? "State" : "", width: full ? 13 : 1, ...compact },
    { title: "Bead", width: Math.min(id, 14) },
    { title: "P", width: 2 },
    { title: "Score", width: 5, align: "right", drop: 1 },
    { title: "Title", width: full ? 30 : 20, grow: 4 },
    { title: "Workspace", width: full && many ? Math.min(workspace, 16) : 0, drop: 3 },
    { title: "Why", width: full ? Math.min(why, 16) : 0, max: Math.min(why, 48), grow: 1, drop: 2 },
  ];
}

function whyOf(q: QueuedBead): string {
  if (q.state === "in_progress" && q.bead.assignee !== undefined) return `on ${q.bead.assignee}`;
  return q.state === "ready" ? "" : q.reason;
}

function row(ctx: Ctx, q: QueuedBead, full: boolean): Cell[] {
  const { t } = ctx;
  const [glyph, word, style] = taskState(t, q.state);
  const why = whyOf(q);
  return [
    [full ? `${glyph} ${word}` : glyph, style],
    [q.bead.id, t.text],
    priorityBadge(t, q.bead.priority),
    [String(q.score.total), t.text],
    [q.bead.title, t.text],
    [baseName(q.workspace), t.muted],
    [why, t.muted],
  ];
}

function emptyLines(ctx: Ctx, total: number): string[] {
  const { priority, workspace, search } = ctx.model.tasks;
  if (total === 0) {
    const n = ctx.snapshot.workspaces.length;
    return [
      `No open beads in ${n} workspace${n === 1 ? "" : "s"}`,
      "create one with bd create (or br, bead), or add a workspace: forge workspace add PATH",
    ];
  }
  const what: string[] = [];
  if (priority !== undefined) what.push(`P${priority}`);
  if (workspace !== undefined) what.push(`in ${baseName(workspace)}`);
  if (search !== "") what.push(`"${search}"`);
  const how: string[] = [];
  if (search !== "") how.push("Esc clears the search");
  if (priority !== undefined) how.push(`${priority} again shows every priority`);
  if (workspace !== undefined) how.push("f shows the next workspace");
  return [`No tasks match ${what.join(" · ")}`, how.join(", ")];
}

/**
 * Draws the task queue panel.
 *
 * @param ctx drawing context
 * @param rect the panel's rectangle
 * @param mode full view or overview panel, focused or not
 */
export function drawTasks(outer: Ctx, rect: Rect, mode: PanelMode): void {
  const ctx = clipTo(outer, rect);
  const all = ctx.snapshot.tasks;
  const tasks = mode.full ? shownTasks(ctx) : all;
  const { searching, search } = ctx.model.tasks;
  const searchRow = mode.full && searching ? 1 : 0;
  const bodyRows = Math.max(0, rect.height - 4 - searchRow);
  const selected = mode.full && tasks.length > 0
    ? Math.min(ctx.model.selected.tasks ?? 0, tasks.length - 1)
    : undefined;
  const start = windowStart(selected ?? 0, tasks.length, bodyRows, ctx.model.scroll.tasks);
  const filtered = tasks !== all;
  const inner = box(ctx, rect, {
    title: filterTitle(ctx, mode.full ? "Tasks" : "Task queue"),
    focused: mode.focused,
    note: filtered ? `${count(tasks.length)} of ${count(all.length)}` : `${count(all.length)} open`,
    ...(tasks.length > bodyRows && bodyRows > 0
      ? { footer: `${count(start + 1)}–${count(Math.min(tasks.length, start + bodyRows))}` }
      : {}),
  });
  if (inner.height <= 0) return;
  const body = pad(inner);
  runs(ctx, body, countRuns(ctx));
  if (searchRow > 0) {
    inputLine(ctx, { x: body.x, y: body.y + 1, width: body.width }, {
      prompt: [["/ ", ctx.t.key]],
      text: search,
      cursor: search.length,
      showCursor: true,
    });
  }
  const rest = { ...body, y: body.y + 1 + searchRow, height: body.height - 1 - searchRow };
  if (tasks.length === 0) {
    emptyState(ctx, rest, emptyLines(ctx, all.length));
    return;
  }
  const shown = tasks.slice(start, start + Math.max(0, rest.height - 1));
  table(ctx, rest, {
    columns: columns(ctx, shown, mode.full),
    total: tasks.length,
    start,
    selected,
    row: (i) => row(ctx, tasks[i] as QueuedBead, mode.full),
  });
}
