/**
 * A table: a header row and the rows of a window of a list. Column widths come from the columns
 * (fixed, growing into spare room, dropped by rank when the table is too narrow); cells are cut
 * with "…" and padded, so columns stay aligned whatever the text holds. Only the rows on screen
 * are ever asked for.
 */
import type { Rect } from "../render/screen.ts";
import type { BaseCtx } from "./context.ts";
import { bar } from "./widgets.ts";
import { cols, fillRect, put, putFit } from "./text.ts";

/** One column. */
export interface Column {
  readonly title: string;
  /** Width it needs. */
  readonly width: number;
  /** Takes spare columns, in proportion to this weight. */
  readonly grow?: number;
  /** Never wider than this when growing. */
  readonly max?: number;
  readonly align?: "left" | "right";
  /** Dropped first when the table is too narrow (highest rank first); never when absent. */
  readonly drop?: number;
  /** When its turn to be dropped comes, first narrowed down to this width. */
  readonly min?: number;
  /** Columns between this one and the next (default: the table's gap). */
  readonly gapAfter?: number;
}

/** A cell: text, text and a style id, or a bar filled to a fraction. */
export type Cell =
  | string
  | readonly [text: string, style: number]
  | { readonly bar: number; readonly style: number };

/** What a table shows. */
export interface TableOptions {
  readonly columns: readonly Column[];
  /** Rows in the whole list. */
  readonly total: number;
  /** Builds the cells of row `i` (called only for rows on screen). */
  readonly row: (i: number) => readonly Cell[];
  /** First row on screen. */
  readonly start: number;
  /** Highlighted row, if any. */
  readonly selected?: number | undefined;
  /** Draw the header row (default true). */
  readonly header?: boolean;
}

/**
 * The width a column needs for its title and values, capped.
 *
 * @param title the column's title
 * @param values the texts it shows (only the rows on screen)
 * @param cap at most this wide
 * @returns the width
 */
export function widthFor(title: string, values: Iterable<string>, cap = Infinity): number {
  let w = cols(title);
  for (const v of values) w = Math.max(w, cols(v));
  return Math.min(w, cap);
}

/** Where the columns of a table go. */
export interface ColumnLayout {
  /** Width of each column; 0 for a dropped one. */
  readonly widths: number[];
  /** Columns after each one before the next shown column. */
  readonly gaps: number[];
}

/** A column with every field set, so the layout loops see one object shape. */
interface Spec {
  readonly width: number;
  readonly grow: number;
  readonly max: number;
  readonly drop: number;
  readonly min: number;
  readonly gapAfter: number;
}

function specs(columns: readonly Column[]): Spec[] {
  return columns.map((c) => ({
    width: Math.max(0, c.width),
    grow: c.grow ?? 0,
    max: c.max ?? Infinity,
    drop: c.drop ?? -1,
    min: Math.min(c.min ?? Infinity, Math.max(0, c.width)),
    gapAfter: c.gapAfter ?? Infinity,
  }));
}

function gapsOf(cs: readonly Spec[], widths: readonly number[], gap: number): number[] {
  let last = -1;
  for (let i = 0; i < widths.length; i++) if ((widths[i] ?? 0) > 0) last = i;
  return cs.map((c, i) => ((widths[i] ?? 0) > 0 && i < last ? Math.min(gap, c.gapAfter) : 0));
}

function total(cs: readonly Spec[], widths: readonly number[], gap: number): number {
  let sum = 0;
  for (const w of widths) sum += w;
  for (const g of gapsOf(cs, widths, gap)) sum += g;
  return sum;
}

/**
 * Lays columns out in a width: drops columns by rank until the rest fit, narrows the gaps and
 * then the last columns if they still do not, and gives spare room to growing columns.
 *
 * @param columns the columns
 * @param width columns available
 * @returns widths and gaps
 */
export function columnWidths(columns: readonly Column[], width: number): ColumnLayout {
  const cs = specs(columns);
  const widths = cs.map((c) => c.width);
  let gap = 2;
  while (total(cs, widths, gap) > width) {
    let victim = -1;
    cs.forEach((c, i) => {
      if (c.drop < 0 || (widths[i] ?? 0) === 0) return;
      if (victim < 0 || c.drop >= (cs[victim]?.drop ?? 0)) victim = i;
    });
    if (victim < 0) break;
    const w = widths[victim] ?? 0;
    const min = cs[victim]?.min ?? Infinity;
    const narrowed = Math.max(min, w - (total(cs, widths, gap) - width));
    widths[victim] = w > min ? narrowed : 0;
  }
  if (total(cs, widths, gap) > width) gap = 1;
  for (let i = widths.length - 1; i >= 0 && total(cs, widths, gap) > width; i--) {
    widths[i] = Math.max(0, (widths[i] ?? 0) - (total(cs, widths, gap) - width));
  }
  grow(cs, widths, width - total(cs, widths, gap));
  return { widths, gaps: gapsOf(cs, widths, gap) };
}

/** Shares spare columns among growing columns by weight, in passes until none can take more. */
function grow(cs: readonly Spec[], widths: number[], spare: number): void {
  for (let pass = 0; spare > 0 && pass < 8; pass++) {
    const open = cs.map((c, i) => (widths[i] ?? 0) > 0 && c.grow > 0 && (widths[i] ?? 0) < c.max);
    const weight = cs.reduce((a, c, i) => a + (open[i] ? c.grow : 0), 0);
    if (weight === 0) return;
    const budget = spare;
    cs.forEach((c, i) => {
      if (!open[i] || spare <= 0) return;
      const room = c.max - (widths[i] ?? 0);
      const add = Math.min(room, spare, Math.max(1, Math.floor((budget * c.grow) / weight)));
      widths[i] = (widths[i] ?? 0) + add;
      spare -= add;
    });
  }
}

/**
 * Draws a table in a rectangle.
 *
 * @param ctx drawing context
 * @param rect where
 * @param options columns, rows and selection
 */
export function table(ctx: BaseCtx, rect: Rect, options: TableOptions): void {
  const { t } = ctx;
  if (rect.width <= 0 || rect.height <= 0) return;
  const layout = columnWidths(options.columns, rect.width);
  let y = rect.y;
  if (options.header !== false) {
    drawRow(ctx, rect, y, layout, options.columns.map((c) => [c.title, t.heading]), {
      columns: options.columns,
    });
    y++;
  }
  const bottom = rect.y + rect.height;
  for (let i = options.start; i < options.total && y < bottom; i++, y++) {
    const selected = i === options.selected;
    if (selected) fillRect(ctx, { x: rect.x, y, width: rect.width, height: 1 }, " ", t.selection);
    drawRow(ctx, rect, y, layout, options.row(i), {
      columns: options.columns,
      override: selected ? t.selection : undefined,
    });
  }
}

function drawRow(
  ctx: BaseCtx,
  rect: Rect,
  y: number,
  layout: ColumnLayout,
  cells: readonly Cell[],
  opts: { readonly columns: readonly Column[]; readonly override?: number | undefined },
): void {
  let x = rect.x;
  const right = rect.x + rect.width;
  for (let i = 0; i < layout.widths.length && x < right; i++) {
    const w = layout.widths[i] ?? 0;
    if (w === 0) continue;
    const cell = cells[i] ?? "";
    const width = Math.min(w, right - x);
    if (typeof cell === "object" && "bar" in cell) {
      if (opts.override === undefined) bar(ctx, { x, y, width }, cell.bar, cell.style);
      else put(ctx, { x, y, width }, "█".repeat(filled(cell.bar, width)), opts.override);
    } else {
      const text = typeof cell === "string" ? cell : cell[0];
      const style = opts.override ?? (typeof cell === "string" ? ctx.t.text : cell[1]);
      const alignRight = opts.columns[i]?.align === "right";
      putFit(ctx, { x, y, width }, text, { id: style, right: alignRight });
    }
    x += w + (layout.gaps[i] ?? 0);
  }
}

function filled(fraction: number, width: number): number {
  return Number.isFinite(fraction) ? Math.round(Math.min(1, Math.max(0, fraction)) * width) : 0;
}
