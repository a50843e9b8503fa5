/**
 * Exact usage sums over a span `[since, until)` widened to whole hours, optionally grouped by
 * model, worker, bead, workspace or plan. Everything comes from the rollups (see
 * _usage_segments.ts), so a month costs a few thousand rows, not millions, and stays exact after
 * retention deleted the raw rows.
 */
import type { CostDimension } from "../domain/mod.ts";
import { type Segment, type SegmentSource, usageSegments } from "./_usage_segments.ts";
import type { Store } from "./store.ts";

/** Sums of usage rows; costs in whole nano-dollars. */
export interface UsageSums {
  readonly calls: number;
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  /** At list price. */
  readonly costNanos: number;
  /** Pay-per-token part (rows no plan covered). */
  readonly billedNanos: number;
}

/** The sums of one group. */
export interface UsageGroup extends UsageSums {
  /** The dimension's value; null for usage without a bead (by bead only). */
  readonly key: string | null;
  /** The bead's workspace (by bead only). */
  readonly workspace?: string;
}

/** What to sum. */
export interface UsageQuery {
  readonly since: number;
  readonly until: number;
  /** Only the usage of this plan ("" for pay-per-token). */
  readonly plan?: string;
}

/** Sums with every field zero. */
export const NO_USAGE: UsageSums = {
  calls: 0,
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  costNanos: 0,
  billedNanos: 0,
};

const KEY_COLUMN: Readonly<Record<CostDimension | "none", string>> = {
  none: "NULL",
  model: "model",
  worker: "worker_id",
  workspace: "workspace",
  plan: "plan",
  bead: "bead_id",
};

const TABLE: Readonly<Record<SegmentSource, readonly [string, string]>> = {
  hourly: ["usage_hourly", "hour"],
  daily: ["usage_daily", "day"],
};

const BEAD_TABLE: Readonly<Record<SegmentSource, readonly [string, string]>> = {
  hourly: ["usage_bead_hourly", "hour"],
  daily: ["usage_bead_daily", "day"],
};

/** How a query reads: which dimension picks tables and keys, and whether it groups at all. */
interface Shape {
  readonly by: CostDimension | "none";
  /** False: one row of sums (by bead: the sum of the rows that have a bead). */
  readonly grouped: boolean;
  readonly plan: boolean;
}

function segmentSql(segment: Segment, options: Shape): string {
  const bead = options.by === "bead";
  const [table, time] = (bead ? BEAD_TABLE : TABLE)[segment.source];
  // Unary + keeps the planner on the time range: without it, it would rather walk a whole
  // index in key order (usage_bead_daily_bead) to skip the sort of a few thousand rows.
  const keys = options.grouped
    ? `+${KEY_COLUMN[options.by]} AS k${bead ? ", +workspace AS ws" : ""}`
    : "NULL AS k";
  const sum = (c: string) => `SUM(${c}) AS ${c}`;
  const where = [`${time} >= ?`, `${time} < ?`];
  if (options.plan) where.push("plan = ?");
  const group = options.grouped ? ` GROUP BY k${bead ? ", ws" : ""}` : "";
  return `SELECT ${keys}, SUM(calls) AS calls, ${
    ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_nanos"]
      .map(sum).join(", ")
  }, SUM(CASE WHEN plan = '' THEN cost_nanos ELSE 0 END) AS billed_nanos
    FROM ${table} WHERE ${where.join(" AND ")}${group}`;
}

interface SumRow {
  k: string | null;
  ws?: string;
  calls: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
  cost_nanos: number | null;
  billed_nanos: number | null;
}

function toGroup(r: SumRow): UsageGroup {
  const sums = {
    calls: Number(r.calls ?? 0),
    input: Number(r.input_tokens ?? 0),
    output: Number(r.output_tokens ?? 0),
    cacheRead: Number(r.cache_read_tokens ?? 0),
    cacheWrite: Number(r.cache_write_tokens ?? 0),
    costNanos: Number(r.cost_nanos ?? 0),
    billedNanos: Number(r.billed_nanos ?? 0),
  };
  return r.ws === undefined ? { key: r.k, ...sums } : { key: r.k, workspace: r.ws, ...sums };
}

const SUM_COLUMNS = ["calls", "input_tokens", "output_tokens", "cache_read_tokens"]
  .concat(["cache_write_tokens", "cost_nanos", "billed_nanos"]);

function querySegments(
  store: Store,
  query: UsageQuery & { readonly limit?: number | undefined },
  shape: Omit<Shape, "plan">,
): UsageGroup[] {
  const segments = usageSegments(query.since, query.until);
  if (segments.length === 0) return [];
  const plan = query.plan !== undefined;
  const parts = segments.map((s) => segmentSql(s, { ...shape, plan }));
  const group = shape.grouped && shape.by === "bead" ? "k, ws" : "k";
  let sql = parts.length === 1
    ? parts[0] as string
    : `SELECT ${group}, ${SUM_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(", ")} FROM (${
      parts.join(" UNION ALL ")
    })${shape.grouped ? ` GROUP BY ${group}` : ""}`;
  const args: (number | string)[] = segments.flatMap((s) =>
    plan ? [s.from, s.to, query.plan as string] : [s.from, s.to]
  );
  if (shape.grouped && query.limit !== undefined) {
    // Only the biggest groups cross into JavaScript, where a row costs more than in SQLite.
    sql += " ORDER BY cost_nanos DESC, k LIMIT ?";
    args.push(query.limit);
  }
  return (store.statement(sql).all(...args) as unknown as SumRow[]).map(toGroup);
}

/**
 * The usage of a span, summed.
 *
 * @param store the open store
 * @param query the span `[since, until)` and an optional plan
 * @returns the sums (all zero for an empty span)
 */
export function usageTotals(store: Store, query: UsageQuery): UsageSums {
  const [row] = querySegments(store, query, { by: "none", grouped: false });
  if (row === undefined || row.calls === 0) return NO_USAGE;
  const { key: _key, ...sums } = row;
  return sums;
}

/**
 * The usage of a span grouped by one dimension, biggest cost first. By bead, usage with no bead
 * is one more group with key null (the span's total minus the beads').
 *
 * @param store the open store
 * @param query the span, the dimension, an optional plan, and optionally how many groups to keep
 * @returns one group per value with usage in the span (the `limit` biggest)
 */
export function usageGroups(
  store: Store,
  query: UsageQuery & { readonly by: CostDimension; readonly limit?: number },
): UsageGroup[] {
  const groups = querySegments(store, query, { by: query.by, grouped: true });
  if (query.by === "bead") {
    const [beads] = query.limit === undefined
      ? [groups.reduce(addSums, NO_USAGE)]
      : querySegments(store, query, { by: "bead", grouped: false });
    const rest = subtract(usageTotals(store, query), beads ?? NO_USAGE);
    if (rest.calls > 0 || rest.costNanos > 0) groups.push({ key: null, ...rest });
  }
  groups.sort((a, b) => b.costNanos - a.costNanos || byKey(a.key, b.key));
  return query.limit === undefined ? groups : groups.slice(0, query.limit);
}

/**
 * Adds two sums.
 *
 * @param a sums
 * @param b sums
 * @returns their total
 */
export function addSums(a: UsageSums, b: UsageSums): UsageSums {
  return {
    calls: a.calls + b.calls,
    input: a.input + b.input,
    output: a.output + b.output,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
    costNanos: a.costNanos + b.costNanos,
    billedNanos: a.billedNanos + b.billedNanos,
  };
}

/** Ties by key, code-point order; the no-bead group last. */
function byKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function subtract(a: UsageSums, b: UsageSums): UsageSums {
  return {
    calls: a.calls - b.calls,
    input: a.input - b.input,
    output: a.output - b.output,
    cacheRead: a.cacheRead - b.cacheRead,
    cacheWrite: a.cacheWrite - b.cacheWrite,
    costNanos: a.costNanos - b.costNanos,
    billedNanos: a.billedNanos - b.billedNanos,
  };
}
