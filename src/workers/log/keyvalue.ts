/**
 * `<timestamp> key=value key="quoted value" …` log lines. Quoted values may contain spaces and
 * escaped quotes.
 */
import type { LogRecord } from "../../domain/mod.ts";
import { parseTimestamp } from "../../domain/mod.ts";
import { parseForgeObject } from "./forge_jsonl.ts";
import type { ParseContext } from "./_fields.ts";

const KV_PAIR = /([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|\S*)/g;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/**
 * Parses a key=value line whose first token is a timestamp.
 *
 * @param line one log line
 * @param ctx clock and whether to build display text
 * @returns the record, or undefined when the line is not in this format
 */
export function parseKeyValueLine(line: string, ctx: ParseContext): LogRecord | undefined {
  const space = line.indexOf(" ");
  if (space <= 0) return undefined;
  const stamp = parseTimestamp(line.slice(0, space));
  if (stamp === undefined) return undefined;
  const rest = line.slice(space + 1);
  const fields: Record<string, unknown> = {};
  let matched = 0;
  for (const m of rest.matchAll(KV_PAIR)) {
    const [, key, raw] = m;
    if (key === undefined || raw === undefined) continue;
    matched++;
    fields[key] = raw.startsWith('"')
      ? raw.slice(1, -1).replace(/\\(.)/g, "$1")
      : NUMERIC.test(raw)
      ? Number(raw)
      : raw;
  }
  if (matched === 0) return undefined;
  // Token field names vary between documents; map them onto the JSONL names.
  const tokens = {
    input: fields["tokens_in"] ?? fields["tokens_input"] ?? fields["input_tokens"],
    output: fields["tokens_out"] ?? fields["tokens_output"] ?? fields["output_tokens"],
    cache_read: fields["cache_read"],
    cache_write: fields["cache_write"],
  };
  const record = parseForgeObject({ ...fields, tokens, timestamp: undefined }, ctx);
  return { ...record, at: stamp.ms, format: "keyvalue" };
}
