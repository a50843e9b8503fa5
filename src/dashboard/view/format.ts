/**
 * How figures read on the dashboard: clock times, ages, money, counts, and word wrapping.
 */
import { formatDuration } from "../../domain/mod.ts";
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
 * How long ago something happened: `now`, `45s`, `12m`, `3h`, `2d`.
 *
 * @param at when it happened
 * @param now the current time
 * @returns short text
 */
export function ago(at: number, now: number): string {
  const s = Math.floor((now - at) / 1000);
  if (s < 5) return "now";
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/**
 * A duration for tables (`45s`, `12m05s`, `3h05m`), or `-` when unknown.
 *
 * @param ms milliseconds, or undefined
 * @returns short text
 */
export function duration(ms: number | undefined | null): string {
  return ms === undefined || ms === null ? "-" : formatDuration(ms);
}

/**
 * USD for the dashboard: cents, and a tenth of a cent below one cent.
 *
 * @param usd dollars
 * @returns e.g. `$1,204.50`, `$3.07`, `$0.004`
 */
export function usd(usd: number): string {
  if (!Number.isFinite(usd)) return "-";
  if (usd !== 0 && Math.abs(usd) < 0.01) return `$${usd.toFixed(3)}`;
  const [whole = "0", cents = "00"] = Math.abs(usd).toFixed(2).split(".");
  return `${usd < 0 ? "-" : ""}$${group(whole)}.${cents}`;
}

/**
 * A whole number with thousands separators.
 *
 * @param n a number
 * @returns e.g. `10,000`
 */
export function count(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  return `${n < 0 ? "-" : ""}${group(s)}`;
}

function group(digits: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return out;
}

/**
 * A large count in k, M or B with one decimal.
 *
 * @param n a count
 * @returns e.g. `950`, `12.3k`, `4.5M`
 */
export function compact(n: number): string {
  const a = Math.abs(n);
  if (a < 1000) return String(Math.round(n));
  if (a < 1e6) return `${(n / 1e3).toFixed(1)}k`;
  if (a < 1e9) return `${(n / 1e6).toFixed(1)}M`;
  return `${(n / 1e9).toFixed(1)}B`;
}

/**
 * A percentage without decimals, or `-`.
 *
 * @param p percent, or null
 * @returns e.g. `82%`
 */
export function percent(p: number | null | undefined): string {
  return p === null || p === undefined || !Number.isFinite(p) ? "-" : `${Math.round(p)}%`;
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
