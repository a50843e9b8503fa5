/**
 * Small readers for loosely typed JSON fields, shared by the log format parsers.
 */
import type { LogLevel, TokenUsage } from "../../domain/mod.ts";

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
