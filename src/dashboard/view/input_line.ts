/**
 * A one-line text input with a block cursor: the command line and the task search. When the text
 * is longer than the line, the part before the cursor scrolls so the cursor stays visible.
 */
import type { BaseCtx, Seg } from "./context.ts";
import { runs, runsWidth } from "./widgets.ts";
import { cols, put } from "./text.ts";
import { glyphs } from "../render/width.ts";

function tail(text: string, width: number): string {
  const gs = glyphs(text);
  let used = 0;
  let i = gs.length;
  while (i > 0 && used + (gs[i - 1]?.width ?? 1) <= width) used += gs[--i]?.width ?? 1;
  return gs.slice(i).map((g) => g.text).join("");
}

/**
 * Draws a prompt, the text and the cursor.
 *
 * @param ctx drawing context
 * @param at start column, row and width
 * @param input prompt runs, text, cursor (code units into the text) and whether to show it
 */
export function inputLine(
  ctx: BaseCtx,
  at: { readonly x: number; readonly y: number; readonly width: number },
  input: {
    readonly prompt: readonly Seg[];
    readonly text: string;
    readonly cursor: number;
    readonly showCursor: boolean;
  },
): void {
  const { t } = ctx;
  const used = runs(ctx, at, input.prompt);
  const room = at.width - used - 1;
  if (room <= 0 || used < runsWidth(input.prompt)) return;
  const cursor = Math.min(Math.max(0, input.cursor), input.text.length);
  let before = input.text.slice(0, cursor);
  const after = input.text.slice(cursor);
  if (cols(before) > room) before = `…${tail(before, room - 1)}`;
  let x = at.x + used;
  x += put(ctx, { x, y: at.y, width: room }, before, t.text);
  const left = at.x + at.width - x;
  if (left <= 0) return;
  const first = glyphs(after)[0];
  if (input.showCursor) {
    const under = first === undefined || first.width > left ? " " : first.text;
    x += put(ctx, { x, y: at.y, width: left }, under, t.cursor);
  } else if (first !== undefined) {
    x += put(ctx, { x, y: at.y, width: left }, first.text, t.text);
  }
  const rest = first === undefined ? "" : after.slice(first.text.length);
  put(ctx, { x, y: at.y, width: at.x + at.width - x }, rest, t.text);
}
