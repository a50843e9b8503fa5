/**
 * How figures read on the dashboard: clock times, ages, money, counts, and word wrapping.
 */
import {
  formatAgo as ago,
  formatCompact as compact,
  formatCount as count,
  formatPercent as percent,
  formatSpan as duration,
  formatUsd as usd,
} from "../../domain/mod.ts";

export { ago, compact, count, duration, percent, usd };
import { cols } from "./text.ts";
import { glyphs } from "../render/width.ts";

/**
 * `HH:MM:SS` in local time, as `forge logs` shows it.
 *
 * @param ms epoch milliseconds
 * @returns the clock time
 */
export function clock(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * The last part of a workspace path, which is how people name their projects.
 *
 * @param path a workspace path
 * @returns its base name
 */
export function baseName(path: string): string {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  const i = trimmed.lastIndexOf("/");
  return i < 0 ? trimmed : trimmed.slice(i + 1) || "/";
}

/**
 * Wraps text at spaces to lines of at most `width` columns; longer words are cut hard.
 * Newlines in the text start new lines.
 *
 * @param text any text
 * @param width columns per line
 * @param maxLines stop after this many lines
 * @returns the lines
 */
export function wrap(text: string, width: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  if (width <= 0) return lines;
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    let used = 0;
    for (const word of paragraph.split(" ")) {
      const w = cols(word);
      if (used > 0 && used + 1 + w <= width) {
        line += ` ${word}`;
        used += 1 + w;
        continue;
      }
      if (used > 0) lines.push(line);
      if (lines.length >= maxLines) return lines;
      [line, used] = w <= width ? [word, w] : hardCut(word, width, lines, maxLines);
    }
    lines.push(line);
    if (lines.length >= maxLines) return lines;
  }
  return lines;
}

function hardCut(word: string, width: number, lines: string[], max: number): [string, number] {
  let line = "";
  let used = 0;
  for (const g of glyphs(word)) {
    if (used + g.width > width) {
      if (lines.length < max) lines.push(line);
      line = "";
      used = 0;
    }
    line += g.text;
    used += g.width;
  }
  return [line, used];
}
