/**
 * How figures read to people, the same in every view (terminal dashboard, status page): money,
 * counts, percentages, durations and ages.
 */
import { formatDuration } from "./time.ts";

/**
 * USD: cents, and a tenth of a cent below one cent.
 *
 * @param value dollars
 * @returns e.g. `$1,204.50`, `$3.07`, `$0.004`; `-` when not a number
 */
export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return "-";
  if (value !== 0 && Math.abs(value) < 0.01) return `$${value.toFixed(3)}`;
  const [whole = "0", cents = "00"] = Math.abs(value).toFixed(2).split(".");
  return `${value < 0 ? "-" : ""}$${groupDigits(whole)}.${cents}`;
}

/**
 * A whole number with thousands separators.
 *
 * @param n a number
 * @returns e.g. `10,000`
 */
export function formatCount(n: number): string {
  return `${n < 0 ? "-" : ""}${groupDigits(String(Math.round(Math.abs(n))))}`;
}

function groupDigits(digits: string): string {
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
export function formatCompact(n: number): string {
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
export function formatPercent(p: number | null | undefined): string {
  return p === null || p === undefined || !Number.isFinite(p) ? "-" : `${Math.round(p)}%`;
}

/**
 * A duration for tables (`45s`, `12m05s`, `3h05m`), or `-` when unknown.
 *
 * @param ms milliseconds, or undefined
 * @returns short text
 */
export function formatSpan(ms: number | undefined | null): string {
  return ms === undefined || ms === null ? "-" : formatDuration(ms);
}

/**
 * How long ago something happened: `now`, `45s`, `12m`, `3h`, `2d`.
 *
 * @param at when it happened
 * @param now the current time
 * @returns short text
 */
export function formatAgo(at: number, now: number): string {
  const s = Math.floor((now - at) / 1000);
  if (s < 5) return "now";
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}
