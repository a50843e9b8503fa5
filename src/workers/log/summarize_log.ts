/**
 * What a log file holds, counted in one streaming pass: lines per format, malformed lines (with
 * the first few as samples) and the token usage they report. Memory stays flat however large the
 * file, so `forge doctor` can run it over every log.
 */
import type { FileSystem, LogFormat, LogRecord, TokenUsage } from "../../domain/mod.ts";
import { LOG_FORMATS } from "../../domain/mod.ts";
import { isMalformed, type MalformedLine, parseLogLine } from "./parse_log_line.ts";
import {
  DEFAULT_MAX_LINE_BYTES,
  type LogLine,
  readLogLines,
  type ReadLogOptions,
} from "./read_log_lines.ts";

/** One malformed line, located for the user. */
export interface MalformedSample {
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset of the line in the file. */
  readonly offset: number;
  readonly reason: string;
  /** The start of the line, control characters escaped. */
  readonly text: string;
}

/** Token usage summed over every usage event of a log. */
export interface UsageTotals {
  readonly tokens: TokenUsage;
  /** Sum of the costs the agents reported themselves (lines without a cost add nothing). */
  readonly costUsd: number;
  /** How many usage events were counted. */
  readonly events: number;
}

/** What summarizeLog() found. */
export interface LogSummary {
  /** Every line, blank and malformed ones included. */
  readonly lines: number;
  /** Empty or whitespace-only lines; not counted as malformed. */
  readonly blank: number;
  readonly malformed: number;
  /** Readable lines per detected format. */
  readonly formats: Readonly<Record<LogFormat, number>>;
  /** The first malformed lines (5 unless asked otherwise). */
  readonly samples: readonly MalformedSample[];
  readonly usage: UsageTotals;
  /** True when the last line has no newline yet (it is still counted). */
  readonly partialLastLine: boolean;
}

/** One line as the scan saw it, for callers that check more than the summary counts. */
export interface ScannedLine {
  /** 1-based line number. */
  readonly number: number;
  readonly line: LogLine;
  readonly result: LogRecord | MalformedLine;
}

/** How to summarise. */
export interface SummarizeLogOptions extends Pick<ReadLogOptions, "chunkBytes" | "maxLineBytes"> {
  /** The worker config's log format; `auto` detects per line (default). */
  readonly format?: LogFormat | "auto";
  /** Current time, for reset times stated relative to now. */
  readonly now?: number;
  /** How many malformed lines to keep as samples (default 5). */
  readonly maxSamples?: number;
  /** Called for every line, in order. */
  readonly visit?: (scanned: ScannedLine) => void;
}

const SAMPLE_CHARS = 120;
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * Reads a whole log once and counts what it holds. A missing file reads as empty.
 *
 * @param fs file access
 * @param path the log file
 * @param options format, clock, limits and a per-line visitor
 * @returns the counts, samples and usage totals
 */
export async function summarizeLog(
  fs: FileSystem,
  path: string,
  options: SummarizeLogOptions = {},
): Promise<LogSummary> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const parse = {
    format: options.format ?? "auto",
    now: options.now ?? Date.now(),
    text: false,
  } as const;
  const tally = new Tally(options.maxSamples ?? 5);
  let end = 0;
  let lastOffset = -1;
  const batches = readLogLines(fs, path, { ino: undefined, offset: 0 }, {
    ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
    maxLineBytes,
    includePartial: true,
  });
  for await (const batch of batches) {
    for (const line of batch.lines) {
      const result: LogRecord | MalformedLine = line.oversized
        ? { malformed: `longer than the ${maxLineBytes}-byte line limit; skipped` }
        : parseLogLine(line.text, parse);
      const number = tally.add(line, result);
      options.visit?.({ number, line, result });
      lastOffset = line.offset;
    }
    end = batch.position.offset;
  }
  // Complete lines always end before the position; a line starting at it has no newline yet.
  return tally.summary(lastOffset >= end);
}

/**
 * The summary of a log without lines.
 *
 * @returns zero counts
 */
export function emptyLogSummary(): LogSummary {
  return new Tally(0).summary(false);
}

/** Running counts; one per summarizeLog() call. */
class Tally {
  #lines = 0;
  #blank = 0;
  #malformed = 0;
  readonly #formats = Object.fromEntries(LOG_FORMATS.map((f) => [f, 0])) as Record<
    LogFormat,
    number
  >;
  readonly #samples: MalformedSample[] = [];
  readonly #maxSamples: number;
  #input = 0;
  #output = 0;
  #cacheRead = 0;
  #cacheWrite = 0;
  #costUsd = 0;
  #usageEvents = 0;

  constructor(maxSamples: number) {
    this.#maxSamples = maxSamples;
  }

  /** Counts one line; returns its 1-based number. */
  add(line: LogLine, result: LogRecord | MalformedLine): number {
    const number = ++this.#lines;
    if (!isMalformed(result)) {
      this.#formats[result.format]++;
      for (const event of result.events) {
        if (event.kind !== "usage") continue;
        this.#usageEvents++;
        this.#input += event.tokens.input;
        this.#output += event.tokens.output;
        this.#cacheRead += event.tokens.cacheRead;
        this.#cacheWrite += event.tokens.cacheWrite;
        this.#costUsd += event.costUsd ?? 0;
      }
    } else if (result.malformed === "blank line") {
      this.#blank++;
    } else {
      this.#malformed++;
      if (this.#samples.length < this.#maxSamples) {
        this.#samples.push({
          line: number,
          offset: line.offset,
          reason: result.malformed,
          text: sampleText(line.text),
        });
      }
    }
    return number;
  }

  summary(partialLastLine: boolean): LogSummary {
    return {
      lines: this.#lines,
      blank: this.#blank,
      malformed: this.#malformed,
      formats: { ...this.#formats },
      samples: [...this.#samples],
      usage: {
        tokens: {
          input: this.#input,
          output: this.#output,
          cacheRead: this.#cacheRead,
          cacheWrite: this.#cacheWrite,
        },
        costUsd: this.#costUsd,
        events: this.#usageEvents,
      },
      partialLastLine,
    };
  }
}

/**
 * The start of a line, safe to print: control characters become `\xNN`.
 *
 * @param text the line
 * @returns at most 120 characters (plus `…` when cut)
 */
export function sampleText(text: string): string {
  const head = text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS)}…` : text;
  return head.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
