/**
 * How many terminal columns text takes: East Asian wide characters and emoji take two, combining
 * marks none. Text is split into grapheme clusters so a flag or a family emoji is one unit; every
 * control character (ESC included) is replaced, so text from beads and logs can never move the
 * cursor or change the terminal. Terminals disagree on clusters built with a zero-width joiner or
 * an emoji variation selector (tmux counts each code point), so those are drawn as their first
 * code point alone, which every terminal measures alike.
 */
import stringWidth from "string-width";

/** One drawable unit of text and the columns it takes (1 or 2). */
export interface Glyph {
  readonly text: string;
  readonly width: 1 | 2;
}

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Shown instead of a control character. */
export const CONTROL_REPLACEMENT = "\uFFFD";

/** Clusters whose width terminals disagree on: joined emoji, variation selector 16. */
const AMBIGUOUS_CLUSTER = /[\u200d\ufe0f]/u;

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * Splits text into glyphs. Zero-width clusters (lone combining marks, joiners) are dropped;
 * control characters become U+FFFD; a tab becomes one space.
 *
 * @param text any text
 * @returns the glyphs, in order
 */
export function glyphs(text: string): Glyph[] {
  if (isPlainAscii(text)) return Array.from(text, (c) => ({ text: c, width: 1 }));
  // Segmenting is slow, and a frame draws the same titles and symbols again and again.
  const known = cache.get(text);
  if (known !== undefined) return known;
  const out = segment(text);
  if (text.length > CACHE_TEXT_MAX) return out;
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(text, out);
  return out;
}

/**
 * Texts whose glyphs are remembered: a frame's worth or so (lines with a clock change every
 * second, so the cache is cleared when full; a frame refills it cheaply).
 */
const CACHE_ENTRIES = 2_048;
const CACHE_TEXT_MAX = 256;
const cache = new Map<string, Glyph[]>();

function segment(text: string): Glyph[] {
  const out: Glyph[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (segment === "\t") {
      out.push({ text: " ", width: 1 });
      continue;
    }
    if (CONTROL.test(segment)) {
      out.push({ text: CONTROL_REPLACEMENT, width: 1 });
      continue;
    }
    const text = AMBIGUOUS_CLUSTER.test(segment)
      ? String.fromCodePoint(segment.codePointAt(0)!)
      : segment;
    const w = stringWidth(text);
    if (w <= 0) continue;
    out.push({ text, width: w >= 2 ? 2 : 1 });
  }
  return out;
}

/**
 * Columns text takes once drawn (after the replacements glyphs() makes).
 *
 * @param text any text
 * @returns width in columns
 */
export function textWidth(text: string): number {
  if (isPlainAscii(text)) return text.length;
  let w = 0;
  for (const g of glyphs(text)) w += g.width;
  return w;
}

/**
 * Cuts text to at most `width` columns, ending in "…" when something was cut.
 *
 * @param text any text
 * @param width columns available
 * @returns text that fits
 */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  if (isPlainAscii(text)) {
    return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
  }
  const gs = glyphs(text);
  let total = 0;
  for (const g of gs) total += g.width;
  if (total <= width) return gs.map((g) => g.text).join("");
  let out = "";
  let used = 0;
  for (const g of gs) {
    if (used + g.width > width - 1) break;
    out += g.text;
    used += g.width;
  }
  return `${out}…`;
}

/**
 * Pads (or cuts) text to exactly `width` columns.
 *
 * @param text any text
 * @param width columns
 * @param align where the text goes
 * @returns text of that width
 */
export function fit(text: string, width: number, align: "left" | "right" = "left"): string {
  const cut = truncate(text, width);
  const pad = " ".repeat(Math.max(0, width - textWidth(cut)));
  return align === "left" ? cut + pad : pad + cut;
}
