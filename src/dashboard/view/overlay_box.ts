/**
 * The frame every overlay draws in: a cleared, centred rectangle with a focused box.
 */
import type { Rect } from "../render/screen.ts";
import type { BaseCtx } from "./context.ts";
import { centered } from "./layout.ts";
import { box, pad } from "./widgets.ts";
import { fillRect } from "./text.ts";

/**
 * Clears a centred rectangle and draws a focused box in it.
 *
 * @param ctx drawing context
 * @param area where the overlay may go
 * @param options wanted size, title, notes and border style
 * @returns the padded inside of the box
 */
export function overlayBox(
  ctx: BaseCtx,
  area: Rect,
  options: {
    readonly width: number;
    readonly height: number;
    readonly title: string;
    readonly footer?: string;
    readonly border?: number;
  },
): Rect {
  const rect = centered(area, { width: options.width, height: options.height });
  fillRect(ctx, rect);
  return pad(box(ctx, rect, {
    title: options.title,
    focused: true,
    ...(options.footer === undefined ? {} : { footer: options.footer }),
    ...(options.border === undefined ? {} : { border: options.border }),
  }));
}
