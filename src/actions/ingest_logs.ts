/**
 * Brings the store up to date with every worker log: reads each log from its saved offset, parses
 * it, and writes each chunk's rows and the new offset in one transaction. Truncation starts a new
 * source generation; rotation first finishes the rotated file (found by its inode), then starts
 * the new one. A line is never counted twice, also across restarts.
 */
import { join } from "node:path";
import type { Clock, Config, FileSystem, HomeLayout, WorkerStatus } from "../domain/mod.ts";
import { workerIdProblem } from "../domain/mod.ts";
import type { LogPosition, Store } from "../store/mod.ts";
import { createLogSource, readLogPosition, UsageColumns, writeIngestBatch } from "../store/mod.ts";
import { readAllStatuses, readSomeStatuses } from "../workers/mod.ts";
import type { LogContext } from "./_ingest_rows.ts";
import { type ParseJob, parseLogBatches } from "./_ingest_parse.ts";
import { ParsePool } from "./_parse_pool.ts";

/** What ingestion needs. */
export interface IngestContext {
  readonly fs: FileSystem;
  readonly clock: Clock;
  readonly layout: HomeLayout;
  readonly config: Config;
  readonly store: Store;
}

/** What one ingestion pass did. */
export interface IngestReport {
  readonly files: number;
  readonly lines: number;
  readonly malformed: number;
  readonly usageInserted: number;
  readonly usageDuplicates: number;
  /** Models priced with the configured default price. */
  readonly unknownModels: readonly string[];
}

/**
 * Ingests every worker log under FORGE_HOME/logs.
 *
 * @param ctx ports, FORGE home, configuration and the open store
 * @param options `only`: just these workers' logs (the others wait for the next full pass);
 *   `statuses`: the workers' statuses when already read
 * @returns counts of what was read and written
 */
export async function ingestLogs(
  ctx: IngestContext,
  options: {
    readonly only?: readonly string[] | undefined;
    readonly statuses?: readonly WorkerStatus[] | undefined;
  } = {},
): Promise<IngestReport> {
  const only = options.only === undefined ? undefined : new Set(options.only);
  if (only?.size === 0) return { ...noTotals(), unknownModels: [] };
  const read = options.statuses ??
    (only === undefined ? await readAllStatuses(ctx) : await readSomeStatuses(ctx, [...only]));
  const statuses = new Map(read.map((s) => [s.workerId as string, s]));
  const acc: IngestAccumulator = {
    totals: noTotals(),
    unknown: new Set<string>(),
    pool: new ParsePool(),
  };
  try {
    for (const entry of await ctx.fs.readDir(ctx.layout.logs)) {
      if (entry.kind !== "file" || !entry.name.endsWith(".log")) continue;
      const workerId = entry.name.slice(0, -4);
      if (workerIdProblem(workerId) !== undefined) continue; // forge.log and foreign files
      if (only !== undefined && !only.has(workerId)) continue;
      acc.totals.files++;
      const status = statuses.get(workerId);
      await ingestOne(ctx, { path: join(ctx.layout.logs, entry.name), workerId, status }, acc);
    }
  } finally {
    acc.pool.close();
  }
  return { ...acc.totals, unknownModels: [...acc.unknown].sort() };
}

/** Counts of one pass. */
interface Totals {
  files: number;
  lines: number;
  malformed: number;
  usageInserted: number;
  usageDuplicates: number;
}

function noTotals(): Totals {
  return { files: 0, lines: 0, malformed: 0, usageInserted: 0, usageDuplicates: 0 };
}

/** What a pass accumulates over files. */
interface IngestAccumulator {
  readonly totals: Totals;
  readonly unknown: Set<string>;
  readonly pool: ParsePool;
}

async function ingestOne(
  ctx: IngestContext,
  log: { path: string; workerId: string; status: WorkerStatus | undefined },
  acc: IngestAccumulator,
): Promise<void> {
  const info = await ctx.fs.stat(log.path);
  if (info === undefined) return;
  const ino = info.ino ?? 0;
  const saved = readLogPosition(ctx.store, log.path);
  const now = ctx.clock.now();
  let start: LogPosition;
  if (saved === undefined || saved.ino !== ino || info.size < saved.offset) {
    if (saved !== undefined && saved.ino !== ino) await finishRotated(ctx, log, saved, acc);
    const sourceId = createLogSource(ctx.store, {
      path: log.path,
      ino,
      workerId: log.workerId,
      now,
    });
    start = { path: log.path, sourceId, ino, offset: 0, lines: 0, malformed: 0, context: {} };
  } else {
    start = saved;
  }
  await readFrom(
    ctx,
    { ...log, readPath: log.path, fallbackAt: Math.min(info.mtimeMs ?? now, now) },
    start,
    acc,
  );
}

/** A rotated log keeps its inode under a new name (`x.log.1`, `archive/x.log`): read what is left. */
async function finishRotated(
  ctx: IngestContext,
  log: { path: string; workerId: string; status: WorkerStatus | undefined },
  saved: LogPosition,
  acc: IngestAccumulator,
): Promise<void> {
  for (const dir of [ctx.layout.logs, join(ctx.layout.logs, "archive")]) {
    for (const entry of await ctx.fs.readDir(dir)) {
      if (!entry.name.startsWith(`${log.workerId}.log`)) continue;
      const path = join(dir, entry.name);
      const info = await ctx.fs.stat(path);
      if (info?.ino !== saved.ino || path === log.path) continue;
      await readFrom(
        ctx,
        { ...log, readPath: path, fallbackAt: info.mtimeMs ?? ctx.clock.now() },
        saved,
        acc,
      );
      return;
    }
  }
}

/** Files with at least this much unread go to the parse worker; less is parsed here. */
const WORKER_THRESHOLD = 2 * 1024 * 1024;

async function readFrom(
  ctx: IngestContext,
  log: {
    path: string;
    readPath: string;
    workerId: string;
    status: WorkerStatus | undefined;
    fallbackAt: number;
  },
  start: LogPosition,
  acc: IngestAccumulator,
): Promise<void> {
  const job: ParseJob = {
    readPath: log.readPath,
    ino: start.ino,
    offset: start.offset,
    lines: start.lines,
    malformed: start.malformed,
    context: start.context as LogContext,
    facts: {
      workerId: log.workerId,
      workspace: log.status?.workspace ?? "",
      statusModel: log.status?.model,
      fallbackAt: log.fallbackAt,
    },
    config: {
      prices: ctx.config.prices,
      default_price: ctx.config.default_price,
      subscriptions: ctx.config.subscriptions,
    },
    now: ctx.clock.now(),
  };
  const size = (await ctx.fs.stat(log.readPath))?.size ?? 0;
  const batches = size - start.offset >= WORKER_THRESHOLD
    ? acc.pool.parse(job)
    : parseLogBatches(ctx.fs, job);
  // A batch carries the log's running totals (saved with its offset), not this pass's counts.
  let lines = start.lines;
  let malformed = start.malformed;
  for await (const batch of batches) {
    const result = writeIngestBatch(ctx.store, {
      usage: UsageColumns.from(batch.usage),
      tasks: batch.tasks,
      events: batch.events,
      position: {
        ...start,
        offset: batch.offset,
        lines: batch.lines,
        malformed: batch.malformed,
        context: { ...batch.context },
      },
      now: ctx.clock.now(),
    });
    lines = batch.lines;
    malformed = batch.malformed;
    acc.totals.usageInserted += result.usageInserted;
    acc.totals.usageDuplicates += result.usageDuplicates;
    for (const m of batch.unknownModels) acc.unknown.add(m);
  }
  acc.totals.lines += lines - start.lines;
  acc.totals.malformed += malformed - start.malformed;
}
