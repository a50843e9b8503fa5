/**
 * Helpers shared by the log parser tests: a fixed clock and a parse that fails loudly on
 * malformed lines.
 */
import type { LogEvent, LogRecord } from "../../../src/domain/mod.ts";
import { isMalformed, type ParseLineOptions, parseLogLine } from "../../../src/workers/mod.ts";

/** The fixed "now" of every parser test: 2026-01-02T12:00:00Z. */
export const NOW: number = Date.UTC(2026, 0, 2, 12, 0, 0);

/**
 * Parses a line that must be readable.
 *
 * @param line the line, or an object written as one JSON line
 * @param options parse options (the clock defaults to NOW)
 * @returns the record
 * @throws {Error} when the line is malformed
 */
export function parsed(line: string | object, options: ParseLineOptions = {}): LogRecord {
  const text = typeof line === "string" ? line : JSON.stringify(line);
  const result = parseLogLine(text, { now: NOW, ...options });
  if (isMalformed(result)) throw new Error(`unexpected malformed line (${result.malformed})`);
  return result;
}

/**
 * The events of one kind.
 *
 * @param record a parsed line
 * @param kind the event kind
 * @returns the matching events, in order
 */
export function eventsOf<K extends LogEvent["kind"]>(
  record: LogRecord,
  kind: K,
): Extract<LogEvent, { kind: K }>[] {
  return record.events.filter((e): e is Extract<LogEvent, { kind: K }> => e.kind === kind);
}
