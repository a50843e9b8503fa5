/**
 * Plain-text log lines, the fallback for anything that is not structured: `TIMESTAMP [LEVEL] msg`
 * is understood, everything else is shown as it is.
 */
import type { LogEvent, LogRecord } from "../../domain/mod.ts";
import { findResetTime, parseTimestamp } from "../../domain/mod.ts";
import { clip, level } from "./_fields.ts";
import type { ParseContext } from "./_fields.ts";

const PREFIXED =
  /^(\S+(?:[T ]\d{2}:\d{2}:\d{2}\S*)?)\s+\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|ERR|CRITICAL|FATAL)\]?:?\s+(.*)$/i;
const LIMIT_TEXT =
  /usage limit|rate limit(ed)?|limit reached|quota exceeded|exhausted your .*quota/i;

/**
 * Parses one text line.
 *
 * @param line the line (no newline)
 * @param ctx clock and whether to build display text
 * @returns the record
 */
export function parseTextLine(line: string, ctx: ParseContext): LogRecord {
  let at: number | undefined;
  let lvl: LogRecord["level"] = "info";
  let text = line;
  const m = PREFIXED.exec(line);
  if (m !== null && m[1] !== undefined) {
    const stamp = parseTimestamp(m[1]);
    if (stamp !== undefined) {
      at = stamp.ms;
      lvl = level(m[2]);
      text = m[3] ?? "";
    }
  }
  const events: LogEvent[] = LIMIT_TEXT.test(text)
    ? [{
      kind: "rate_limit",
      resetAt: findResetTime(text, ctx.now),
      retrying: false,
      message: clip(text, 200),
    }]
    : [];
  return { at, level: lvl, format: "text", text: clip(text, 2000), events };
}
