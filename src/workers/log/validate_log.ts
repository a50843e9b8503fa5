/**
 * The log-format validator behind `forge validate logs <file>`: every line must be an agent's own
 * format (Claude Code, Codex, OpenCode, Gemini) or FORGE's JSONL / key=value contract with its
 * required fields. Reads the file in one streaming pass.
 */
import { basename } from "node:path";
import { type FileSystem, NotFoundError } from "../../domain/mod.ts";
import { checkContractFields } from "./_log_contract.ts";
import { splitKeyValueLine } from "./keyvalue.ts";
import { isMalformed } from "./parse_log_line.ts";
import {
  emptyLogSummary,
  type LogSummary,
  sampleText,
  type ScannedLine,
  summarizeLog,
} from "./summarize_log.ts";

/** What validateLog() found. */
export interface LogValidation {
  /** True when there is no error (warnings allowed). */
  readonly ok: boolean;
  /**
   * File-level errors, then `line N: …` for the first invalid lines (20 unless asked otherwise),
   * then, when more were found, one entry saying how many were not shown.
   */
  readonly errors: readonly string[];
  /** Every error found, shown or not. */
  readonly errorCount: number;
  /** Each distinct warning once, with the lines it applies to. */
  readonly warnings: readonly string[];
  readonly summary: LogSummary;
}

/** Validator settings. */
export interface ValidateLogOptions {
  /** How many line errors to list (default 20). */
  readonly maxErrors?: number;
  /** Current time (for reset times in the summary). */
  readonly now?: number;
}

/**
 * Checks a worker log against the log-format contract.
 *
 * @param fs file access
 * @param path the log file; its name (without `.log`) is the worker id the lines should carry
 * @param options how many errors to list
 * @returns errors, warnings and the log's summary
 * @throws {NotFoundError} when the file does not exist
 */
export async function validateLog(
  fs: FileSystem,
  path: string,
  options: ValidateLogOptions = {},
): Promise<LogValidation> {
  const info = await fs.stat(path);
  if (info === undefined) {
    throw new NotFoundError(`Cannot validate log "${path}": the file does not exist`, {
      hint: "worker logs live in FORGE_HOME/logs/<worker_id>.log",
    });
  }
  const report = new Report(options.maxErrors ?? 20);
  if (info.kind !== "file") {
    report.fileError(`"${path}" is a ${info.kind}, not a log file`);
    return report.result(emptyLogSummary());
  }
  const workerId = basename(path).replace(/\.log$/, "");
  const summary = await summarizeLog(fs, path, {
    ...(options.now === undefined ? {} : { now: options.now }),
    visit: (scanned) => checkLine(scanned, workerId, report),
  });
  if (summary.lines === summary.blank) {
    report.fileError(
      summary.lines === 0
        ? "the log is empty: a worker must write at least one line"
        : `the log holds only blank lines (${summary.lines})`,
    );
  }
  if (summary.partialLastLine) {
    report.warn(`the last line has no newline (still being written?)`, summary.lines);
  }
  return report.result(summary);
}

function checkLine(scanned: ScannedLine, workerId: string, report: Report): void {
  const { number, line, result } = scanned;
  if (isMalformed(result)) {
    if (result.malformed === "blank line") report.warn("blank line ignored", number);
    else report.lineError(number, [result.malformed]);
    return;
  }
  let fields: Record<string, unknown>;
  switch (result.format) {
    case "forge-jsonl":
      fields = JSON.parse(line.text) as Record<string, unknown>;
      break;
    case "keyvalue": {
      const split = splitKeyValueLine(line.text);
      fields = { ...split?.fields, timestamp: line.text.slice(0, line.text.indexOf(" ")) };
      break;
    }
    case "text":
      report.lineError(number, [unknownFormat(line.text)]);
      return;
    default:
      // An agent's own output (Claude Code, Codex, OpenCode, Gemini) is valid as it is.
      return;
  }
  const problems = checkContractFields(fields, workerId);
  if (problems.errors.length > 0) report.lineError(number, problems.errors);
  for (const warning of problems.warnings) report.warn(warning, number);
}

function unknownFormat(text: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_.-]*=/.test(text)) {
    return `a key=value line must start with an ISO 8601 timestamp, like ` +
      `"2026-01-31T12:00:00Z level=info worker_id=w1 message=…"`;
  }
  return `not a log format FORGE checks: expected a JSON object or ` +
    `"<ISO timestamp> key=value …", found text "${sampleText(text.slice(0, 40))}"`;
}

/** Collects errors (capped) and warnings (grouped by text). */
class Report {
  readonly #fileErrors: string[] = [];
  readonly #lineErrors: string[] = [];
  #lineErrorCount = 0;
  readonly #maxErrors: number;
  readonly #warnings = new Map<string, { lines: number[]; count: number }>();

  constructor(maxErrors: number) {
    this.#maxErrors = maxErrors;
  }

  fileError(message: string): void {
    this.#fileErrors.push(message);
  }

  lineError(line: number, messages: readonly string[]): void {
    this.#lineErrorCount++;
    if (this.#lineErrors.length < this.#maxErrors) {
      this.#lineErrors.push(`line ${line}: ${messages.join("; ")}`);
    }
  }

  warn(message: string, line: number): void {
    const seen = this.#warnings.get(message) ?? { lines: [], count: 0 };
    seen.count++;
    if (seen.lines.length < 5) seen.lines.push(line);
    this.#warnings.set(message, seen);
  }

  result(summary: LogSummary): LogValidation {
    const hidden = this.#lineErrorCount - this.#lineErrors.length;
    const errors = [...this.#fileErrors, ...this.#lineErrors];
    if (hidden > 0) errors.push(`… and ${hidden} more invalid line${hidden > 1 ? "s" : ""}`);
    const warnings = [...this.#warnings].map(([message, { lines, count }]) => {
      const more = count - lines.length;
      const where = `${lines.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
      return `${message} (line${count > 1 ? "s" : ""} ${where})`;
    });
    const errorCount = this.#fileErrors.length + this.#lineErrorCount;
    return { ok: errorCount === 0, errors, errorCount, warnings, summary };
  }
}
