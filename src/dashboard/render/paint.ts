/**
 * Turns one frame into the next on a real terminal with as few bytes as possible: only changed
 * cells are written, adjacent changes go out as one run, and a style is sent only when it
 * changes. Wide glyphs are always written whole (a terminal blanks both halves when either is
 * overwritten), so a run is widened until neither frame has a glyph cut at its edges. The whole
 * update is one DEC 2026 synchronized block, so terminals that support it never show half a
 * frame.
 */
import { type ColorDepth, sgr } from "./color.ts";
import type { Screen } from "./screen.ts";
import type { StyleTable } from "./style.ts";

const SYNC_START = "\x1b[?2026h";
const SYNC_END = "\x1b[?2026l";
const RESET = "\x1b[0m";
/** Gaps of at most this many unchanged cells may be rewritten instead of moving the cursor. */
const MAX_BRIDGE = 3;

/** SGR strings per style id, per depth, per style table (ids only ever grow). */
const sgrCache = new WeakMap<StyleTable, Map<ColorDepth, string[]>>();

function sgrCodes(styles: StyleTable, depth: ColorDepth): string[] {
  let byDepth = sgrCache.get(styles);
  if (byDepth === undefined) {
    byDepth = new Map();
    sgrCache.set(styles, byDepth);
  }
  let codes = byDepth.get(depth);
  if (codes === undefined) {
    codes = [];
    byDepth.set(depth, codes);
  }
  for (let id = codes.length; id < styles.size; id++) codes.push(sgr(styles.get(id), depth));
  return codes;
}

function cup(y: number, x: number): string {
  return `\x1b[${y + 1};${x + 1}H`;
}

/** The output being built, and the SGR the terminal is in after it. */
interface Out {
  readonly parts: string[];
  current: string;
}

/**
 * Writes the cells [from, to) of row `y` of `next` (cursor already there), in slices of one
 * style: a join per slice, not a string per cell. A continuation adds nothing to its slice (its
 * glyph's style is the one shown); one with no glyph before it is drawn as a space.
 */
function writeCells(out: Out, next: Screen, codes: readonly string[], span: Span): void {
  const { chars, styleIds } = next;
  const parts = out.parts;
  const base = span.y * next.width;
  const end = base + span.to;
  let start = base + span.from;
  for (let i = start; i < end; i++) {
    if (chars[i] === "") {
      if (i > base && chars[i - 1] !== "") continue;
      if (i > start) parts.push(chars.slice(start, i).join(""));
      const orphan = codes[styleIds[i]!]!;
      if (orphan !== out.current) parts.push(orphan);
      parts.push(" ");
      out.current = orphan;
      start = i + 1;
      continue;
    }
    const code = codes[styleIds[i]!]!;
    if (code === out.current) continue;
    if (i > start) parts.push(chars.slice(start, i).join(""));
    parts.push(code);
    out.current = code;
    start = i;
  }
  if (end > start) parts.push(chars.slice(start, end).join(""));
}

/** Cells [from, to) of one row. */
interface Span {
  readonly y: number;
  readonly from: number;
  readonly to: number;
}

function fullRepaint(next: Screen, codes: readonly string[]): string {
  const out: Out = { parts: [SYNC_START, RESET, "\x1b[H\x1b[2J"], current: RESET };
  for (let y = 0; y < next.height; y++) {
    if (y > 0) out.parts.push(cup(y, 0));
    writeCells(out, next, codes, { y, from: 0, to: next.width });
  }
  out.parts.push(SYNC_END, RESET);
  return out.parts.join("");
}

/** What the diff of two same-sized frames needs. */
interface Diff {
  readonly prev: Screen;
  readonly next: Screen;
  readonly codes: readonly string[];
  /** The previous frame's SGR strings when it interned styles in another table. */
  readonly prevCodes: readonly string[] | undefined;
  readonly out: Out;
}

function sameCell(d: Diff, i: number): boolean {
  if (d.prev.chars[i] !== d.next.chars[i]) return false;
  const before = d.prev.styleIds[i]!;
  const after = d.next.styleIds[i]!;
  if (d.prevCodes === undefined) return before === after;
  return d.prevCodes[before] === d.codes[after];
}

/** True when a run may not start or end at cell i: it is the right half of a glyph. */
function isContinuation(d: Diff, i: number): boolean {
  return d.prev.chars[i] === "" || d.next.chars[i] === "";
}

/** Bytes it takes to rewrite the unchanged cells [from, to) between two runs of row y. */
function bridgeCost(d: Diff, y: number, from: number, to: number): number {
  const { chars, styleIds, width } = d.next;
  const base = y * width;
  const before = d.codes[styleIds[base + from - 1]!]!;
  let current = before;
  let cost = 0;
  for (let x = from; x < to; x++) {
    const ch = chars[base + x]!;
    if (ch === "") continue;
    const code = d.codes[styleIds[base + x]!]!;
    if (code !== current) {
      cost += code.length;
      current = code;
    }
    cost += ch.length;
  }
  const after = d.codes[styleIds[base + to]!]!;
  if (after !== current) cost += after.length;
  if (after !== before) cost -= after.length;
  return cost;
}

function emitRun(d: Diff, span: Span): void {
  d.out.parts.push(cup(span.y, span.from));
  writeCells(d.out, d.next, d.codes, span);
}

/** The first cell from i (inclusive) to end (exclusive) that differs, or end. */
function nextChange(d: Diff, i: number, end: number): number {
  const before = d.prev.chars;
  const after = d.next.chars;
  if (d.prevCodes === undefined) {
    const beforeIds = d.prev.styleIds;
    const afterIds = d.next.styleIds;
    while (i < end && before[i] === after[i] && beforeIds[i] === afterIds[i]) i++;
    return i;
  }
  while (i < end && sameCell(d, i)) i++;
  return i;
}

function diffRow(d: Diff, y: number): void {
  const width = d.next.width;
  const base = y * width;
  let runFrom = -1;
  let runTo = -1;
  let x = nextChange(d, base, base + width) - base;
  while (x < width) {
    let from = x;
    let to = x + 1;
    while (to < width && !sameCell(d, base + to)) to++;
    while (from > 0 && isContinuation(d, base + from)) from--;
    while (to < width && isContinuation(d, base + to)) to++;
    if (runFrom < 0) {
      runFrom = from;
    } else if (
      from > runTo &&
      (from - runTo > MAX_BRIDGE || bridgeCost(d, y, runTo, from) >= cup(y, from).length)
    ) {
      emitRun(d, { y, from: runFrom, to: runTo });
      runFrom = from;
    }
    runTo = Math.max(runTo, to);
    x = nextChange(d, base + to, base + width) - base;
  }
  if (runFrom >= 0) emitRun(d, { y, from: runFrom, to: runTo });
}

/**
 * The bytes that turn what the terminal shows (`prev`) into `next`. Without a previous frame, or
 * when the size changed, every row is written; otherwise only changed cells. Styles are looked
 * up by id in each frame's own style table (share one table between frames: cells then compare
 * as numbers). The terminal is assumed to be in the plain style, as every paint leaves it.
 *
 * @param prev the frame on the terminal now, or undefined when unknown
 * @param next the frame to show
 * @param options the terminal's colour depth
 * @returns escape sequences and text wrapped in synchronized output and ending in a reset, or ""
 *   when nothing changed
 */
export function paint(
  prev: Screen | undefined,
  next: Screen,
  options: { readonly depth: ColorDepth },
): string {
  const codes = sgrCodes(next.styles, options.depth);
  if (prev === undefined || prev.width !== next.width || prev.height !== next.height) {
    return fullRepaint(next, codes);
  }
  const d: Diff = {
    prev,
    next,
    codes,
    prevCodes: prev.styles === next.styles ? undefined : sgrCodes(prev.styles, options.depth),
    out: { parts: [SYNC_START], current: RESET },
  };
  for (let y = 0; y < next.height; y++) diffRow(d, y);
  if (d.out.parts.length === 1) return "";
  d.out.parts.push(SYNC_END, RESET);
  return d.out.parts.join("");
}
