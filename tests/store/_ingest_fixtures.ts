/**
 * Shared parts of the store tests: a FORGE home with a store in a temporary folder, log lines in
 * FORGE's JSONL, ingestion with a fixed clock, and raw and rollup sums to compare.
 */
import { join } from "node:path";
import { ingestLogs, type IngestReport } from "../../src/actions/mod.ts";
import type { Clock, Config, HomeLayout } from "../../src/domain/mod.ts";
import { configSchemas, homeLayout } from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { Store, type UsageSums as StoreUsageSums } from "../../src/store/mod.ts";

/** A FORGE home with an open store, removed with `await using`. */
export interface TempHome extends AsyncDisposable {
  readonly root: string;
  readonly layout: HomeLayout;
  store: Store;
  /** Closes the store and opens the file again (as a new process would). */
  reopen(): Store;
  /** Writes (replaces) a worker's log. */
  writeLog(workerId: string, text: string): Promise<void>;
  /** Appends to a worker's log. */
  appendLog(workerId: string, text: string): Promise<void>;
  /** Ingests every log with a fixed clock. */
  ingest(options?: { readonly config?: Config; readonly now?: number }): Promise<IngestReport>;
}

/** The time the fixed clock reads: 2026-03-10T12:00:00Z. */
export const NOW = Date.UTC(2026, 2, 10, 12);

/**
 * A fixed clock.
 *
 * @param now the time it reads
 * @returns the clock
 */
export function fixedClock(now = NOW): Clock {
  return { now: () => now, sleep: () => Promise.resolve() };
}

/**
 * A configuration with defaults for everything not given.
 *
 * @param input config.yaml as an object
 * @returns the parsed configuration
 */
export async function testConfig(input: Record<string, unknown> = {}): Promise<Config> {
  return (await configSchemas()).config.parse(input);
}

/**
 * Creates a FORGE home with its logs folder and an open store.
 *
 * @param prefix temporary folder name prefix
 * @returns the home; `await using` closes the store and removes it
 */
export async function tempHome(prefix = "forge_store_"): Promise<TempHome> {
  const root = await Deno.makeTempDir({ prefix });
  const layout = homeLayout(root);
  await Deno.mkdir(layout.logs, { recursive: true });
  const defaults = await testConfig();
  const home: TempHome = {
    root,
    layout,
    store: Store.open(layout.database),
    reopen() {
      home.store.close();
      home.store = Store.open(layout.database);
      return home.store;
    },
    writeLog: (id, text) => Deno.writeTextFile(join(layout.logs, `${id}.log`), text),
    appendLog: (id, text) =>
      Deno.writeTextFile(join(layout.logs, `${id}.log`), text, { append: true }),
    ingest: (options = {}) =>
      ingestLogs({
        fs: denoFs,
        clock: fixedClock(options.now),
        layout,
        config: options.config ?? defaults,
        store: home.store,
      }),
    async [Symbol.asyncDispose]() {
      try {
        home.store.close();
      } catch { /* already closed */ }
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
  };
  return home;
}

/**
 * One log line in FORGE's JSONL, with its newline.
 *
 * @param fields the line's fields
 * @returns the text
 */
export function jsonLine(fields: Record<string, unknown>): string {
  return `${JSON.stringify(fields)}\n`;
}

/** Token counts of a usage line. */
export interface Tokens {
  readonly input: number;
  readonly output: number;
  readonly cache_read?: number;
  readonly cache_write?: number;
}

/**
 * A usage (`api_call`) line.
 *
 * @param tokens token counts
 * @param extra more fields (timestamp, model, bead_id, cost_usd …)
 * @returns the text
 */
export function usageLine(tokens: Tokens, extra: Record<string, unknown> = {}): string {
  return jsonLine({
    timestamp: "2026-03-10T10:00:00.000Z",
    level: "info",
    event: "api_call",
    model: "claude-sonnet-4-5",
    tokens,
    ...extra,
  });
}

/** Sums over usage rows (or rollup rows), read straight from the tables. */
export type UsageSums = Omit<StoreUsageSums, "billedNanos">;

/**
 * Sums of the raw usage rows.
 *
 * @param store the store
 * @param where an optional SQL condition
 * @returns the sums
 */
export function rawSums(store: Store, where = "1"): UsageSums {
  return sumsOf(store, `SELECT count(*) AS calls, ${SUMS} FROM usage WHERE ${where}`);
}

/**
 * Sums of a rollup table.
 *
 * @param store the store
 * @param table usage_hourly, usage_daily, usage_bead_hourly or usage_bead_daily
 * @returns the sums
 */
export function rollupSums(store: Store, table: string): UsageSums {
  return sumsOf(store, `SELECT coalesce(sum(calls), 0) AS calls, ${SUMS} FROM ${table}`);
}

const SUMS = [
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "cost_nanos",
].map((c) => `coalesce(sum(${c}), 0) AS ${c}`).join(", ");

function sumsOf(store: Store, sql: string): UsageSums {
  const r = store.statement(sql).get() as Record<string, number>;
  return {
    calls: Number(r["calls"]),
    input: Number(r["input_tokens"]),
    output: Number(r["output_tokens"]),
    cacheRead: Number(r["cache_read_tokens"]),
    cacheWrite: Number(r["cache_write_tokens"]),
    costNanos: Number(r["cost_nanos"]),
  };
}

/**
 * Rows of a query, as plain objects.
 *
 * @param store the store
 * @param sql the query
 * @param args its parameters
 * @returns the rows
 */
export function rows(
  store: Store,
  sql: string,
  ...args: (string | number | null)[]
): Record<string, unknown>[] {
  return store.statement(sql).all(...args) as Record<string, unknown>[];
}
