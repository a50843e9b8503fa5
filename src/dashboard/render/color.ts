/**
 * What colours a terminal can show, and the SGR sequence that gives a cell its style at that
 * depth. `#rrggbb` colours are sent as they are to truecolor terminals and mapped to the nearest
 * xterm-256 or ANSI colour for the others; named colours stay named at every depth, so the
 * user's own palette decides how they look. NO_COLOR drops colour only: bold, dim, italic,
 * underline and reverse video remain, so selections stay visible.
 */
import { ANSI_COLORS, type AnsiColor, type Color, type Style } from "./style.ts";

/** How many colours the terminal shows. */
export type ColorDepth = "none" | "16" | "256" | "truecolor";

/** Red, green and blue, 0-255 each. */
export type Rgb = readonly [number, number, number];

const FORCE_COLOR_DEPTHS: Readonly<Record<string, ColorDepth>> = {
  "0": "none",
  "false": "none",
  "1": "16",
  "true": "16",
  "": "16",
  "2": "256",
  "3": "truecolor",
};

/**
 * The colour depth an environment asks for: NO_COLOR (non-empty) → none; FORCE_COLOR 0-3;
 * COLORTERM truecolor/24bit → truecolor; TERM dumb → none; a TERM naming 256color (tmux sets
 * `tmux-256color` or `screen-256color`) → 256; anything else → 16.
 *
 * @param env the environment variables
 * @returns the depth to draw with
 */
export function detectColorDepth(env: Readonly<Record<string, string | undefined>>): ColorDepth {
  if ((env["NO_COLOR"] ?? "") !== "") return "none";
  const force = env["FORCE_COLOR"];
  if (force !== undefined) {
    const depth = FORCE_COLOR_DEPTHS[force.trim().toLowerCase()];
    if (depth !== undefined) return depth;
  }
  const colorterm = (env["COLORTERM"] ?? "").toLowerCase();
  if (colorterm === "truecolor" || colorterm === "24bit") return "truecolor";
  const term = (env["TERM"] ?? "").toLowerCase();
  if (term === "dumb") return "none";
  if (term.includes("256color")) return "256";
  return "16";
}

/** xterm's default palette for the 16 ANSI colours, in ANSI_COLORS order. */
const ANSI_RGB: readonly Rgb[] = [
  [0, 0, 0],
  [205, 0, 0],
  [0, 205, 0],
  [205, 205, 0],
  [0, 0, 238],
  [205, 0, 205],
  [0, 205, 205],
  [229, 229, 229],
  [127, 127, 127],
  [255, 0, 0],
  [0, 255, 0],
  [255, 255, 0],
  [92, 92, 255],
  [255, 0, 255],
  [0, 255, 255],
  [255, 255, 255],
];

/** The six channel levels of the xterm 6×6×6 colour cube (indices 16-231). */
const CUBE_LEVELS = [0, 95, 135, 175, 215, 255] as const;

/**
 * The red, green and blue of a `#rrggbb` (or `#rgb`) colour.
 *
 * @param hex the colour
 * @returns its channels, or undefined when it is not a hex colour
 */
export function parseHex(hex: string): Rgb | undefined {
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (long !== null) {
    return [parseInt(long[1]!, 16), parseInt(long[2]!, 16), parseInt(long[3]!, 16)];
  }
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(hex);
  if (short === null) return undefined;
  return [parseInt(short[1]!, 16) * 17, parseInt(short[2]!, 16) * 17, parseInt(short[3]!, 16) * 17];
}

function distance(a: Rgb, b: Rgb): number {
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  return dr * dr + dg * dg + db * db;
}

function nearestLevel(value: number): number {
  let best = 0;
  for (let i = 1; i < CUBE_LEVELS.length; i++) {
    if (Math.abs(CUBE_LEVELS[i]! - value) < Math.abs(CUBE_LEVELS[best]! - value)) best = i;
  }
  return best;
}

/**
 * The xterm-256 index nearest to a colour: the closer of the nearest 6×6×6 cube colour and the
 * nearest step of the grey ramp (232-255), by squared RGB distance.
 *
 * @param rgb the colour's channels
 * @returns an index from 16 to 255
 */
export function nearest256(rgb: Rgb): number {
  const r = nearestLevel(rgb[0]);
  const g = nearestLevel(rgb[1]);
  const b = nearestLevel(rgb[2]);
  const cube: Rgb = [CUBE_LEVELS[r]!, CUBE_LEVELS[g]!, CUBE_LEVELS[b]!];
  const average = (rgb[0] + rgb[1] + rgb[2]) / 3;
  const step = Math.max(0, Math.min(23, Math.round((average - 8) / 10)));
  const level = 8 + step * 10;
  const grey: Rgb = [level, level, level];
  return distance(rgb, grey) < distance(rgb, cube) ? 232 + step : 16 + 36 * r + 6 * g + b;
}

/**
 * The ANSI colour nearest to a colour (xterm's default palette, squared RGB distance).
 *
 * @param rgb the colour's channels
 * @returns the colour's name
 */
export function nearestAnsi(rgb: Rgb): AnsiColor {
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < ANSI_RGB.length; i++) {
    const d = distance(rgb, ANSI_RGB[i]!);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  return ANSI_COLORS[best]!;
}

function ansiCode(name: AnsiColor, background: boolean): string {
  const index = ANSI_COLORS.indexOf(name);
  if (index < 0) return "";
  const base = index < 8 ? 30 + index : 90 + index - 8;
  return String(background ? base + 10 : base);
}

/** The SGR parameters of one colour at a depth; "" when it cannot or need not be shown. */
function colorCode(color: Color, background: boolean, depth: ColorDepth): string {
  if (depth === "none") return "";
  if (!color.startsWith("#")) return ansiCode(color as AnsiColor, background);
  const rgb = parseHex(color);
  if (rgb === undefined) return "";
  const lead = background ? "48" : "38";
  switch (depth) {
    case "truecolor":
      return `${lead};2;${rgb[0]};${rgb[1]};${rgb[2]}`;
    case "256":
      return `${lead};5;${nearest256(rgb)}`;
    case "16":
      return ansiCode(nearestAnsi(rgb), background);
    default: {
      const unreachable: never = depth;
      throw new TypeError(`Cannot encode colour depth "${String(unreachable)}"`);
    }
  }
}

/**
 * The whole SGR sequence for a style, starting from a reset, so it does not depend on what was
 * drawn before: `{ bold: true, fg: "#ff8800" }` at truecolor is `"\x1b[0;1;38;2;255;136;0m"`.
 *
 * @param style the style
 * @param depth the terminal's colour depth (none keeps the attributes, drops the colours)
 * @returns the escape sequence
 */
export function sgr(style: Style, depth: ColorDepth): string {
  const params = ["0"];
  if (style.bold === true) params.push("1");
  if (style.dim === true) params.push("2");
  if (style.italic === true) params.push("3");
  if (style.underline === true) params.push("4");
  if (style.reverse === true) params.push("7");
  if (style.fg !== undefined) {
    const code = colorCode(style.fg, false, depth);
    if (code !== "") params.push(code);
  }
  if (style.bg !== undefined) {
    const code = colorCode(style.bg, true, depth);
    if (code !== "") params.push(code);
  }
  return `\x1b[${params.join(";")}m`;
}
