/**
 * Chat history per FORGE home: one JSON object a line (`state/chat-history.jsonl`), appended
 * after every exchange, redacted, and trimmed to its newer half when it passes its size cap. A
 * damaged line is skipped and counted, never fatal.
 */
import { dirname } from "node:path";
import type { FileSystem } from "../domain/mod.ts";
import { redact } from "../domain/mod.ts";

/** One recorded exchange. */
export interface HistoryEntry {
  /** RFC 3339. */
  readonly at: string;
  /** `user@host`. */
  readonly who: string;
  /** Where it was typed: `cli` (`forge chat`) or `tui` (the dashboard's `:`). */
  readonly via: "cli" | "tui";
  readonly text: string;
  /** `fast-path`, the backend's name, or `none`. */
  readonly answered_by: string;
  readonly reply: string;
  readonly calls: readonly {
    readonly id: string;
    readonly tool: string;
    readonly arguments: unknown;
    readonly outcome: "done" | "failed" | "declined" | "rejected";
    readonly message: string;
  }[];
  readonly error: string | null;
  readonly duration_ms: number;
}

/** What reading the history found. */
export interface HistoryRead {
  /** Oldest first. */
  readonly entries: readonly HistoryEntry[];
  /** Lines that were not an entry (skipped). */
  readonly skipped: number;
}

/**
 * Appends one entry, then trims the file to its newer half when it has grown past `maxBytes`.
 *
 * @param fs the file system
 * @param path the history file
 * @param entry the exchange (redacted here)
 * @param maxBytes the size cap
 */
export async function appendHistory(
  fs: FileSystem,
  path: string,
  entry: HistoryEntry,
  maxBytes: number,
): Promise<void> {
  await fs.mkdirp(dirname(path));
  // The dashboard and `forge chat` may write at once: a trim must not drop the other's line.
  const lock = await fs.lock(`${path}.lock`, { timeoutMs: 5_000 });
  try {
    const line = redact(JSON.stringify(entry)).replace(/\n/g, " ") + "\n";
    await fs.writeTextFile(path, line, { append: true, mode: 0o600 });
    const size = (await fs.stat(path))?.size ?? 0;
    if (size > maxBytes) await trim(fs, path, maxBytes);
  } finally {
    await lock.release();
  }
}

async function trim(fs: FileSystem, path: string, maxBytes: number): Promise<void> {
  const lines = (await fs.readTextFile(path)).split("\n").filter((l) => l !== "");
  const kept: string[] = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i] as string;
    bytes += new TextEncoder().encode(l).length + 1;
    if (bytes > maxBytes / 2 && kept.length > 0) break;
    kept.unshift(l);
  }
  await fs.writeFileAtomic(path, kept.join("\n") + "\n", { mode: 0o600 });
}

/**
 * Reads the newest entries.
 *
 * @param fs the file system
 * @param path the history file (missing: empty)
 * @param limit most entries returned (the newest)
 * @returns the entries, oldest first, and how many lines were skipped
 */
export async function readHistory(
  fs: FileSystem,
  path: string,
  limit: number,
): Promise<HistoryRead> {
  if ((await fs.stat(path)) === undefined) return { entries: [], skipped: 0 };
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  for (const line of (await fs.readTextFile(path)).split("\n")) {
    if (line.trim() === "") continue;
    try {
      const value = JSON.parse(line) as Partial<HistoryEntry> | null;
      if (
        value === null || typeof value !== "object" || typeof value.text !== "string" ||
        typeof value.at !== "string" || !Array.isArray(value.calls)
      ) {
        skipped++;
        continue;
      }
      entries.push(value as HistoryEntry);
    } catch {
      skipped++;
    }
  }
  return { entries: entries.slice(-limit), skipped };
}
