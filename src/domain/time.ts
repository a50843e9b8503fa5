/**
 * Timestamps as the protocols write them (RFC 3339 with 0-9 fractional digits and an offset) and
 * as FORGE shows them.
 */

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:?\d{2})?$/;

/** A parsed timestamp. */
export interface ParsedTimestamp {
  /** Epoch milliseconds. */
  readonly ms: number;
  /** True when the text had no offset and was read as UTC. */
  readonly naive: boolean;
}

/**
 * Parses an RFC 3339 timestamp; a missing offset is read as UTC and flagged.
 *
 * @param text the timestamp
 * @returns the instant, or undefined when the text is not a timestamp
 * @example
 * ```ts
 * parseTimestamp("2026-02-17T00:45:22.123456789Z")?.ms; // 1771289122123
 * ```
 */
export function parseTimestamp(text: string): ParsedTimestamp | undefined {
  const fast = parseUtcFast(text);
  if (fast !== undefined) return { ms: fast, naive: false };
  const m = RFC3339.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, "0").slice(0, 3));
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
  // Date.UTC rolls 2026-02-31 over into March; such a day is not a date.
  const dayOnly = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(ms) || dayOnly.getUTCDate() !== Number(d)) return undefined;
  if (zone !== undefined && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return { ms, naive: zone === undefined };
}

// The day of the last fast-path timestamp: lines of one log mostly share it, and Date.UTC was a
// large part of parsing a log line after JSON.parse itself.
let cachedDay = "";
let cachedDayMs = 0;

/** `YYYY-MM-DDTHH:MM:SS[.f…]Z` without regex: the shape of nearly every log line. */
function parseUtcFast(t: string): number | undefined {
  const n = t.length;
  if (n < 20 || t.charCodeAt(n - 1) !== 90 || t.charCodeAt(10) !== 84) return undefined;
  // Separators "-", "-", ":", ":" — the same shape the regular expression accepts.
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return undefined;
  if (t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return undefined;
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 2);
  const day = digits(t, 8, 2);
  const hour = digits(t, 11, 2);
  const minute = digits(t, 14, 2);
  const second = digits(t, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23) {
    return undefined;
  }
  if (minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
  let millis = 0;
  if (n > 20) {
    if (t.charCodeAt(19) !== 46 || n < 22 || n > 30) return undefined;
    const frac = digits(t, 20, Math.min(3, n - 21));
    if (frac < 0 || digits(t, 20, n - 21) < 0) return undefined;
    millis = n - 21 >= 3 ? frac : frac * (n - 21 === 1 ? 100 : 10);
  }
  if (!t.startsWith(cachedDay) || cachedDay === "") {
    const dayMs = Date.UTC(year, month - 1, day);
    // Date.UTC rolls 2026-02-31 over into March; such a day is not a date.
    if (new Date(dayMs).getUTCDate() !== day) return undefined;
    cachedDay = t.slice(0, 10);
    cachedDayMs = dayMs;
  }
  return cachedDayMs + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

function digits(t: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Reads a timestamp field that may be a string, epoch seconds or epoch milliseconds.
 *
 * @param value a field value
 * @returns epoch ms or undefined
 */
export function timestampOf(value: unknown): number | undefined {
  if (typeof value === "string") return parseTimestamp(value)?.ms;
  if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    // Values below 10^11 are seconds (that is before 1973 in milliseconds).
    return value < 1e11 ? value * 1000 : value;
  }
  return undefined;
}

/**
 * Formats an instant as RFC 3339 UTC with milliseconds.
 *
 * @param ms epoch milliseconds
 * @returns e.g. `2026-11-25T22:02:55.000Z`
 */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Formats a duration compactly for tables: `45s`, `12m05s`, `3h05m`, `2d04h`.
 *
 * @param ms milliseconds (negative is shown as 0s)
 * @returns short text
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${String(m % 60).padStart(2, "0")}m`;
  return `${Math.floor(h / 24)}d${String(h % 24).padStart(2, "0")}h`;
}
