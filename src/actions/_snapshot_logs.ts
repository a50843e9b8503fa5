/**
 * The workers' part of the activity log: the tail of each live worker's log, followed by byte
 * offset so every call reads only what was appended since the last one (one stat per log, and
 * one read when it grew). A worker seen for the
 * first time shows its last few lines; one that fell far behind (a burst of output between two
 * calls) skips to its last few lines instead of parsing everything in between. Lines are parsed in
 * whatever format the agent writes; malformed ones are skipped and counted.
 */
import type {
  ActivityLevel,
  ActivityLine,
  LogRecord,
  WorkerId,
  WorkerView,
} from "../domain/mod.ts";
import { errorMessage, logPath, mapInBatches, redact } from "../domain/mod.ts";
import {
  isMalformed,
  type LogLine,
  parseLogLine,
  readLastLines,
  type TailPosition,
} from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** Worker lines kept (the snapshot caps the merged log again). */
export const MAX_WORKER_LINES = 1_000;
/** Lines shown from a log met for the first time, or after skipping ahead. */
const FIRST_LINES = 20;
/** Behind by more than this, a log skips ahead to its last lines. */
const MAX_CATCH_UP_BYTES = 1024 * 1024;
/** Longer lines are skipped as malformed (agents' JSON events are far shorter). */
const MAX_LINE_BYTES = 256 * 1024;
const MAX_MESSAGE_CHARS = 500;
const NEWLINE = 10;
const decoder = new TextDecoder("utf-8");

interface Tail {
  position: TailPosition;
  malformed: number;
  firstMalformed: string | undefined;
}

/** Follows the logs of the live workers. */
export class LogTails {
  readonly #ctx: Pick<ActionContext, "fs" | "clock" | "layout">;
  readonly #tails = new Map<string, Tail>();
  /** Ids alive at the last read: a worker that just died is read one last time. */
  #alive = new Set<string>();
  #lines: ActivityLine[] = [];
  #version = 0;

  /** @param ctx file access, clock and FORGE home */
  constructor(ctx: Pick<ActionContext, "fs" | "clock" | "layout">) {
    this.#ctx = ctx;
  }

  /** Worker lines read so far, oldest first (by when they were read). */
  get lines(): readonly ActivityLine[] {
    return this.#lines;
  }

  /** Grows whenever lines are added, so callers can tell nothing changed. */
  get version(): number {
    return this.#version;
  }

  /**
   * Reads what the live workers appended to their logs.
   *
   * @param views every worker with a status file
   * @returns problems, in words (unreadable logs, malformed lines)
   */
  async read(views: readonly WorkerView[]): Promise<string[]> {
    const alive = new Set(views.filter((v) => v.liveness === "alive").map((v) => v.id as string));
    const known = new Set(views.map((v) => v.id as string));
    for (const id of this.#tails.keys()) if (!known.has(id)) this.#tails.delete(id);
    const due = views.filter((v) => alive.has(v.id) || this.#alive.has(v.id));
    this.#alive = alive;
    const problems: string[] = [];
    const results = await mapInBatches(due, (v) => this.#follow(v.id));
    for (const [i, result] of results.entries()) {
      const id = due[i]?.id as string;
      if (result !== undefined) problems.push(`log of ${id}: ${result}`);
      const tail = this.#tails.get(id);
      if (tail !== undefined && tail.malformed > 0 && alive.has(id)) {
        const s = tail.malformed === 1 ? "" : "s";
        problems.push(
          `log of ${id}: ${tail.malformed} malformed line${s} skipped (first: ${tail.firstMalformed}); ` +
            `forge validate logs ${logPath(this.#ctx.layout, id as WorkerId)} lists them`,
        );
      }
    }
    return problems;
  }

  /** @returns why the log could not be read, or undefined */
  async #follow(id: WorkerId): Promise<string | undefined> {
    const path = logPath(this.#ctx.layout, id);
    try {
      const info = await this.#ctx.fs.stat(path);
      if (info === undefined) return undefined; // not written yet
      const tail = this.#tails.get(id);
      if (tail === undefined) return await this.#start(id, path, { tail, size: info.size });
      // A rotated or truncated log is read from its start.
      const same = info.ino === tail.position.ino && info.size >= tail.position.offset;
      const from = same ? tail.position.offset : 0;
      if (same && info.size === from) return undefined;
      if (info.size - from > MAX_CATCH_UP_BYTES) {
        return await this.#start(id, path, { tail, size: info.size });
      }
      // One read of exactly what was appended (readLogLines would stat and read once more).
      const chunk = await this.#ctx.fs.readChunk(path, from, info.size - from);
      if (chunk.ino !== info.ino) return undefined; // replaced meanwhile: the next call sees it
      const { lines, consumed } = completeLines(chunk.bytes, from);
      tail.position = { ino: chunk.ino, offset: from + consumed };
      this.#add(id, tail, lines);
      return undefined;
    } catch (error) {
      return `cannot read ${path}: ${errorMessage(error)}`;
    }
  }

  /** Shows the last lines of a log and follows it from there. */
  async #start(
    id: WorkerId,
    path: string,
    at: { readonly tail: Tail | undefined; readonly size: number },
  ): Promise<undefined> {
    const last = await readLastLines(this.#ctx.fs, path, {
      count: FIRST_LINES,
      chunkBytes: 64 * 1024,
      maxLineBytes: MAX_LINE_BYTES,
    });
    if (last === undefined) return undefined;
    const tail: Tail = at.tail ??
      { position: last.position, malformed: 0, firstMalformed: undefined };
    // A last line still unfinished after a megabyte is skipped, not scanned again on every call.
    tail.position = at.size - last.position.offset > MAX_CATCH_UP_BYTES
      ? { ino: last.position.ino, offset: at.size }
      : last.position;
    this.#tails.set(id, tail);
    this.#add(id, tail, last.lines);
    return undefined;
  }

  #add(id: string, tail: Tail, lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    const now = this.#ctx.clock.now();
    for (const line of lines) {
      const result = line.oversized
        ? { malformed: `longer than ${MAX_LINE_BYTES} bytes` }
        : parseLogLine(line.text, { now });
      if (isMalformed(result)) {
        if (result.malformed === "blank line") continue;
        tail.malformed++;
        tail.firstMalformed ??= `at byte ${line.offset}: ${result.malformed}`;
        continue;
      }
      const message = oneLine(result.text);
      if (message === "") continue;
      this.#lines.push({ at: result.at ?? now, level: levelOf(result), source: id, message });
    }
    if (this.#lines.length > MAX_WORKER_LINES) {
      this.#lines = this.#lines.slice(-MAX_WORKER_LINES);
    }
    this.#version++;
  }
}

/** The line's own level, raised for failures (error) and usage limits (warn). */
function levelOf(record: LogRecord): ActivityLevel {
  let level: ActivityLevel = record.level;
  for (const e of record.events) {
    if (e.kind === "task" && e.phase === "failed") return "error";
    if (e.kind === "rate_limit" && (level === "debug" || level === "info")) level = "warn";
  }
  return level;
}

/** The complete lines of appended bytes, and how many bytes they take (a partial line waits). */
function completeLines(
  bytes: Uint8Array,
  base: number,
): { readonly lines: LogLine[]; readonly consumed: number } {
  const lines: LogLine[] = [];
  let start = 0;
  for (let nl = bytes.indexOf(NEWLINE); nl !== -1; nl = bytes.indexOf(NEWLINE, start)) {
    const oversized = nl - start > MAX_LINE_BYTES;
    const text = oversized ? "" : decoder.decode(bytes.subarray(start, nl)).replace(/\r$/, "");
    lines.push({ text, offset: base + start, oversized });
    start = nl + 1;
  }
  return { lines, consumed: start };
}

function oneLine(text: string): string {
  const flat = redact(text).replace(/\s+/g, " ").trim();
  return flat.length > MAX_MESSAGE_CHARS ? `${flat.slice(0, MAX_MESSAGE_CHARS - 1)}…` : flat;
}
