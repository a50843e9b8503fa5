/**
 * Accumulates parsed lines (from one file or several checkpoint shards) into beads: picks the
 * grammar per line, keeps the newest record per id, applies deletion markers, keeps tombstones as such, and
 * keeps the first samples of every problem.
 */
import type { Bead, BeadReadIssue } from "../domain/mod.ts";
import { instantOf, isRecord, type JsonRecord, nameOf } from "./_fields.ts";
import { toBead } from "./_to_bead.ts";
import type { BeadLineCache, CachedLine, LineNote } from "./bead_line_cache.ts";

/** Problems kept per kind; the rest are only counted. */
const SAMPLES_PER_KIND = 10;

/** What a collector produced. */
export interface CollectedBeads {
  readonly beads: readonly Bead[];
  readonly issues: readonly BeadReadIssue[];
  readonly skippedLines: number;
}

interface Entry {
  readonly bead: Bead;
  readonly file: string;
  readonly line: number;
}

/** Turns parsed lines into beads, one line at a time. */
export class BeadCollector {
  readonly #beads = new Map<string, Entry>();
  /** Deletion markers: id to `_deleted_at` (Infinity when the marker has no time). */
  readonly #deleted = new Map<string, number>();
  readonly #issues: BeadReadIssue[] = [];
  readonly #perKind = new Map<BeadReadIssue["kind"], number>();
  #skipped = 0;
  readonly #cache: BeadLineCache | undefined;

  /** @param cache lines of earlier reads, reused instead of parsed again */
  constructor(cache?: BeadLineCache) {
    this.#cache = cache;
  }

  /**
   * Adds a line read before, when the cache holds it.
   *
   * @param text the line
   * @returns false when the line is new and must be parsed and passed to `add`
   */
  reuse(text: string, file: string, line: number): boolean {
    const hit = this.#cache?.get(text);
    if (hit === undefined) return false;
    this.#keep(hit, file, line);
    return true;
  }

  /**
   * Adds one parsed line in either grammar: a `record_type` envelope (bead-rs), a `_deleted`
   * marker, or a classic issue (with or without `_type`). Events, receipts and non-issue
   * `_type` lines are ignored.
   */
  add(value: unknown, file: string, line: number, text?: string): void {
    if (!isRecord(value)) {
      this.skip("malformed-line", { file, line, message: "not a JSON object" });
      return;
    }
    const recordType = value["record_type"];
    if (recordType !== undefined) {
      if (recordType !== "issue") return;
      const payload = value["issue"];
      if (isRecord(payload)) this.#addIssue(payload, { file, line, text });
      else this.skip("malformed-line", { file, line, message: "issue envelope without an issue" });
      return;
    }
    if (value["_deleted"] === true) {
      this.#markDeleted(value);
      return;
    }
    const type = value["_type"];
    if (type === undefined || type === "issue") this.#addIssue(value, { file, line, text });
  }

  /** Counts a skipped line and keeps it as a sample. */
  skip(kind: BeadReadIssue["kind"], at: { file: string; line: number; message: string }): void {
    this.#skipped++;
    this.note(kind, at);
  }

  /** Keeps a problem as a sample (the first few per kind). */
  note(kind: BeadReadIssue["kind"], at: { file: string; line?: number; message: string }): void {
    const seen = this.#perKind.get(kind) ?? 0;
    this.#perKind.set(kind, seen + 1);
    if (seen < SAMPLES_PER_KIND) {
      this.#issues.push({ kind, line: at.line, file: at.file, message: at.message });
    }
  }

  /**
   * The beads so far: newest record per id, minus ids a `_deleted` marker removed. Tombstones
   * stay, with status `tombstone`: they are never work, but a bead that depends on one is not
   * waiting on a missing blocker.
   */
  finish(): CollectedBeads {
    const beads: Bead[] = [];
    for (const { bead } of this.#beads.values()) {
      const deletedAt = this.#deleted.get(bead.id);
      if (deletedAt !== undefined && (bead.updatedAt ?? -Infinity) <= deletedAt) continue;
      beads.push(bead);
    }
    return { beads, issues: [...this.#issues], skippedLines: this.#skipped };
  }

  #addIssue(
    raw: JsonRecord,
    at: { readonly file: string; readonly line: number; readonly text: string | undefined },
  ): void {
    const notes: LineNote[] = [];
    const bead = toBead(raw, (kind, message) => notes.push({ kind, message }));
    const result: CachedLine = { bead, notes };
    if (at.text !== undefined) this.#cache?.set(at.text, result);
    this.#keep(result, at.file, at.line);
  }

  #keep(result: CachedLine, file: string, line: number): void {
    for (const { kind, message } of result.notes) this.note(kind, { file, line, message });
    const bead = result.bead;
    if (bead === undefined) {
      this.#skipped++;
      return;
    }
    const previous = this.#beads.get(bead.id);
    if (previous === undefined) {
      this.#beads.set(bead.id, { bead, file, line });
      return;
    }
    // Newest updated_at wins; a tie goes to the later line.
    const newer = (bead.updatedAt ?? -Infinity) >= (previous.bead.updatedAt ?? -Infinity);
    const kept = newer ? line : previous.line;
    this.note("duplicate-id", {
      file,
      line,
      message: `bead "${bead.id}" appears on lines ${previous.line} and ${line}; kept line ${kept}`,
    });
    if (newer) this.#beads.set(bead.id, { bead, file, line });
  }

  #markDeleted(marker: JsonRecord): void {
    const id = nameOf(marker["id"]);
    if (id === undefined) return;
    this.#deleted.set(id, instantOf(marker["_deleted_at"]) ?? Infinity);
  }
}
