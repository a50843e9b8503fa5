/**
 * Fast text measuring and drawing for the view. Most of what the dashboard draws is ASCII plus a
 * few symbol blocks (box drawing, blocks, arrows, geometric shapes, punctuation); grapheme
 * segmentation is needed only for the rest (CJK, emoji, combining marks, control characters).
 * Text made only of printable ASCII and single-column symbols from those blocks takes the fast
 * path, one cell per code unit; any other text goes through width.ts, so both agree on every
 * glyph. Each symbol's width is asked of width.ts once and remembered.
 */
import type { Rect, Screen } from "../render/screen.ts";
import { fit, glyphs, textWidth, truncate } from "../render/width.ts";
import { type BaseCtx, withClip } from "./context.ts";

/** Blocks whose characters never combine with their neighbours. */
const SYMBOL_BLOCKS: readonly (readonly [number, number])[] = [
  [0x00a1, 0x00ac],
  [0x00ae, 0x00ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2190, 0x23ff],
  [0x2500, 0x27bf],
];

const narrow = new Map<number, boolean>();

function isNarrowSymbol(code: number): boolean {
  let known = narrow.get(code);
  if (known === undefined) {
    known = SYMBOL_BLOCKS.some(([from, to]) => code >= from && code <= to) &&
      textWidth(String.fromCharCode(code)) === 1;
    narrow.set(code, known);
  }
  return known;
}

/**
 * True when every code unit of the text is one cell on its own.
 *
 * @param text any text
 * @returns whether the fast path applies
 */
export function isSimple(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c < 0xa1 || !isNarrowSymbol(c)) return false;
  }
  return true;
}

/**
 * Columns text takes (as textWidth()).
 *
 * @param text any text
 * @returns width in columns
 */
export function cols(text: string): number {
  return isSimple(text) ? text.length : textWidth(text);
}

/**
 * Cuts text to a width with "…" (as truncate()).
 *
 * @param text any text
 * @param width columns available
 * @returns text that fits
 */
export function cut(text: string, width: number): string {
  if (!isSimple(text)) return truncate(text, width);
  if (width <= 0) return "";
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * Pads or cuts text to exactly a width (as fit()).
 *
 * @param text any text
 * @param width columns
 * @param align where the text goes
 * @returns text of that width
 */
export function fitText(
  text: string,
  width: number,
  align: "left" | "right" = "left",
): string {
  if (!isSimple(text)) return fit(text, width, align);
  const c = cut(text, width);
  const fill = " ".repeat(Math.max(0, width - c.length));
  return align === "left" ? c + fill : fill + c;
}

function dropColumns(text: string, n: number): string {
  let skipped = 0;
  let out = "";
  for (const g of glyphs(text)) {
    if (skipped >= n) out += g.text;
    else if (skipped + g.width > n) out += " ";
    skipped += g.width;
  }
  return out;
}

/** Writes simple text's code units into cells [x, x + n) of a row (all on screen). */
function write(screen: Screen, x: number, y: number, text: string, style: number): void {
  const { width, chars, styleIds } = screen;
  const end = x + text.length;
  const row = y * width;
  if (chars[row + x] === "" && x > 0) chars[row + x - 1] = " ";
  if (end < width && chars[row + end] === "") chars[row + end] = " ";
  for (let i = 0; i < text.length; i++) {
    chars[row + x + i] = text.charAt(i);
    styleIds[row + x + i] = style;
  }
}

/**
 * Draws text from (x, y) rightwards, clipped to `width`, to the context's clip rectangle and to
 * the screen. Simple text is written straight into the cells; a wide glyph it partly overwrites
 * at either edge loses its other half, as Screen keeps it.
 *
 * @param ctx drawing context (its screen and clip rectangle)
 * @param at column, row and at most how many columns
 * @param text the text
 * @param style its style id
 * @returns columns the text takes from `x` (within `width`), drawn or clipped
 */
export function put(
  ctx: BaseCtx,
  at: { readonly x: number; readonly y: number; readonly width?: number },
  text: string,
  style: number,
): number {
  const simple = isSimple(text);
  const want = Math.min(simple ? text.length : textWidth(text), Math.max(0, at.width ?? Infinity));
  const { screen, clip } = ctx;
  const top = clip === undefined ? 0 : Math.max(0, clip.y);
  const bottom = clip === undefined ? screen.height : Math.min(screen.height, clip.y + clip.height);
  if (at.y < top || at.y >= bottom || want === 0) return want;
  const left = clip === undefined ? 0 : Math.max(0, clip.x);
  const right = clip === undefined ? screen.width : Math.min(screen.width, clip.x + clip.width);
  const x0 = Math.max(at.x, left);
  const x1 = Math.min(at.x + want, right);
  if (x1 <= x0) return want;
  if (simple) write(screen, x0, at.y, text.slice(x0 - at.x, x1 - at.x), style);
  else {
    const shown = x0 > at.x ? dropColumns(text, x0 - at.x) : text;
    screen.text(x0, at.y, shown, style, x1 - x0);
  }
  return want;
}

/**
 * Draws text cut with "…" to a width, at the left or the right of that width.
 *
 * @param ctx drawing context
 * @param at column, row and the cell's width
 * @param text the text
 * @param style its style id and the alignment
 */
export function putFit(
  ctx: BaseCtx,
  at: { readonly x: number; readonly y: number; readonly width: number },
  text: string,
  style: { readonly id: number; readonly right: boolean },
): void {
  if (at.width <= 0) return;
  let shown = text;
  let w: number;
  if (isSimple(text)) {
    if (text.length > at.width) shown = `${text.slice(0, at.width - 1)}…`;
    w = shown.length;
  } else {
    shown = truncate(text, at.width);
    w = textWidth(shown);
  }
  const x = style.right ? at.x + Math.max(0, at.width - w) : at.x;
  put(ctx, { x, y: at.y, width: at.width - (x - at.x) }, shown, style.id);
}

/**
 * Fills a rectangle with one narrow glyph, clipped to the context's clip rectangle.
 *
 * @param ctx drawing context
 * @param rect where
 * @param char the glyph (a space by default)
 * @param style its style id
 */
export function fillRect(ctx: BaseCtx, rect: Rect, char = " ", style = 0): void {
  const clip = ctx.clip ?? ctx.screen.rect;
  const x = Math.max(rect.x, clip.x);
  const y = Math.max(rect.y, clip.y);
  const right = Math.min(rect.x + rect.width, clip.x + clip.width);
  const bottom = Math.min(rect.y + rect.height, clip.y + clip.height);
  if (right <= x || bottom <= y) return;
  ctx.screen.fill({ x, y, width: right - x, height: bottom - y }, char, style);
}

/**
 * The context with drawing clipped to a rectangle as well (within any clip it had).
 *
 * @param ctx drawing context
 * @param rect where drawing may land
 * @returns the clipped context
 */
export function clipTo<C extends BaseCtx>(ctx: C, rect: Rect): C {
  const outer = ctx.clip ?? ctx.screen.rect;
  const x = Math.max(outer.x, rect.x);
  const y = Math.max(outer.y, rect.y);
  const right = Math.min(outer.x + outer.width, rect.x + rect.width);
  const bottom = Math.min(outer.y + outer.height, rect.y + rect.height);
  return withClip(ctx, { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) });
}
