/**
 * The write side of log ingestion. One batch (the events of one chunk of one log) becomes rows in
 * one transaction, together with the log's new offset, so a crash loses or keeps both. Every row
 * carries its source line (source, byte offset, sequence within the line) and a unique index makes
 * re-ingesting a line a no-op; rollups are built from the rows actually inserted.
 */
import { rollUpColumns, rollUpInserted } from "./_rollups.ts";
import type { Store } from "./store.ts";
import type { UsageColumns } from "./usage_columns.ts";

/** One task event (started, completed, failed). */
export interface TaskRow {
  readonly offset: number;
  readonly seq: number;
  readonly at: number;
  readonly workerId: string;
  readonly workspace: string;
  readonly beadId: string | null;
  readonly model: string;
  readonly phase: "started" | "completed" | "failed";
  readonly durationMs: number | null;
  readonly error: string | null;
}

/** One worker event (started, stopped, rate limit). */
export interface WorkerEventRow {
  readonly offset: number;
  readonly seq: number;
  readonly at: number;
  readonly workerId: string;
  readonly kind: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Where reading of one log stopped, and what was learnt from it so far. */
export interface LogPosition {
  readonly path: string;
  readonly sourceId: number;
  readonly ino: number;
  readonly offset: number;
  readonly lines: number;
  readonly malformed: number;
  /** Context carried between batches (current bead, model, task start, last timestamp). */
  readonly context: Readonly<Record<string, unknown>>;
}

/** A batch to write. */
export interface IngestBatch {
  readonly usage: UsageColumns;
  readonly tasks: readonly TaskRow[];
  readonly events: readonly WorkerEventRow[];
  readonly position: LogPosition;
  readonly now: number;
}

/** What a batch changed. */
export interface BatchResult {
  readonly usageInserted: number;
  readonly usageDuplicates: number;
}

const USAGE_COLUMNS =
  "source_id, source_offset, seq, at, worker_id, workspace, bead_id, model, plan, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nanos, cost_source";
/** Rows per INSERT: binding one statement per row costs more than the row itself. */
const ROWS_PER_INSERT = 10;

function insertUsage(store: Store, sourceId: number, rows: UsageColumns): number {
  let inserted = 0;
  const many = store.statement(
    `INSERT OR IGNORE INTO usage (${USAGE_COLUMNS}) VALUES ${
      Array(ROWS_PER_INSERT).fill(`(${"?,".repeat(14)}?)`).join(",")
    }`,
  );
  const one = store.statement(
    `INSERT OR IGNORE INTO usage (${USAGE_COLUMNS}) VALUES (${"?,".repeat(14)}?)`,
  );
  const args: (string | number | null)[] = [];
  let i = 0;
  for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
    args.length = 0;
    for (let j = i; j < i + ROWS_PER_INSERT; j++) rows.bindRow(args, sourceId, j);
    inserted += Number(many.run(...args).changes);
  }
  for (; i < rows.length; i++) {
    args.length = 0;
    rows.bindRow(args, sourceId, i);
    inserted += Number(one.run(...args).changes);
  }
  return inserted;
}

/**
 * Writes one batch and the log's new position in a single transaction.
 *
 * @param store the open store
 * @param batch rows and position
 * @returns how many usage rows were new and how many were already there
 */
export function writeIngestBatch(store: Store, batch: IngestBatch): BatchResult {
  const sourceId = batch.position.sourceId;
  return store.transaction(() => {
    const before = Number(
      (store.statement("SELECT coalesce(max(id), 0) AS m FROM usage").get() as { m: number }).m,
    );
    const inserted = insertUsage(store, sourceId, batch.usage);
    // Nearly always every row is new and the rollups are summed here; after a duplicate only the
    // database knows which rows are new.
    if (inserted === batch.usage.length) rollUpColumns(store, batch.usage);
    else if (inserted > 0) rollUpInserted(store, before);
    const task = store.statement(
      "INSERT OR IGNORE INTO task_events (source_id, source_offset, seq, at, worker_id, workspace, bead_id, model, phase, duration_ms, error) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    );
    for (const t of batch.tasks) {
      task.run(
        sourceId,
        t.offset,
        t.seq,
        t.at,
        t.workerId,
        t.workspace,
        t.beadId,
        t.model,
        t.phase,
        t.durationMs,
        t.error,
      );
    }
    const event = store.statement(
      "INSERT OR IGNORE INTO worker_events (source_id, source_offset, seq, at, worker_id, kind, detail) VALUES (?,?,?,?,?,?,?)",
    );
    for (const e of batch.events) {
      event.run(sourceId, e.offset, e.seq, e.at, e.workerId, e.kind, JSON.stringify(e.detail));
    }
    savePosition(store, batch.position, batch.now);
    return { usageInserted: inserted, usageDuplicates: batch.usage.length - inserted };
  });
}

function savePosition(store: Store, p: LogPosition, now: number): void {
  // A concurrent ingester may already be further along the same source: never move back.
  store.statement(
    `INSERT INTO log_offsets (path, source_id, ino, offset, lines, malformed, context, updated_at) VALUES (?,?,?,?,?,?,?,?)
     ON CONFLICT (path) DO UPDATE SET source_id = excluded.source_id, ino = excluded.ino, offset = excluded.offset,
       lines = excluded.lines, malformed = excluded.malformed, context = excluded.context, updated_at = excluded.updated_at
     WHERE excluded.source_id != log_offsets.source_id OR excluded.offset > log_offsets.offset`,
  ).run(p.path, p.sourceId, p.ino, p.offset, p.lines, p.malformed, JSON.stringify(p.context), now);
}

/**
 * The saved position of a log, if it was read before.
 *
 * @param store the open store
 * @param path the log file
 * @returns the position, or undefined
 */
export function readLogPosition(store: Store, path: string): LogPosition | undefined {
  const row = store.statement("SELECT * FROM log_offsets WHERE path = ?").get(path) as
    | {
      source_id: number;
      ino: number;
      offset: number;
      lines: number;
      malformed: number;
      context: string;
    }
    | undefined;
  if (row === undefined) return undefined;
  return {
    path,
    sourceId: Number(row.source_id),
    ino: Number(row.ino),
    offset: Number(row.offset),
    lines: Number(row.lines),
    malformed: Number(row.malformed),
    context: JSON.parse(row.context) as Record<string, unknown>,
  };
}

/**
 * Registers a new source (a log file's inode, or its next generation after a truncation) and
 * makes it the log's position, at offset 0, in the same transaction: the next pass then resumes
 * this source even when nothing could be read yet (an empty log, a first line still unfinished).
 *
 * @param store the open store
 * @param source path, inode, worker and time
 * @returns the source id
 */
export function createLogSource(
  store: Store,
  source: {
    readonly path: string;
    readonly ino: number;
    readonly workerId: string;
    readonly now: number;
  },
): number {
  return store.transaction(() => {
    const last = store.statement(
      "SELECT coalesce(max(generation), -1) AS g FROM log_sources WHERE path = ? AND ino = ?",
    )
      .get(source.path, source.ino) as { g: number };
    const generation = Number(last.g) + 1;
    const result = store.statement(
      "INSERT INTO log_sources (path, ino, generation, worker_id, first_seen) VALUES (?,?,?,?,?)",
    ).run(source.path, source.ino, generation, source.workerId, source.now);
    const sourceId = Number(result.lastInsertRowid);
    savePosition(store, {
      path: source.path,
      sourceId,
      ino: source.ino,
      offset: 0,
      lines: 0,
      malformed: 0,
      context: {},
    }, source.now);
    return sourceId;
  });
}
