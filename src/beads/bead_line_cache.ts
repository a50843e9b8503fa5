/**
 * What each line of a bead file turned into, kept between reads: a running engine reads the same
 * file again after every change, and nearly all of its lines are the same as last time.
 */
import type { Bead, BeadReadIssue } from "../domain/mod.ts";

/** A field problem a line produced, without its place (that is added per read). */
export interface LineNote {
  readonly kind: BeadReadIssue["kind"];
  readonly message: string;
}

/** The bead a line made (undefined when it had no usable id), and the problems it reported. */
export interface CachedLine {
  readonly bead: Bead | undefined;
  readonly notes: readonly LineNote[];
}

/**
 * Line text to the bead it made. Pass the same cache to every `readBeads` of one workspace: a
 * line read before skips JSON parsing and normalising. Only the lines of the latest read are
 * kept, so the cache never holds more than one file's worth.
 *
 * @example
 * ```ts
 * const cache = new BeadLineCache();
 * await readBeads(dir, { fs, cache }); // parses every line
 * await readBeads(dir, { fs, cache }); // parses only the lines that changed
 * ```
 */
export class BeadLineCache {
  #previous = new Map<string, CachedLine>();
  #current = new Map<string, CachedLine>();

  /** Lines kept from the latest finished read. */
  get size(): number {
    return this.#previous.size;
  }

  /**
   * The result of a line seen in the previous read or earlier in this one.
   *
   * @param line the line's text
   * @returns what it made, or undefined for a line not seen
   */
  get(line: string): CachedLine | undefined {
    const hit = this.#previous.get(line) ?? this.#current.get(line);
    if (hit !== undefined) this.#current.set(line, hit);
    return hit;
  }

  /**
   * Keeps what a line made.
   *
   * @param line the line's text
   * @param result its bead and problems
   */
  set(line: string, result: CachedLine): void {
    this.#current.set(line, result);
  }

  /** Ends a read: from now on only its lines are kept. */
  endRead(): void {
    this.#previous = this.#current;
    this.#current = new Map();
  }
}
