/**
 * Finds the line that holds a bead's current record in a classic JSONL file and replaces just
 * that line's bytes: every other byte of the file (other lines, their order, CRLF, even invalid
 * UTF-8) stays exactly as it was.
 */
import type { Bead } from "../domain/mod.ts";
import { instantOf, isRecord, type JsonRecord, nameOf } from "./_fields.ts";
import { toBead } from "./_to_bead.ts";

/** The located record of one bead. */
export interface BeadLine {
  /** Byte offset of the line's first byte. */
  readonly start: number;
  /** Byte offset just past the line's content (before any `\r\n` or `\n`). */
  readonly end: number;
  /** The line's text without the line ending. */
  readonly text: string;
  readonly bead: Bead;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Finds the line a reader would take for `id`: the classic issue record with the newest
 * `updated_at` (a tie goes to the later line), unless it is a tombstone or a later `_deleted`
 * marker removed it.
 *
 * @param bytes the file
 * @param id the bead id
 * @returns the line, or undefined when the bead is not (or no longer) there
 */
export function findBeadLine(bytes: Uint8Array, id: string): BeadLine | undefined {
  const needle = JSON.stringify(id).slice(1, -1);
  let best: BeadLine | undefined;
  let deletedAt: number | undefined;
  for (let start = 0; start < bytes.length;) {
    let nl = bytes.indexOf(10, start);
    if (nl === -1) nl = bytes.length;
    const end = nl > start && bytes[nl - 1] === 13 ? nl - 1 : nl;
    const text = decoder.decode(bytes.subarray(start, end));
    const record = text.includes(needle) ? recordOf(text) : undefined;
    if (record !== undefined && idOf(record) === id) {
      if (record["_deleted"] === true) deletedAt = instantOf(record["_deleted_at"]) ?? Infinity;
      else {
        const bead = isIssue(record) ? toBead(record, () => {}) : undefined;
        if (
          bead !== undefined && (bead.updatedAt ?? -Infinity) >= (best?.bead.updatedAt ?? -Infinity)
        ) {
          best = { start, end, text, bead };
        }
      }
    }
    start = nl + 1;
  }
  if (best === undefined || best.bead.status === "tombstone") return undefined;
  if (deletedAt !== undefined && (best.bead.updatedAt ?? -Infinity) <= deletedAt) return undefined;
  return best;
}

/**
 * Replaces one located line.
 *
 * @param bytes the file
 * @param line the located line
 * @param text the new line text (no line ending; the old ending is kept)
 * @returns the new file bytes
 */
export function replaceLine(bytes: Uint8Array, line: BeadLine, text: string): Uint8Array {
  const middle = encoder.encode(text);
  const out = new Uint8Array(line.start + middle.length + (bytes.length - line.end));
  out.set(bytes.subarray(0, line.start), 0);
  out.set(middle, line.start);
  out.set(bytes.subarray(line.end), line.start + middle.length);
  return out;
}

function recordOf(text: string): JsonRecord | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function idOf(record: JsonRecord): string | undefined {
  const id = record["id"];
  return typeof id === "number" ? String(id) : nameOf(id);
}

/** A classic issue line (bead-rs envelopes are never edited here). */
function isIssue(record: JsonRecord): boolean {
  const type = record["_type"];
  return record["record_type"] === undefined && (type === undefined || type === "issue");
}
