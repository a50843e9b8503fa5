/**
 * The view's building blocks: a box with a title (heavy lines when focused, so focus shows
 * without colour too), styled text runs, sparklines, quota bars, key hints and empty states.
 * Each draws only inside the rectangle it is given.
 */
import type { Binding } from "../keymap.ts";
import type { Rect } from "../render/screen.ts";
import type { BaseCtx, Seg } from "./context.ts";
import { wrap } from "./format.ts";
import type { ThemeIds } from "./theme.ts";
import { cols, cut, fillRect, put } from "./text.ts";

/** How a box is titled. */
export interface BoxOptions {
  readonly title: string;
  readonly focused?: boolean;
  /** Muted text at the right of the top border (counts, filters). */
  readonly note?: string;
  /** Muted text at the right of the bottom border (scroll position). */
  readonly footer?: string;
  /** Border style instead of the theme's (dialogs coloured by what they confirm). */
  readonly border?: number;
}

const LIGHT = ["╭", "╮", "╰", "╯", "─", "│"] as const;
const HEAVY = ["┏", "┓", "┗", "┛", "━", "┃"] as const;

/**
 * Draws a box and returns the rectangle inside it. The inside is left as it is: a fresh screen
 * is blank, and overlays clear their rectangle first.
 *
 * @param ctx drawing context
 * @param rect where
 * @param options title, focus and notes
 * @returns the inner rectangle (empty when the box has no room inside)
 */
export function box(ctx: BaseCtx, rect: Rect, options: BoxOptions): Rect {
  const { t } = ctx;
  const { x, y, width: w, height: h } = rect;
  if (w < 2 || h < 2) return { x, y, width: 0, height: 0 };
  const [tl, tr, bl, br, hz, vt] = options.focused === true ? HEAVY : LIGHT;
  const border = options.border ?? (options.focused === true ? t.borderFocus : t.border);
  fillRect(ctx, { x: x + 1, y, width: w - 2, height: 1 }, hz, border);
  fillRect(ctx, { x: x + 1, y: y + h - 1, width: w - 2, height: 1 }, hz, border);
  fillRect(ctx, { x, y: y + 1, width: 1, height: h - 2 }, vt, border);
  fillRect(ctx, { x: x + w - 1, y: y + 1, width: 1, height: h - 2 }, vt, border);
  fillRect(ctx, { x, y, width: 1, height: 1 }, tl, border);
  fillRect(ctx, { x: x + w - 1, y, width: 1, height: 1 }, tr, border);
  fillRect(ctx, { x, y: y + h - 1, width: 1, height: 1 }, bl, border);
  fillRect(ctx, { x: x + w - 1, y: y + h - 1, width: 1, height: 1 }, br, border);
  const room = w - 4;
  const title = cut(options.title, room - 2);
  let used = 0;
  if (title !== "") {
    used = put(
      ctx,
      { x: x + 2, y, width: room },
      ` ${title} `,
      options.focused ? t.titleFocus : t.title,
    );
  }
  borderNote(ctx, { x: x + 2 + used, y, width: room - used, height: 1 }, options.note);
  borderNote(ctx, { x: x + 2, y: y + h - 1, width: room, height: 1 }, options.footer);
  return { x: x + 1, y: y + 1, width: w - 2, height: h - 2 };
}

/**
 * A box's inside less one column on each side, where panels put their text.
 *
 * @param inner the inside of a box
 * @returns the padded rectangle
 */
export function pad(inner: Rect): Rect {
  return { x: inner.x + 1, y: inner.y, width: Math.max(0, inner.width - 2), height: inner.height };
}

function borderNote(ctx: BaseCtx, rect: Rect, note: string | undefined): void {
  if (note === undefined || note === "" || rect.width < 4) return;
  const text = ` ${cut(note, rect.width - 3)} `;
  put(ctx, { x: rect.x + rect.width - cols(text), y: rect.y }, text, ctx.t.muted);
}

/**
 * Draws styled runs one after another on one row, cutting the run that crosses the edge with
 * "…" and dropping the rest.
 *
 * @param ctx drawing context
 * @param at start column, row and columns available
 * @param segs the runs
 * @returns columns used
 */
export function runs(
  ctx: BaseCtx,
  at: { readonly x: number; readonly y: number; readonly width: number },
  segs: readonly Seg[],
): number {
  let used = 0;
  for (const [text, style] of segs) {
    const left = at.width - used;
    if (left <= 0) break;
    const w = cols(text);
    const shown = w <= left ? text : cut(text, left);
    used += put(ctx, { x: at.x + used, y: at.y, width: left }, shown, style);
    if (w > left) break;
  }
  return used;
}

/**
 * Columns runs take.
 *
 * @param segs the runs
 * @returns their total width
 */
export function runsWidth(segs: readonly Seg[]): number {
  let w = 0;
  for (const [text] of segs) w += cols(text);
  return w;
}

/**
 * The style of a share used up: green below 70 %, amber below 90 %, red from there.
 *
 * @param t theme ids
 * @param pct percent used
 * @returns a style id
 */
export function levelStyle(t: ThemeIds, pct: number): number {
  return pct >= 90 ? t.danger : pct >= 70 ? t.warn : t.ok;
}

/**
 * Draws a quota bar `█████░░░░░` of a fraction (clamped to 0-1).
 *
 * @param ctx drawing context
 * @param at where and how wide
 * @param fraction share filled
 * @param style style of the filled part
 */
export function bar(
  ctx: BaseCtx,
  at: { readonly x: number; readonly y: number; readonly width: number },
  fraction: number,
  style: number,
): void {
  if (at.width <= 0) return;
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const full = Math.round(f * at.width);
  put(ctx, { x: at.x, y: at.y }, "█".repeat(full), style);
  put(ctx, { x: at.x + full, y: at.y }, "░".repeat(at.width - full), ctx.t.barEmpty);
}

/**
 * Key hints `key label` from keymap bindings, as runs.
 *
 * @param t theme ids
 * @param bindings the bindings, in the order to show them
 * @returns runs, two spaces between hints
 */
export function hintRuns(t: ThemeIds, bindings: readonly Binding[]): Seg[] {
  const out: Seg[] = [];
  bindings.forEach((b, i) => {
    if (i > 0) out.push(["  ", t.text]);
    out.push([b.display, t.key], [` ${b.label}`, t.muted]);
  });
  return out;
}

/**
 * An empty state: what is missing on the first line, what to do on the next, centred and wrapped
 * to the rectangle.
 *
 * @param ctx drawing context
 * @param rect the panel's inside
 * @param lines the message, first line emphasised
 */
export function emptyState(ctx: BaseCtx, rect: Rect, lines: readonly string[]): void {
  if (rect.width <= 0 || rect.height <= 0) return;
  const wrapped = lines.flatMap((line, i) =>
    wrap(line, rect.width).map((text) => [text, i === 0 ? ctx.t.text : ctx.t.muted] as const)
  );
  const shown = wrapped.slice(0, rect.height);
  const top = rect.y + Math.max(0, Math.floor((rect.height - shown.length) / 2));
  shown.forEach(([line, style], i) => {
    const text = cut(line, rect.width);
    const x = rect.x + Math.max(0, Math.floor((rect.width - cols(text)) / 2));
    put(ctx, { x, y: top + i, width: rect.width }, text, style);
  });
}

/**
 * The first row to show so that the selected row stays visible, starting from the scroll the
 * model kept when that still shows the selection.
 *
 * @param selected selected row (clamped)
 * @param total rows in the list
 * @param rows rows that fit
 * @param hint the model's scroll position, if any
 * @returns the first visible row
 */
export function windowStart(
  selected: number,
  total: number,
  rows: number,
  hint: number | undefined,
): number {
  if (rows <= 0 || total <= rows) return 0;
  const sel = Math.min(Math.max(0, selected), total - 1);
  let start = Math.min(Math.max(0, hint ?? 0), total - rows);
  if (sel < start) start = sel;
  if (sel >= start + rows) start = sel - rows + 1;
  return start;
}
