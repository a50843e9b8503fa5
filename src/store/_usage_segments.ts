/**
 * Splits a span into the parts each rollup answers: whole days from a daily rollup, whole hours
 * from the hourly one. Spans are widened to whole hours first (`snapSpan`), so no query ever
 * reads raw rows: a month reads a few thousand rollup rows instead of a million, and the answer
 * stays exact after retention has deleted the raw rows. Reports show the widened span.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Where a part of a span is read from. */
export type SegmentSource = "hourly" | "daily";

/** One part of a span: `[from, to)` read from `source`. */
export interface Segment {
  readonly source: SegmentSource;
  readonly from: number;
  readonly to: number;
}

const floorTo = (ms: number, unit: number): number => Math.floor(ms / unit) * unit;
const ceilTo = (ms: number, unit: number): number => Math.ceil(ms / unit) * unit;

/**
 * The span the rollups answer exactly: `since` down and `until` up to whole UTC hours. An empty
 * or reversed span stays empty (`until` = `since`, floored).
 *
 * @param since start (inclusive), epoch ms
 * @param until end (exclusive), epoch ms
 * @returns the widened span
 */
export function snapSpan(since: number, until: number): { since: number; until: number } {
  const from = floorTo(since, HOUR);
  // Widening must not turn nothing into an hour: [10:20, 10:20) is empty, not 10:00 to 11:00.
  return { since: from, until: until <= since ? from : ceilTo(until, HOUR) };
}

/**
 * The parts of `[since, until)` (widened to whole hours), in time order, none of them empty.
 *
 * @param since start (inclusive), epoch ms
 * @param until end (exclusive), epoch ms
 * @returns the segments; their union is exactly the widened span
 */
export function usageSegments(since: number, until: number): Segment[] {
  const span = snapSpan(since, until);
  if (span.until <= span.since) return [];
  const out: Segment[] = [];
  const push = (source: SegmentSource, from: number, to: number) => {
    if (from < to) out.push({ source, from, to });
  };
  const ds = ceilTo(span.since, DAY);
  const de = floorTo(span.until, DAY);
  if (ds < de) {
    push("hourly", span.since, ds);
    push("daily", ds, de);
    push("hourly", de, span.until);
  } else {
    push("hourly", span.since, span.until);
  }
  return out;
}
