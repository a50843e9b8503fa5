/**
 * Reads a log file from a byte offset in bounded chunks and splits it into complete lines with
 * their byte offsets. Memory stays flat however large the file: at most one chunk plus one
 * partial line (itself bounded) is held. Truncation and rotation (a new inode) restart at 0.
 */
import type { FileSystem } from "../../domain/mod.ts";

/** One complete line of a log. */
export interface LogLine {
  /** The text without `\n` and without a trailing `\r`. */
  readonly text: string;
  /** Byte offset of the line's first byte in the file. */
  readonly offset: number;
  /** True when the line was longer than the limit: its text is empty and it counts as malformed. */
  readonly oversized: boolean;
}

/** Where reading stopped: always at the start of a line. */
export interface TailPosition {
  readonly ino: number | undefined;
  readonly offset: number;
}

/** A batch of lines and the position after them. */
export interface TailChunk {
  readonly lines: readonly LogLine[];
  readonly position: TailPosition;
  /** On the first batch, when the file was truncated or replaced since the given position. */
  readonly reset: "truncated" | "rotated" | undefined;
}

/** Reading limits. */
export interface ReadLogOptions {
  /** Bytes read per step (default 1 MiB). */
  readonly chunkBytes?: number;
  /** Longer lines are skipped as oversized (default DEFAULT_MAX_LINE_BYTES, 64 MiB). */
  readonly maxLineBytes?: number;
  /** Also yield a final line that has no newline yet, without moving past it. */
  readonly includePartial?: boolean;
}

/** Lines longer than this are skipped as oversized unless a caller says otherwise. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

const decoder = new TextDecoder("utf-8");

/**
 * Yields the complete lines of a log after `from`, one batch per chunk read.
 *
 * @param fs file access
 * @param path the log file
 * @param from where the previous read stopped (`{ino: undefined, offset: 0}` for the start)
 * @param options limits
 * @returns an async iterator of batches; nothing when the file does not exist
 */
export async function* readLogLines(
  fs: FileSystem,
  path: string,
  from: TailPosition,
  options: ReadLogOptions = {},
): AsyncGenerator<TailChunk> {
  const chunkBytes = options.chunkBytes ?? 1024 * 1024;
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const info = await fs.stat(path);
  if (info === undefined) return;
  let reset: TailChunk["reset"];
  let lineStart = from.offset;
  if (from.ino !== undefined && info.ino !== undefined && info.ino !== from.ino) reset = "rotated";
  else if (info.size < from.offset) reset = "truncated";
  if (reset !== undefined) lineStart = 0;
  const ino = info.ino;
  let carry: Uint8Array[] = [];
  let carryBytes = 0;
  let oversized = false;
  let pos = lineStart;
  while (true) {
    const chunk = await fs.readChunk(path, pos, chunkBytes);
    if (chunk.ino !== ino) break; // replaced while reading: the next read starts over
    const bytes = chunk.bytes;
    if (bytes.length === 0) break;
    const lines: LogLine[] = [];
    let scan = 0;
    const firstNl = bytes.indexOf(10);
    if (firstNl === -1) {
      ({ carryBytes, oversized } = keep(carry, bytes, carryBytes, oversized, maxLine));
      pos += bytes.length;
      continue;
    }
    // The line that started in an earlier chunk.
    if (carryBytes > 0 || oversized) {
      ({ carryBytes, oversized } = keep(
        carry,
        bytes.subarray(0, firstNl),
        carryBytes,
        oversized,
        maxLine,
      ));
      lines.push(
        oversized ? { text: "", offset: lineStart, oversized } : {
          text: stripCr(decoder.decode(concat(carry, carryBytes))),
          offset: lineStart,
          oversized: false,
        },
      );
      lineStart = pos + firstNl + 1;
      carry = [];
      carryBytes = 0;
      oversized = false;
      scan = firstNl + 1;
    }
    const lastNl = bytes.lastIndexOf(10);
    if (lastNl >= scan) splitWhole(bytes.subarray(scan, lastNl + 1), pos + scan, maxLine, lines);
    lineStart = pos + lastNl + 1;
    const tail = bytes.subarray(lastNl + 1);
    if (tail.length > 0) ({ carryBytes, oversized } = keep(carry, tail, 0, false, maxLine));
    pos += bytes.length;
    yield { lines, position: { ino, offset: lineStart }, reset };
    reset = undefined;
  }
  if (options.includePartial === true && carryBytes > 0 && !oversized) {
    const text = stripCr(decoder.decode(concat(carry, carryBytes)));
    yield {
      lines: [{ text, offset: lineStart, oversized: false }],
      position: { ino, offset: lineStart },
      reset,
    };
  } else if (reset !== undefined) {
    yield { lines: [], position: { ino, offset: lineStart }, reset };
  }
}

/** Splits a block that ends with `\n` into lines; one decode for the whole block. */
function splitWhole(block: Uint8Array, base: number, maxLine: number, out: LogLine[]): void {
  const text = decoder.decode(block);
  const ascii = text.length === block.length;
  // Invalid UTF-8 became U+FFFD, whose length says nothing about the bytes it replaced.
  if (!ascii && text.includes("\uFFFD")) return splitBytes(block, base, maxLine, out);
  let offset = base;
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const raw = text.slice(start, nl);
    const bytes = ascii ? raw.length : utf8Length(raw);
    if (bytes > maxLine) out.push({ text: "", offset, oversized: true });
    else out.push({ text: stripCr(raw), offset, oversized: false });
    offset += bytes + 1;
    start = nl + 1;
  }
}

/** Splits a block that ends with `\n` line by line on the bytes, so offsets stay exact. */
function splitBytes(block: Uint8Array, base: number, maxLine: number, out: LogLine[]): void {
  let start = 0;
  while (start < block.length) {
    const nl = block.indexOf(10, start);
    const offset = base + start;
    const oversized = nl - start > maxLine;
    const text = oversized ? "" : stripCr(decoder.decode(block.subarray(start, nl)));
    out.push({ text, offset, oversized });
    start = nl + 1;
  }
}

function keep(
  carry: Uint8Array[],
  part: Uint8Array,
  carryBytes: number,
  oversized: boolean,
  maxLine: number,
): { carryBytes: number; oversized: boolean } {
  if (oversized || carryBytes + part.length > maxLine) {
    carry.length = 0;
    return { carryBytes: 0, oversized: true };
  }
  carry.push(part.slice());
  return { carryBytes: carryBytes + part.length, oversized: false };
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function stripCr(text: string): string {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/** Bytes of a string in UTF-8 (lone surrogates count as the 3 bytes of U+FFFD). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
