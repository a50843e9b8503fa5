/**
 * How report figures read in a terminal: `$12.3456`, `1.2M` tokens, `71.2 %`, `850ms` / `2.4s`,
 * and RFC 4180 CSV for `--csv`.
 */
import { formatDuration } from "../../domain/mod.ts";

/**
 * USD with four decimals.
 *
 * @param usd dollars
 * @returns e.g. `$12.3456`
 */
export function formatUsd(usd: number): string {
  return `$${usd.toFixed(4)}`;
}

/**
 * A count in thousands, millions or billions with one decimal.
 *
 * @param n a whole number
 * @returns e.g. `950`, `12.3k`, `1.2M`, `3.0B`
 */
export function formatCount(n: number): string {
  if (Math.abs(n) < 1000) return String(n);
  for (const [unit, size] of [["k", 1e3], ["M", 1e6], ["B", 1e9]] as const) {
    const shown = Math.round((n / size) * 10) / 10;
    if (Math.abs(shown) < 1000 || unit === "B") return `${shown.toFixed(1)}${unit}`;
  }
  return String(n);
}

/**
 * A percentage with one decimal, or `-` when there is none.
 *
 * @param p percent, or null
 * @returns e.g. `71.2 %`
 */
export function formatPercent(p: number | null): string {
  return p === null ? "-" : `${p.toFixed(1)} %`;
}

/**
 * A task duration: milliseconds below a second, tenths of seconds below a minute, then `12m05s`.
 *
 * @param ms milliseconds
 * @returns short text
 */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return formatDuration(ms);
}

/**
 * An instant to the minute, UTC.
 *
 * @param iso an ISO 8601 time
 * @returns e.g. `2026-11-25 10:00Z`
 */
export function formatMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

/** A span as asked for, epoch ms. */
export interface AskedSpan {
  readonly since: number;
  readonly until: number;
}

/**
 * Whether a report covers more than was asked: the store answers whole UTC hours.
 *
 * @param stated the span the report states (ISO 8601)
 * @param asked the span asked for, if any
 * @returns true when the stated span is wider
 */
export function isWidened(
  stated: { readonly since: string; readonly until: string },
  asked: AskedSpan | undefined,
): boolean {
  return asked !== undefined &&
    (Date.parse(stated.since) !== asked.since || Date.parse(stated.until) !== asked.until);
}

/**
 * A report's span to the minute, saying when it was widened to whole hours and what was asked.
 *
 * @param stated the span the report states (ISO 8601)
 * @param asked the span asked for, if any
 * @returns e.g. `2026-11-24 22:00Z to 2026-11-25 13:00Z (whole hours; asked 2026-11-24 22:37Z to
 *   2026-11-25 12:30Z)`
 */
export function formatSpan(
  stated: { readonly since: string; readonly until: string },
  asked?: AskedSpan,
): string {
  const span = `${formatMinute(stated.since)} to ${formatMinute(stated.until)}`;
  if (asked === undefined || !isWidened(stated, asked)) return span;
  return `${span} (whole hours; asked ${formatAsked(asked)})`;
}

/**
 * A span as asked for, to the minute.
 *
 * @param asked the span, epoch ms
 * @returns e.g. `2026-11-24 22:37Z to 2026-11-25 12:30Z`
 */
export function formatAsked(asked: AskedSpan): string {
  const minute = (ms: number) => formatMinute(new Date(ms).toISOString());
  return `${minute(asked.since)} to ${minute(asked.until)}`;
}

function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; lines end
 * with CRLF; null is an empty field.
 *
 * @param rows the header row, then the data rows
 * @returns the document
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((r) => r.map(csvField).join(",") + "\r\n").join("");
}
