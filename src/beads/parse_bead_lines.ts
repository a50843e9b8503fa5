/**
 * The pure core of every reader: JSONL text (or bytes) in, beads and problems out.
 */
import { BeadCollector, type CollectedBeads } from "./_collector.ts";
import { scanInto } from "./_scan_lines.ts";
import type { BeadLineCache } from "./bead_line_cache.ts";

/** Beads parsed from one file, with the problems found. */
export interface ParsedBeadLines extends CollectedBeads {
  /** True when the last line had no newline and did not parse: a write may be in progress. */
  readonly truncatedTail: boolean;
}

/**
 * Parses bead JSONL in either grammar (classic flat issues, with or without `_type`, or bead-rs
 * `record_type` envelopes). Bad lines are skipped and counted, never fatal; duplicate ids keep
 * the newest `updated_at` (a tie goes to the later line); `_deleted` ids are dropped and
 * tombstones kept with status `tombstone` (never work, but not a missing blocker either).
 *
 * @param input the file's text, or its bytes (then invalid UTF-8 lines are skipped one by one)
 * @param file the path, named in problem reports
 * @param options a cache of earlier reads' lines: unchanged lines are not parsed again
 * @returns the beads in first-appearance order, the problem samples and the skipped-line count
 * @example
 * ```ts
 * const { beads } = parseBeadLines('{"id":"x-1","title":"T","status":"open","priority":1}\n', "issues.jsonl");
 * beads[0]?.priority; // 1
 * ```
 */
export function parseBeadLines(
  input: string | Uint8Array,
  file: string,
  options: { readonly cache?: BeadLineCache | undefined } = {},
): ParsedBeadLines {
  const collector = new BeadCollector(options.cache);
  const truncatedTail = scanInto(collector, input, file);
  options.cache?.endRead();
  return { ...collector.finish(), truncatedTail };
}
