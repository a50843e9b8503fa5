/**
 * Rollups of usage (per hour, per day, per bead and day) kept up to date with every insert, so
 * the dashboard's questions are answered from a few hundred rows instead of millions, and survive
 * retention of the raw rows.
 */
import type { Store } from "./store.ts";
import type { UsageColumns } from "./usage_columns.ts";

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The rollup tables and the dimensions each keeps. */
const TABLES = {
  usage_hourly: { bucket: HOUR, key: "hour", dims: ["model", "worker_id", "workspace", "plan"] },
  usage_daily: { bucket: DAY, key: "day", dims: ["model", "worker_id", "workspace", "plan"] },
  usage_bead_hourly: { bucket: HOUR, key: "hour", dims: ["bead_id", "workspace", "model", "plan"] },
  usage_bead_daily: { bucket: DAY, key: "day", dims: ["bead_id", "workspace", "model", "plan"] },
} as const;

type Table = keyof typeof TABLES;

const SUMS = [
  "calls",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "cost_nanos",
] as const;

function upsertSql(table: Table): string {
  const t = TABLES[table];
  const cols = [t.key, ...t.dims, ...SUMS];
  return `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})
    ON CONFLICT (${[t.key, ...t.dims].join(", ")}) DO UPDATE SET ${
    SUMS.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")
  }`;
}

function fromInsertedSql(table: Table): string {
  const t = TABLES[table];
  const where = table.startsWith("usage_bead") ? "id > ? AND bead_id IS NOT NULL" : "id > ?";
  return `INSERT INTO ${table} (${[t.key, ...t.dims, ...SUMS].join(", ")})
    SELECT (at / ${t.bucket}) * ${t.bucket}, ${
    t.dims.join(", ")
  }, COUNT(*), SUM(input_tokens), SUM(output_tokens),
      SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cost_nanos)
    FROM usage WHERE ${where} GROUP BY ${[1, ...t.dims.map((_, i) => i + 2)].join(", ")}
    ON CONFLICT (${[t.key, ...t.dims].join(", ")}) DO UPDATE SET ${
    SUMS.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")
  }`;
}

/** One group of a rollup: its key columns and running sums. */
interface Group {
  readonly head: readonly (string | number | null)[];
  calls: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  cost: number;
}

/** Sums rows into groups; consecutive rows of one group (the usual case) skip the map. */
class Grouper {
  readonly groups = new Map<string, Group>();
  #lastKey = "";
  #last: Group | undefined;

  add(key: string, head: () => (string | number | null)[], c: UsageColumns, i: number): void {
    let g = key === this.#lastKey ? this.#last : this.groups.get(key);
    if (g === undefined) {
      g = { head: head(), calls: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0, cost: 0 };
      this.groups.set(key, g);
    }
    this.#lastKey = key;
    this.#last = g;
    const n = i * 9;
    g.calls++;
    g.input += c.nums[n + 3] as number;
    g.output += c.nums[n + 4] as number;
    g.cacheRead += c.nums[n + 5] as number;
    g.cacheWrite += c.nums[n + 6] as number;
    g.cost += Math.round((c.nums[n + 7] as number) * 1e9);
  }
}

/**
 * Adds a batch of rows to every rollup (all of them were just inserted).
 *
 * @param store the open store, inside a transaction
 * @param c the inserted usage rows
 */
export function rollUpColumns(store: Store, c: UsageColumns): void {
  const hourly = new Grouper();
  const daily = new Grouper();
  const beads = new Grouper();
  const beadHours = new Grouper();
  const d = c.dictionary;
  for (let i = 0; i < c.length; i++) {
    const at = c.nums[i * 9 + 2] as number;
    const s = i * 5;
    const [worker, workspace, bead, model, plan] = [
      c.strs[s],
      c.strs[s + 1],
      c.strs[s + 2],
      c.strs[s + 3],
      c.strs[s + 4],
    ] as number[];
    const hour = at - (at % HOUR);
    const day = at - (at % DAY);
    const dims = `${model},${worker},${workspace},${plan}`;
    const names = () =>
      [
        d[model as number],
        d[worker as number],
        d[workspace as number],
        d[plan as number],
      ] as string[];
    hourly.add(`${hour},${dims}`, () => [hour, ...names()], c, i);
    daily.add(`${day},${dims}`, () => [day, ...names()], c, i);
    if (bead !== -1) {
      const beadDims = `${bead},${workspace},${model},${plan}`;
      const beadNames = () =>
        [
          d[bead as number],
          d[workspace as number],
          d[model as number],
          d[plan as number],
        ] as string[];
      beads.add(`${day},${beadDims}`, () => [day, ...beadNames()], c, i);
      beadHours.add(`${hour},${beadDims}`, () => [hour, ...beadNames()], c, i);
    }
  }
  for (
    const [table, grouper] of [
      ["usage_hourly", hourly],
      ["usage_daily", daily],
      ["usage_bead_daily", beads],
      ["usage_bead_hourly", beadHours],
    ] as const
  ) {
    const upsert = store.statement(upsertSql(table));
    for (const g of grouper.groups.values()) {
      upsert.run(...g.head, g.calls, g.input, g.output, g.cacheRead, g.cacheWrite, g.cost);
    }
  }
}

/**
 * Adds to every rollup the usage rows whose id is above `afterId` (used when some rows of a batch
 * were duplicates, so only the database knows which ones are new).
 *
 * @param store the open store, inside a transaction
 * @param afterId the highest usage id before the batch
 */
export function rollUpInserted(store: Store, afterId: number): void {
  for (const table of Object.keys(TABLES) as Table[]) {
    store.statement(fromInsertedSql(table)).run(afterId);
  }
}
