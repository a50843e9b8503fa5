/**
 * Reading `--since` and `--until`: an ISO date or date-time (UTC unless it says otherwise), a
 * span back from now (`30m`, `24h`, `7d`, `2w`), or a calendar start (`today`, `week`, `month`,
 * UTC), and turning a pair of them into a span.
 */
import { parseTimestamp, UsageError } from "../../domain/mod.ts";
import { calendarPeriods, type TimeRange } from "../../store/mod.ts";

/** What the flags accept, for error messages and help. */
export const WHEN_FORMS =
  "a date (2026-11-01, 2026-11-01T10:00Z), a span back from now (30m, 24h, 7d, 2w), " +
  "today, week (since Monday) or month";

const UNIT_MS: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

const ABSOLUTE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A date-only or date-time text as epoch ms (UTC unless it says). parseTimestamp refuses a day
 * the calendar does not have (2026-02-31).
 */
function absolute(text: string): number | undefined {
  const m = ABSOLUTE.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, hm, seconds, zone] = m;
  return parseTimestamp(`${y}-${mo}-${d}T${hm ?? "00:00"}${seconds ?? ":00"}${zone ?? "Z"}`)?.ms;
}

/**
 * Reads one `--since` / `--until` value.
 *
 * @param value what was typed
 * @param options the flag's name (for the message) and the current time (epoch ms)
 * @returns the instant (epoch ms)
 * @throws {UsageError} naming the flag and the accepted forms
 * @example
 * ```ts
 * parseWhen("24h", { flag: "--since", now }); // now - 86_400_000
 * ```
 */
export function parseWhen(
  value: string,
  options: { readonly flag: string; readonly now: number },
): number {
  const { flag, now } = options;
  const text = value.trim();
  const periods = calendarPeriods(now);
  switch (text.toLowerCase()) {
    case "now":
      return now;
    case "today":
      return periods.today.since;
    case "week":
      return periods.week.since;
    case "month":
      return periods.month.since;
  }
  const relative = /^(\d{1,6})\s*([mhdw])$/i.exec(text);
  if (relative !== null) {
    return now - Number(relative[1]) * (UNIT_MS[(relative[2] as string).toLowerCase()] as number);
  }
  const at = absolute(text);
  if (at !== undefined) return at;
  throw new UsageError(`Cannot read ${flag} "${value}": expected ${WHEN_FORMS}`, {
    hint: `for example: ${flag} 7d, or ${flag} 2026-11-01`,
  });
}

/**
 * The span of `--since` / `--until`, each defaulting when absent.
 *
 * @param flags the typed values
 * @param options the current time and the defaults
 * @returns `[since, until)`
 * @throws {UsageError} for an unreadable value, or a span that ends before it starts
 */
export function parseSpan(
  flags: { readonly since: string | undefined; readonly until: string | undefined },
  options: { readonly now: number; readonly since: number; readonly until: number },
): TimeRange {
  const since = flags.since === undefined
    ? options.since
    : parseWhen(flags.since, { flag: "--since", now: options.now });
  const until = flags.until === undefined
    ? options.until
    : parseWhen(flags.until, { flag: "--until", now: options.now });
  if (until <= since) {
    throw new UsageError(
      `Cannot report on the span "${new Date(since).toISOString()}" to "${
        new Date(until).toISOString()
      }": --since must be before --until`,
    );
  }
  return { since, until };
}
