/**
 * The last lines of a log, found by scanning back from the end in chunks, so showing the tail of
 * a large log reads only that tail.
 */
import type { FileSystem } from "../../domain/mod.ts";
import {
  type LogLine,
  readLogLines,
  type ReadLogOptions,
  type TailPosition,
} from "./read_log_lines.ts";

/** The tail of a log and where to go on reading. */
export interface LastLines {
  readonly lines: readonly LogLine[];
  /** After the last complete line (before a partial one): where following starts. */
  readonly position: TailPosition;
}

/** What to read. */
export interface ReadLastLinesOptions extends ReadLogOptions {
  /** How many lines from the end. */
  readonly count: number;
}

const NEWLINE = 10;

/**
 * Reads the last `count` lines of a log.
 *
 * @param fs file access
 * @param path the log file
 * @param options how many lines, whether a last line without newline counts, and read limits
 * @returns the lines and the position after them, or undefined when the file does not exist
 */
export async function readLastLines(
  fs: FileSystem,
  path: string,
  options: ReadLastLinesOptions,
): Promise<LastLines | undefined> {
  const info = await fs.stat(path);
  if (info === undefined) return undefined;
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const last = info.size === 0
    ? NEWLINE
    : (await fs.readChunk(path, info.size - 1, 1)).bytes[0] ?? NEWLINE;
  // A line starts after the newline that ends the one before it, so the count-th line from the
  // end starts after the (count+1)-th newline; a partial last line has no newline of its own.
  const partial = last !== NEWLINE;
  const wanted = options.count + (partial && options.includePartial === true ? 0 : 1);
  const start = await startAfterNewlines(fs, path, {
    end: info.size,
    wanted,
    chunkBytes,
  });
  const lines: LogLine[] = [];
  let position: TailPosition = { ino: info.ino, offset: start };
  for await (const batch of readLogLines(fs, path, position, { ...options, chunkBytes })) {
    lines.push(...batch.lines);
    if (lines.length > options.count) lines.splice(0, lines.length - options.count);
    position = batch.position;
  }
  return { lines, position };
}

/** Offset after the `wanted`-th newline counted back from `end`; 0 when there are fewer. */
async function startAfterNewlines(
  fs: FileSystem,
  path: string,
  scan: { readonly end: number; readonly wanted: number; readonly chunkBytes: number },
): Promise<number> {
  if (scan.wanted === 0) return scan.end;
  let need = scan.wanted;
  let pos = scan.end;
  while (pos > 0) {
    const from = Math.max(0, pos - scan.chunkBytes);
    const { bytes } = await fs.readChunk(path, from, pos - from);
    for (let i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] === NEWLINE && --need === 0) return from + i + 1;
    }
    pos = from;
  }
  return 0;
}
