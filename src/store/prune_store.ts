/**
 * Retention: raw rows older than `retention_days` are deleted (the hourly and daily rollups keep
 * their sums), audit entries after `audit_retention_days`. Deletion runs in small transactions so
 * other FORGE processes are never locked out for long.
 */
import type { Store } from "./store.ts";

const DAY_MS = 86_400_000;

/** How much to keep. */
export interface PruneOptions {
  /** Current time (epoch ms). */
  readonly now: number;
  /** Days raw usage, task and worker events, routing decisions and acknowledged alerts are kept. */
  readonly retentionDays: number;
  /** Days audit entries are kept. */
  readonly auditRetentionDays: number;
  /** Rows per transaction (default 5,000). */
  readonly batchRows?: number;
}

/** Rows deleted, per kind. */
export interface PruneCounts {
  readonly usage: number;
  readonly taskEvents: number;
  readonly workerEvents: number;
  readonly routingDecisions: number;
  readonly alerts: number;
  readonly audit: number;
}

/**
 * Deletes rows older than the retention periods.
 *
 * @param store the open store
 * @param options current time, retention periods and batch size
 * @returns how many rows of each kind were deleted
 * @throws {ForgeError} when the database cannot be written
 */
export function pruneStore(store: Store, options: PruneOptions): PruneCounts {
  const batch = Math.max(1, options.batchRows ?? 5_000);
  const raw = options.now - options.retentionDays * DAY_MS;
  const audit = options.now - options.auditRetentionDays * DAY_MS;
  const byAt = (table: string, cutoff: number, extra = "") =>
    deleteOldest(store, { table, where: `at < ?${extra}`, cutoff, batch });
  return {
    usage: deleteUsage(store, { cutoff: raw, batch }),
    taskEvents: byAt("task_events", raw),
    workerEvents: byAt("worker_events", raw),
    routingDecisions: byAt("routing_decisions", raw),
    alerts: byAt("alerts", raw, " AND acknowledged_at IS NOT NULL"),
    audit: byAt("audit", audit),
  };
}

/**
 * Tables indexed by time (and the small alerts table): the oldest rows, `batch` at a time,
 * until none is left.
 */
function deleteOldest(
  store: Store,
  job: {
    readonly table: string;
    readonly where: string;
    readonly cutoff: number;
    readonly batch: number;
  },
): number {
  const sql =
    `DELETE FROM ${job.table} WHERE id IN (SELECT id FROM ${job.table} WHERE ${job.where} LIMIT ?)`;
  let deleted = 0;
  while (true) {
    const n = store.transaction(() =>
      Number(store.statement(sql).run(job.cutoff, job.batch).changes)
    );
    deleted += n;
    if (n < job.batch) return deleted;
  }
}

/**
 * Usage has no time index (it would slow ingestion down). One read (no write lock) finds the ids
 * the old rows lie between, then only that range is walked by id: each transaction looks at
 * `batch` ids at most, however the old rows are spread.
 */
function deleteUsage(
  store: Store,
  job: { readonly cutoff: number; readonly batch: number },
): number {
  const range = store.statement(
    "SELECT min(id) AS lo, max(id) AS hi FROM usage WHERE at < ?",
  ).get(job.cutoff) as {
    lo: number | null;
    hi: number | null;
  };
  if (range.lo === null || range.hi === null) return 0;
  const sql = "DELETE FROM usage WHERE id >= ? AND id < ? AND at < ?";
  let deleted = 0;
  for (let from = Number(range.lo); from <= Number(range.hi); from += job.batch) {
    deleted += store.transaction(() =>
      Number(store.statement(sql).run(from, from + job.batch, job.cutoff).changes)
    );
  }
  return deleted;
}
