/**
 * The calendar spans FORGE reports on, all in UTC so every machine agrees: today, this week
 * (from Monday 00:00) and this month.
 */

const DAY = 86_400_000;

/** A half-open span `[since, until)` in epoch milliseconds. */
export interface TimeRange {
  readonly since: number;
  readonly until: number;
}

/** The calendar spans that contain one instant. */
export interface CalendarPeriods {
  readonly today: TimeRange;
  /** Monday 00:00 to the next Monday 00:00. */
  readonly week: TimeRange;
  /** The 1st 00:00 to the next 1st 00:00. */
  readonly month: TimeRange;
}

/**
 * The day, week and month (UTC) containing `now`.
 *
 * @param now epoch milliseconds
 * @returns the three spans
 * @example
 * ```ts
 * calendarPeriods(Date.UTC(2026, 10, 25, 10)).week; // Mon 23 Nov .. Mon 30 Nov 2026
 * ```
 */
export function calendarPeriods(now: number): CalendarPeriods {
  const d = new Date(now);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  // getUTCDay(): 0 = Sunday; a week starts on Monday.
  const monday = day - ((d.getUTCDay() + 6) % 7) * DAY;
  return {
    today: { since: day, until: day + DAY },
    week: { since: monday, until: monday + 7 * DAY },
    month: {
      since: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
      until: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
    },
  };
}

/**
 * The last `hours` whole UTC hours, the current one included: `[end − hours, end)` where `end`
 * is the end of the current hour. Rollups answer such a span exactly without reading raw rows,
 * which a span ending at `now` itself would need (usage has no time index).
 *
 * @param now epoch milliseconds
 * @param hours how many hours
 * @returns the span
 * @example
 * ```ts
 * recentHours(Date.UTC(2026, 10, 25, 10, 20), 24); // 24 Nov 11:00 .. 25 Nov 11:00
 * ```
 */
export function recentHours(now: number, hours: number): TimeRange {
  const until = Math.ceil(now / 3_600_000) * 3_600_000;
  return { since: until - hours * 3_600_000, until };
}
