/**
 * Checks every view test makes of a frame: the exact size, and cells that hold only printable
 * glyphs, with each wide glyph followed by its continuation and no continuation without one.
 */
import assert from "node:assert/strict";
import type { Screen } from "../../../src/dashboard/render/screen.ts";
import { textWidth } from "../../../src/dashboard/render/width.ts";

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Width of each glyph seen (measuring is slow; frames repeat the same few glyphs). */
const widths = new Map<string, number>();

function widthOf(glyph: string): number {
  let w = widths.get(glyph);
  if (w === undefined) {
    w = textWidth(glyph);
    widths.set(glyph, w);
  }
  return w;
}

/**
 * Asserts a frame is well formed.
 *
 * @param screen the frame
 * @param width expected columns
 * @param height expected rows
 * @param label names the case in failure messages
 */
export function assertWellFormed(
  screen: Screen,
  width: number,
  height: number,
  label: string,
): void {
  assert.equal(screen.width, width, `${label}: width`);
  assert.equal(screen.height, height, `${label}: height`);
  assert.equal(screen.chars.length, width * height, `${label}: cells`);
  for (let y = 0; y < height; y++) {
    let wide = false;
    for (let x = 0; x < width; x++) {
      const c = screen.chars[y * width + x] as string;
      if (c === "") {
        if (!wide) assert.fail(`${label}: continuation without a wide glyph at ${x},${y}`);
        wide = false;
        continue;
      }
      if (wide) assert.fail(`${label}: wide glyph without its continuation at ${x - 1},${y}`);
      const code = c.charCodeAt(0);
      if (c.length === 1 && code >= 0x20 && code < 0x7f) continue;
      if (CONTROL.test(c)) {
        assert.fail(`${label}: control character ${JSON.stringify(c)} at ${x},${y}`);
      }
      const w = widthOf(c);
      if (w !== 1 && w !== 2) assert.fail(`${label}: glyph ${JSON.stringify(c)} of width ${w}`);
      wide = w === 2;
    }
    if (wide) assert.fail(`${label}: wide glyph cut at the end of row ${y}`);
  }
}
