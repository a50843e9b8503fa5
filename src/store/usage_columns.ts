/**
 * Usage rows stored by column: numbers in one Float64Array, strings as indexes into a small
 * dictionary. A batch of thousands of rows then crosses from the parse worker to the writing
 * thread as two transferable buffers instead of thousands of cloned objects, and the writer binds
 * values without allocating a row object per line.
 */

/** The numeric columns, in storage order. */
const NUMS = [
  "offset",
  "seq",
  "at",
  "input",
  "output",
  "cacheRead",
  "cacheWrite",
  "costUsd",
  "costSource",
] as const;
/** The string columns (bead may be null: index -1). */
const STRS = ["workerId", "workspace", "beadId", "model", "plan"] as const;

/** Where a cost came from, stored as a small number. */
export const COST_SOURCES = ["log", "config", "builtin", "default"] as const;

/** One usage row, for building batches and reading them back. */
export interface UsageRow {
  readonly offset: number;
  readonly seq: number;
  readonly at: number;
  readonly workerId: string;
  readonly workspace: string;
  readonly beadId: string | null;
  readonly model: string;
  /** Subscription plan name, or "" for pay-per-token. */
  readonly plan: string;
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly costUsd: number;
  readonly costSource: typeof COST_SOURCES[number];
}

/** The plain, transferable form of a batch of usage rows. */
export interface UsageColumnsData {
  readonly length: number;
  readonly nums: Float64Array;
  readonly strs: Int32Array;
  readonly dictionary: readonly string[];
}

/** A growable batch of usage rows, by column. */
export class UsageColumns {
  length = 0;
  nums: Float64Array;
  strs: Int32Array;
  readonly dictionary: string[] = [];
  readonly #ids = new Map<string, number>();

  /** @param capacity rows to reserve */
  constructor(capacity = 1024) {
    this.nums = new Float64Array(capacity * NUMS.length);
    this.strs = new Int32Array(capacity * STRS.length);
  }

  /** Rebuilds a batch from its transferred form. */
  static from(data: UsageColumnsData): UsageColumns {
    const c = new UsageColumns(0);
    c.length = data.length;
    c.nums = data.nums;
    c.strs = data.strs;
    for (const s of data.dictionary) c.#intern(s);
    return c;
  }

  /** The transferable form (the buffers are moved, not copied, by postMessage). */
  data(): UsageColumnsData {
    return {
      length: this.length,
      nums: this.nums.subarray(0, this.length * NUMS.length),
      strs: this.strs.subarray(0, this.length * STRS.length),
      dictionary: this.dictionary,
    };
  }

  #intern(s: string): number {
    let id = this.#ids.get(s);
    if (id === undefined) {
      id = this.dictionary.length;
      this.dictionary.push(s);
      this.#ids.set(s, id);
    }
    return id;
  }

  /** Appends a row. */
  push(r: UsageRow): void {
    if ((this.length + 1) * NUMS.length > this.nums.length) this.#grow();
    const n = this.length * NUMS.length;
    const s = this.length * STRS.length;
    const nums = this.nums;
    nums[n] = r.offset;
    nums[n + 1] = r.seq;
    nums[n + 2] = r.at;
    nums[n + 3] = r.input;
    nums[n + 4] = r.output;
    nums[n + 5] = r.cacheRead;
    nums[n + 6] = r.cacheWrite;
    nums[n + 7] = r.costUsd;
    nums[n + 8] = COST_SOURCES.indexOf(r.costSource);
    this.strs[s] = this.#intern(r.workerId);
    this.strs[s + 1] = this.#intern(r.workspace);
    this.strs[s + 2] = r.beadId === null ? -1 : this.#intern(r.beadId);
    this.strs[s + 3] = this.#intern(r.model);
    this.strs[s + 4] = this.#intern(r.plan);
    this.length++;
  }

  #grow(): void {
    const nums = new Float64Array(Math.max(16, this.nums.length * 2));
    nums.set(this.nums);
    this.nums = nums;
    const strs = new Int32Array(Math.max(16, this.strs.length * 2));
    strs.set(this.strs);
    this.strs = strs;
  }

  /** Reads row `i` back as an object (tests and slow paths). */
  row(i: number): UsageRow {
    const n = i * NUMS.length;
    const s = i * STRS.length;
    const str = (k: number) => this.dictionary[this.strs[s + k] as number] as string;
    return {
      offset: this.nums[n] as number,
      seq: this.nums[n + 1] as number,
      at: this.nums[n + 2] as number,
      input: this.nums[n + 3] as number,
      output: this.nums[n + 4] as number,
      cacheRead: this.nums[n + 5] as number,
      cacheWrite: this.nums[n + 6] as number,
      costUsd: this.nums[n + 7] as number,
      costSource: COST_SOURCES[this.nums[n + 8] as number] ?? "log",
      workerId: str(0),
      workspace: str(1),
      beadId: this.strs[s + 2] === -1 ? null : str(2),
      model: str(3),
      plan: str(4),
    };
  }

  /** Appends the 15 bound values of row `i` (with its source id) to `out`. */
  bindRow(out: (string | number | null)[], sourceId: number, i: number): void {
    const n = i * NUMS.length;
    const s = i * STRS.length;
    const nums = this.nums;
    const d = this.dictionary;
    const bead = this.strs[s + 2] as number;
    out.push(
      sourceId,
      nums[n] as number,
      nums[n + 1] as number,
      nums[n + 2] as number,
      d[this.strs[s] as number] as string,
      d[this.strs[s + 1] as number] as string,
      bead === -1 ? null : d[bead] as string,
      d[this.strs[s + 3] as number] as string,
      d[this.strs[s + 4] as number] as string,
      nums[n + 3] as number,
      nums[n + 4] as number,
      nums[n + 5] as number,
      nums[n + 6] as number,
      // Costs are stored as whole nano-dollars, so sums are exact.
      Math.round((nums[n + 7] as number) * 1e9),
      COST_SOURCES[nums[n + 8] as number] ?? "log",
    );
  }
}
