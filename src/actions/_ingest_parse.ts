/**
 * Reads and parses one log from a position into store-ready batches. Runs in the ingesting thread
 * for small increments and in a worker thread (_ingest_worker.ts) for large files, so parsing and
 * SQLite writes use both cores.
 */
import type { Config, FileSystem } from "../domain/mod.ts";
import type { TaskRow, UsageColumnsData, WorkerEventRow } from "../store/mod.ts";
import { isMalformed, parseLogLine, readLogLines } from "../workers/mod.ts";
import { addLineRows, emptyRows, type LogContext, type LogFacts } from "./_ingest_rows.ts";

/** One log to parse. */
export interface ParseJob {
  readonly readPath: string;
  readonly ino: number;
  readonly offset: number;
  readonly lines: number;
  readonly malformed: number;
  readonly context: LogContext;
  readonly facts: LogFacts;
  readonly config: Pick<Config, "prices" | "default_price" | "subscriptions">;
  readonly now: number;
}

/** The rows of one chunk and where reading stands after it. */
export interface ParsedBatch {
  /** Transferable: the worker moves its buffers instead of copying rows. */
  readonly usage: UsageColumnsData;
  readonly tasks: TaskRow[];
  readonly events: WorkerEventRow[];
  readonly unknownModels: string[];
  readonly offset: number;
  readonly lines: number;
  readonly malformed: number;
  readonly context: LogContext;
}

/**
 * Yields the batches of a log after a position; stops when the file is replaced mid-read.
 *
 * @param fs file access
 * @param job what to read and how to attribute it
 * @returns batches, one per chunk read
 */
export async function* parseLogBatches(fs: FileSystem, job: ParseJob): AsyncGenerator<ParsedBatch> {
  const context: LogContext = { ...job.context };
  let { lines, malformed } = job;
  for await (const chunk of readLogLines(fs, job.readPath, { ino: job.ino, offset: job.offset })) {
    if (chunk.reset !== undefined) return; // replaced while we read: the next pass starts over
    const rows = emptyRows();
    for (const line of chunk.lines) {
      lines++;
      const record = line.oversized
        ? { malformed: "oversized" }
        : parseLogLine(line.text, { now: job.now, text: false });
      if (isMalformed(record)) {
        malformed++;
        continue;
      }
      addLineRows(rows, {
        record,
        offset: line.offset,
        facts: job.facts,
        context,
        config: job.config as Config,
      });
    }
    yield {
      usage: rows.usage.data(),
      tasks: rows.tasks,
      events: rows.events,
      unknownModels: [...rows.unknownModels],
      offset: chunk.position.offset,
      lines,
      malformed,
      context: { ...context },
    };
  }
}
