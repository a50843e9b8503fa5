/**
 * Small readers for loosely typed JSON fields, shared by the log format parsers.
 */
import type { LogLevel, TokenUsage } from "../../domain/mod.ts";
import { timestampOf } from "../../domain/mod.ts";

/** What every format parser needs besides the line. */
export interface ParseContext {
  /** Current time (epoch ms), for reset times stated relative to now. */
  readonly now: number;
  /** Build the display text; ingestion skips it. */
  readonly text: boolean;
}

/** A JSON object as parsed. */
export type Obj = Record<string, unknown>;

/** The value as an object, or undefined. */
export function obj(value: unknown): Obj | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as Obj
    : undefined;
}

/** The value as a non-empty string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The value as a token count: a finite number clamped to a sane non-negative integer.
 * Negative or absurd counts (over 10^9 in one line) are treated as 0.
 */
export function count(value: unknown): number {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1e9) return 0;
  return Math.round(n);
}

/** The value as a cost in USD: finite, non-negative, below a sanity bound; else undefined. */
export function cost(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1e6) return undefined;
  return n;
}

/** Token counts from the field sets agents use. */
export function tokens(
  input: unknown,
  output: unknown,
  cacheRead: unknown,
  cacheWrite: unknown,
): TokenUsage {
  return {
    input: count(input),
    output: count(output),
    cacheRead: count(cacheRead),
    cacheWrite: count(cacheWrite),
  };
}

/** True when no tokens were counted. */
export function isEmpty(t: TokenUsage): boolean {
  return t.input === 0 && t.output === 0 && t.cacheRead === 0 && t.cacheWrite === 0;
}

// A Map, so a level named "constructor" or "__proto__" cannot reach Object.prototype.
const LEVELS: ReadonlyMap<string, LogLevel> = new Map([
  ["trace", "debug"],
  ["debug", "debug"],
  ["info", "info"],
  ["information", "info"],
  ["notice", "info"],
  ["warn", "warn"],
  ["warning", "warn"],
  ["error", "error"],
  ["err", "error"],
  ["critical", "error"],
  ["fatal", "error"],
]);

/** Normalises a level name; unknown levels read as info. */
export function level(value: unknown): LogLevel {
  if (typeof value !== "string") return "info";
  return LEVELS.get(value) ?? LEVELS.get(value.toLowerCase()) ?? "info";
}

/** Shortens text for one display line. */
export function clip(text: string, max = 240): string {
  if (text.length <= max && !/[\n\r\t]|^\s|\s$/.test(text)) return text;
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

// The day of the last `YYYY-MM-DDTHH:MM:SS[.fff]Z` read, so lines of the same day skip Date.UTC:
// timestamps were most of the cost of parsing a FORGE line after JSON.parse itself.
let cachedDay = "";
const SCALE = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
let cachedDayMs = 0;

/**
 * The instant of a timestamp field, like `timestampOf()` but fast for the UTC ISO form nearly
 * every log line uses; anything else goes to `timestampOf()`.
 *
 * @param value a field value (ISO text, epoch seconds or epoch milliseconds)
 * @returns epoch ms or undefined
 */
export function timeOf(value: unknown): number | undefined {
  if (typeof value !== "string") return timestampOf(value);
  const n = value.length;
  if (
    n !== 20 && (n < 22 || n > 30 || value.charCodeAt(19) !== 46) ||
    value.charCodeAt(n - 1) !== 90 || value.charCodeAt(10) !== 84 ||
    value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58
  ) return timestampOf(value);
  if (!value.startsWith(cachedDay) || cachedDay === "") {
    const day = timestampOf(`${value.slice(0, 10)}T00:00:00Z`);
    if (day === undefined || value.charCodeAt(7) !== 45) return timestampOf(value);
    cachedDay = value.slice(0, 10);
    cachedDayMs = day;
  }
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const fraction = n === 20 ? 0 : digits(value, 20, n - 21);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return undefined;
  }
  if (fraction < 0) return undefined;
  // Milliseconds are the first three fraction digits: `.5` is 500, `.123456` is 123.
  const millis = n === 20
    ? 0
    : n <= 24
    ? fraction * (SCALE[24 - n] ?? 1)
    : Math.floor(fraction / (SCALE[n - 24] ?? 1));
  return cachedDayMs + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

function digits(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
