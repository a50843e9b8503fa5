/**
 * `<timestamp> key=value key="quoted value" …` log lines. Quoted values may contain spaces and
 * escaped quotes.
 */
import type { LogRecord } from "../../domain/mod.ts";
import { type ParsedTimestamp, parseTimestamp } from "../../domain/mod.ts";
import { parseForgeObject } from "./forge_jsonl.ts";
import type { ParseContext } from "./_fields.ts";

const KV_PAIR = /([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|\S*)/g;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;
const STARTS_WITH_PAIR = /^[A-Za-z_][A-Za-z0-9_.-]*=/;

/** The pieces of a key=value line. */
export interface KeyValueFields {
  /** The leading timestamp. */
  readonly stamp: ParsedTimestamp;
  /** Everything after the timestamp. */
  readonly rest: string;
  /** The pairs; numeric values as numbers, quoted values unquoted. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * Splits a key=value line into its timestamp and pairs.
 *
 * @param line one log line
 * @returns the pieces, or undefined when the line is not in this format
 */
export function splitKeyValueLine(line: string): KeyValueFields | undefined {
  const space = line.indexOf(" ");
  if (space <= 0) return undefined;
  const stamp = parseTimestamp(line.slice(0, space));
  if (stamp === undefined) return undefined;
  const rest = line.slice(space + 1);
  // `<time> [INFO] user=bob logged in` is text that happens to hold a `=`.
  if (!STARTS_WITH_PAIR.test(rest)) return undefined;
  const fields: Record<string, unknown> = {};
  for (const m of rest.matchAll(KV_PAIR)) {
    const [, key, raw] = m;
    if (key === undefined || raw === undefined) continue;
    fields[key] = raw.startsWith('"')
      ? raw.slice(1, -1).replace(/\\(.)/g, "$1")
      : NUMERIC.test(raw)
      ? Number(raw)
      : raw;
  }
  return { stamp, rest, fields };
}

/**
 * Parses a key=value line whose first token is a timestamp.
 *
 * @param line one log line
 * @param ctx clock and whether to build display text
 * @returns the record, or undefined when the line is not in this format
 */
export function parseKeyValueLine(line: string, ctx: ParseContext): LogRecord | undefined {
  const split = splitKeyValueLine(line);
  if (split === undefined) return undefined;
  const { fields, rest } = split;
  // Token field names vary between documents; map them onto the JSONL names.
  const tokens = {
    input: fields["tokens_in"] ?? fields["tokens_input"] ?? fields["input_tokens"],
    output: fields["tokens_out"] ?? fields["tokens_output"] ?? fields["output_tokens"],
    cache_read: fields["cache_read"],
    cache_write: fields["cache_write"],
  };
  const extra = {
    tokens,
    timestamp: undefined,
    // The documents name the task duration `duration` (seconds) in this format.
    duration_seconds: fields["duration_seconds"] ?? fields["duration"],
    // Without a message or event, the pairs themselves are the best display text.
    message: fields["message"] ?? fields["msg"] ??
      (fields["event"] === undefined ? rest : undefined),
  };
  const record = parseForgeObject({ ...fields, ...extra }, ctx);
  return { ...record, at: split.stamp.ms, format: "keyvalue" };
}
