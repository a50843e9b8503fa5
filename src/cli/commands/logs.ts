/**
 * `forge logs <worker>`: the last lines of a worker's log, one summary per line (or as written, or
 * as JSON), and with `-f` every line written after them until Ctrl-C. Only the tail of the file
 * is read; a malformed line is shown and counted, never fatal.
 */
import type { LogLevel, LogRecord, WorkerId } from "../../domain/mod.ts";
import {
  ForgeError,
  logPath,
  NotFoundError,
  statusPath,
  toIso,
  toWorkerId,
  UsageError,
  workerIdProblem,
} from "../../domain/mod.ts";
import {
  isMalformed,
  type LogLine,
  type MalformedLine,
  parseLogLine,
  readLastLines,
  readLogLines,
  sampleText,
  type TailPosition,
} from "../../workers/mod.ts";
import type { CliContext } from "../context.ts";
import { EXIT } from "../exit_codes.ts";
import type { StyleName } from "../output.ts";

/** What `forge logs` was asked. */
export interface LogsInput {
  readonly worker: string;
  readonly follow: boolean;
  /** `-n` as typed: a whole number of lines. */
  readonly lines: string;
  readonly raw: boolean;
}

/** How often `-f` looks for new lines. */
const POLL_MS = 200;

const LEVEL_STYLE: Readonly<Record<LogLevel, StyleName>> = {
  debug: "gray",
  info: "blue",
  warn: "yellow",
  error: "red",
};

/**
 * Prints the tail of a worker's log and, with `follow`, what is written after it until SIGINT.
 *
 * @param ctx the command context
 * @param input worker id, line count, follow and raw flags
 * @returns exit code 0
 * @throws {UsageError} when the worker id or the line count is invalid
 * @throws {NotFoundError} when FORGE knows no such worker
 * @throws {ForgeError} when the log path is not a file
 */
export async function runLogs(ctx: CliContext, input: LogsInput): Promise<number> {
  const id = checkWorkerId(input.worker);
  const count = parseCount(input.lines);
  const path = logPath(ctx.layout, id);
  const info = await ctx.fs.stat(path);
  if (info === undefined) await explainMissingLog(ctx, id, path);
  else if (info.kind !== "file") {
    throw new ForgeError("IO", `Cannot show the log of worker "${id}": ${path} is a ${info.kind}`, {
      hint: "remove or rename it; the worker's launcher writes its log there",
    });
  }
  const view = new LogView(ctx, input.raw);
  const last = info === undefined
    ? undefined
    : await readLastLines(ctx.fs, path, { count, includePartial: !input.follow });
  view.show(last?.lines ?? []);
  if (input.follow) await follow(ctx, path, last?.position ?? { ino: undefined, offset: 0 }, view);
  view.finish();
  return EXIT.ok;
}

function checkWorkerId(worker: string): WorkerId {
  const problem = workerIdProblem(worker);
  if (problem !== undefined) {
    throw new UsageError(`Cannot show the log of worker "${worker}": ${problem}`);
  }
  return toWorkerId(worker);
}

function parseCount(lines: string): number {
  if (!/^\d{1,9}$/.test(lines.trim())) {
    throw new UsageError(`Cannot show "${lines}" lines: expected a whole number, like 50`);
  }
  return Number(lines.trim());
}

/** A worker with a status file may not have logged yet; one with neither is unknown. */
async function explainMissingLog(ctx: CliContext, id: WorkerId, path: string): Promise<void> {
  if (await ctx.fs.stat(statusPath(ctx.layout, id)) === undefined) {
    throw new NotFoundError(`Cannot show the log of worker "${id}": there is no ${path}`, {
      hint: "run `forge workers` to list the workers FORGE knows",
    });
  }
  ctx.out.info(`worker ${id} has not written a log yet (${path})`);
}

async function follow(
  ctx: CliContext,
  path: string,
  from: TailPosition,
  view: LogView,
): Promise<void> {
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    let position = from;
    while (!stop.signal.aborted) {
      position = await readNewLines(ctx, path, position, view);
      await ctx.clock.sleep(POLL_MS, stop.signal).catch(() => {});
    }
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}

async function readNewLines(
  ctx: CliContext,
  path: string,
  from: TailPosition,
  view: LogView,
): Promise<TailPosition> {
  let position = from;
  try {
    for await (const batch of readLogLines(ctx.fs, path, position)) {
      if (batch.reset !== undefined) {
        ctx.out.info(
          ctx.out.style("yellow", `-- ${path} was ${batch.reset}; reading it from the start --`),
        );
      }
      view.show(batch.lines);
      position = batch.position;
    }
  } catch (error) {
    // Removed between stat and read while being rotated: the next poll finds the new file.
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return position;
}

/** Renders lines in the chosen mode and counts the malformed ones. */
class LogView {
  readonly #ctx: CliContext;
  readonly #raw: boolean;
  #malformed = 0;

  constructor(ctx: CliContext, raw: boolean) {
    this.#ctx = ctx;
    this.#raw = raw;
  }

  /** Prints a batch of lines in one write. */
  show(lines: readonly LogLine[]): void {
    const out: string[] = [];
    const now = this.#ctx.clock.now();
    for (const line of lines) {
      const rendered = this.#render(line, now);
      if (rendered !== undefined) out.push(rendered);
    }
    if (out.length > 0) this.#ctx.out.print(out.join("\n"));
  }

  /** Reports the malformed lines seen, if any. */
  finish(): void {
    if (this.#malformed === 0 || this.#ctx.globals.json) return;
    const s = this.#malformed === 1 ? "" : "s";
    this.#ctx.out.info(this.#ctx.out.style("dim", `${this.#malformed} malformed line${s} shown`));
  }

  #render(line: LogLine, now: number): string | undefined {
    if (this.#raw && !line.oversized) return line.text;
    const result: LogRecord | MalformedLine = line.oversized
      ? { malformed: "longer than the line limit; skipped" }
      : parseLogLine(line.text, { now });
    if (isMalformed(result)) {
      if (result.malformed === "blank line") return this.#raw ? "" : undefined;
      this.#malformed++;
      if (this.#ctx.globals.json) {
        return JSON.stringify({
          offset: line.offset,
          malformed: result.malformed,
          text: sampleText(line.text),
        });
      }
      return `${" ".repeat(15)}${this.#ctx.out.style("dim", `(malformed: ${result.malformed})`)}`;
    }
    return this.#ctx.globals.json ? recordJson(line, result) : this.#text(result);
  }

  #text(record: LogRecord): string {
    const time = record.at === undefined ? " ".repeat(8) : clockTime(record.at);
    const level = this.#ctx.out.style(
      LEVEL_STYLE[record.level],
      record.level.toUpperCase().padEnd(5),
    );
    return `${time} ${level} ${record.text}`;
  }
}

function recordJson(line: LogLine, record: LogRecord): string {
  return JSON.stringify({
    offset: line.offset,
    at: record.at === undefined ? null : toIso(record.at),
    level: record.level,
    format: record.format,
    text: record.text,
    events: record.events,
  });
}

/** `HH:MM:SS` in local time, the way people read their own logs. */
function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
}
