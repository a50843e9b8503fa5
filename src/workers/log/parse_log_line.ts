/**
 * One entry point for every log format: detects the format of a line (or uses the one the worker
 * config names) and returns what it means. Malformed lines are reported, never thrown.
 */
import type { LogFormat, LogRecord } from "../../domain/mod.ts";
import { clip, type Obj, obj, type ParseContext } from "./_fields.ts";
import { CLAUDE_TYPES, parseClaudeObject } from "./claude_stream_json.ts";
import { isCodexType, parseCodexObject } from "./codex_json.ts";
import { parseForgeObject } from "./forge_jsonl.ts";
import { isGeminiObject, parseGeminiObject } from "./gemini_stream_json.ts";
import { parseKeyValueLine } from "./keyvalue.ts";
import { isOpenCodeObject, parseOpenCodeObject } from "./opencode_json.ts";
import { parseTextLine } from "./text_line.ts";

/** A line that cannot be read, with why. */
export interface MalformedLine {
  readonly malformed: string;
}

/** How to read a line. */
export interface ParseLineOptions {
  /** `auto` detects per line (default). */
  readonly format?: LogFormat | "auto";
  /** Current time, for reset times stated relative to now. */
  readonly now?: number;
  /** Build the display text (default true); ingestion turns it off for speed. */
  readonly text?: boolean;
}

/**
 * Parses one log line (without its newline).
 *
 * @param line the text of the line
 * @param options format and clock
 * @returns the record, or why the line is malformed
 */
export function parseLogLine(
  line: string,
  options: ParseLineOptions = {},
): LogRecord | MalformedLine {
  const ctx: ParseContext = { now: options.now ?? Date.now(), text: options.text ?? true };
  const format = options.format ?? "auto";
  const first = firstNonSpace(line);
  if (first === 123 /* { */ && format !== "text") {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return { malformed: `invalid JSON: ${clip((error as Error).message, 120)}` };
    }
    const o = obj(value);
    if (o === undefined) return { malformed: "JSON value is not an object" };
    return saneTime(parseObject(o, format, ctx));
  }
  if (first === -1) return { malformed: "blank line" };
  if (first === 91 /* [ */ && format !== "text" && isJsonArray(line)) {
    return { malformed: "JSON value is not an object" };
  }
  if (line.includes("\u0000") || line.includes("\uFFFD")) {
    return { malformed: "binary data or invalid UTF-8" };
  }
  if (format === "text") return parseTextLine(line, ctx);
  if (format === "keyvalue" || format === "auto") {
    const kv = parseKeyValueLine(line, ctx);
    if (kv !== undefined) return kv;
    if (format === "keyvalue") return { malformed: "not a key=value line" };
  }
  return parseTextLine(line, ctx);
}

/** The largest instant a Date can hold; an epoch number past it is not a time. */
const MAX_DATE_MS = 8.64e15;

/** Drops a timestamp no Date can hold (`"timestamp": 1e300`), so printing it cannot throw. */
function saneTime(record: LogRecord): LogRecord {
  return record.at === undefined || record.at <= MAX_DATE_MS
    ? record
    : { ...record, at: undefined };
}

function parseObject(o: Obj, format: LogFormat | "auto", ctx: ParseContext): LogRecord {
  const type = o["type"];
  if (typeof type === "string" && format !== "forge-jsonl") {
    if (format === "opencode-json" || (format === "auto" && isOpenCodeObject(o))) {
      return parseOpenCodeObject(o, ctx);
    }
    if (format === "gemini-stream-json" || (format === "auto" && isGeminiObject(o))) {
      return parseGeminiObject(o, ctx);
    }
    if (format === "codex-json" || (format === "auto" && (isCodexType(type) || isCodexError(o)))) {
      return parseCodexObject(o, ctx);
    }
    if (format === "claude-stream-json" || (format === "auto" && CLAUDE_TYPES.has(type))) {
      return parseClaudeObject(o, ctx);
    }
  }
  return parseForgeObject(o, ctx);
}

function isCodexError(o: Obj): boolean {
  return o["type"] === "error" && typeof o["message"] === "string" && o["event"] === undefined;
}

/** A `[…]` line that parses as JSON is a broken JSONL line; `[INFO] …` text is not. */
function isJsonArray(line: string): boolean {
  if (!line.trimEnd().endsWith("]")) return false;
  try {
    return Array.isArray(JSON.parse(line));
  } catch {
    return false;
  }
}

function firstNonSpace(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return c;
  }
  return -1;
}

/**
 * Type guard for malformed results.
 *
 * @param result what parseLogLine() returned
 * @returns true when the line was malformed
 */
export function isMalformed(result: LogRecord | MalformedLine): result is MalformedLine {
  return "malformed" in result;
}
