/**
 * Fixtures for the store's query tests: a real SQLite file in a temporary directory, and rows
 * written the way ingestion writes them (writeIngestBatch, so the rollups are the real ones).
 */
import { join } from "node:path";
import {
  createLogSource,
  Store,
  type TaskRow,
  UsageColumns,
  writeIngestBatch,
} from "../../src/store/mod.ts";

/** A store in a temporary directory, closed and removed on dispose. */
export interface TempStore extends AsyncDisposable {
  readonly store: Store;
  readonly dir: string;
}

/**
 * Opens a new store in a temporary directory.
 *
 * @returns the store; use with `await using`
 */
export async function tempStore(): Promise<TempStore> {
  const dir = await Deno.makeTempDir({ prefix: "forge_query_" });
  const store = Store.open(join(dir, "forge.db"));
  return {
    store,
    dir,
    async [Symbol.asyncDispose]() {
      store.close();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

/** One usage row to write; costs in whole nano-dollars so tests can sum them exactly. */
export interface UsageInput {
  readonly at: number;
  readonly workerId?: string;
  readonly workspace?: string;
  readonly beadId?: string | null;
  readonly model?: string;
  readonly plan?: string;
  readonly input?: number;
  readonly output?: number;
  readonly cacheRead?: number;
  readonly cacheWrite?: number;
  readonly costNanos?: number;
}

/** One task event to write. */
export interface TaskInput {
  readonly at: number;
  readonly model?: string;
  readonly phase: TaskRow["phase"];
  readonly durationMs?: number | null;
  readonly workerId?: string;
}

let sources = 0;

/**
 * Writes rows through writeIngestBatch, as one batch of a new log source.
 *
 * @param store the open store
 * @param rows usage rows and task events
 */
export function writeRows(
  store: Store,
  rows: { readonly usage?: readonly UsageInput[]; readonly tasks?: readonly TaskInput[] },
): void {
  const path = `/fixture/${Deno.pid}-${++sources}.log`;
  const sourceId = createLogSource(store, { path, ino: sources, workerId: "w", now: 0 });
  const usage = new UsageColumns();
  let offset = 0;
  for (const u of rows.usage ?? []) {
    usage.push({
      offset: offset++,
      seq: 0,
      at: u.at,
      workerId: u.workerId ?? "w1",
      workspace: u.workspace ?? "/ws",
      beadId: u.beadId ?? null,
      model: u.model ?? "model-a",
      plan: u.plan ?? "",
      input: u.input ?? 0,
      output: u.output ?? 0,
      cacheRead: u.cacheRead ?? 0,
      cacheWrite: u.cacheWrite ?? 0,
      costUsd: (u.costNanos ?? 0) / 1e9,
      costSource: "log",
    });
  }
  const tasks: TaskRow[] = (rows.tasks ?? []).map((t) => ({
    offset: offset++,
    seq: 0,
    at: t.at,
    workerId: t.workerId ?? "w1",
    workspace: "/ws",
    beadId: null,
    model: t.model ?? "model-a",
    phase: t.phase,
    durationMs: t.durationMs ?? null,
    error: null,
  }));
  writeIngestBatch(store, {
    usage,
    tasks,
    events: [],
    position: { path, sourceId, ino: sources, offset, lines: offset, malformed: 0, context: {} },
    now: 0,
  });
}

/**
 * `[since, until)` widened to whole UTC hours by hand, the way reports state their span: the
 * start down, the end up; an empty or reversed span stays empty.
 *
 * @param since start (inclusive), epoch ms
 * @param until end (exclusive), epoch ms
 * @returns the widened span
 */
export function widened(since: number, until: number): { since: number; until: number } {
  const hour = 3_600_000;
  const start = since - (((since % hour) + hour) % hour);
  if (until <= since) return { since: start, until: start };
  const rest = ((until % hour) + hour) % hour;
  return { since: start, until: rest === 0 ? until : until + hour - rest };
}

/** Hand sums of usage rows, in the store's units. */
export interface HandSums {
  calls: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  costNanos: number;
  billedNanos: number;
}

/**
 * Sums rows by hand, the way a person would check the store.
 *
 * @param rows usage rows
 * @returns their sums
 */
export function handSum(rows: readonly UsageInput[]): HandSums {
  const s = {
    calls: 0,
    input: 0,
    output: 0,
    cacheRead: 0,
    cacheWrite: 0,
    costNanos: 0,
    billedNanos: 0,
  };
  for (const r of rows) {
    s.calls++;
    s.input += r.input ?? 0;
    s.output += r.output ?? 0;
    s.cacheRead += r.cacheRead ?? 0;
    s.cacheWrite += r.cacheWrite ?? 0;
    s.costNanos += r.costNanos ?? 0;
    if ((r.plan ?? "") === "") s.billedNanos += r.costNanos ?? 0;
  }
  return s;
}
