/**
 * The store's month-to-date totals `/metrics` exposes as counters: usage and cost by model, and
 * the durations of the tasks completed, read at most every few seconds (scrapes come often; the
 * figures move slowly). The database is opened for each read with a short busy timeout, as the
 * snapshot's store reader does, so no handle is held between scrapes.
 */
import type { Clock, HomeLayout } from "../../domain/mod.ts";
import type { FileSystem } from "../../domain/mod.ts";
import type { ModelTotals, StoreTotals } from "../../server/mod.ts";
import { calendarPeriods, Store, taskStats, usageGroups } from "../../store/mod.ts";

const REFRESH_MS = 5_000;
const BUSY_TIMEOUT_MS = 250;

/**
 * Reads the totals of the month containing `now`.
 *
 * @param store the open store
 * @param now epoch ms
 * @returns usage, cost and completed task durations by model
 */
export function readStoreTotals(store: Store, now: number): StoreTotals {
  const since = calendarPeriods(now).month.since;
  const span = { since, until: now + 1 };
  const usage = usageGroups(store, { ...span, by: "model" });
  const tasks = taskStats(store, span);
  const models = new Map<string, ModelTotals>();
  const empty = (model: string): ModelTotals => ({
    model,
    costNanos: 0,
    tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    durationsMs: [],
  });
  for (const u of usage) {
    const model = u.key ?? "unknown";
    models.set(model, {
      ...empty(model),
      costNanos: u.costNanos,
      tokens: {
        input: u.input,
        output: u.output,
        cacheRead: u.cacheRead,
        cacheWrite: u.cacheWrite,
      },
    });
  }
  for (const [model, t] of tasks) {
    models.set(model, { ...(models.get(model) ?? empty(model)), durationsMs: t.durations });
  }
  return { since, models: [...models.values()].sort((a, b) => a.model.localeCompare(b.model)) };
}

/**
 * A reader of the totals that keeps the last ones for a few seconds.
 *
 * @param ctx the clock, the file system and the home's layout
 * @returns a function answering the totals, or undefined when the database cannot be read
 */
export function cachedStoreTotals(
  ctx: { readonly clock: Clock; readonly fs: FileSystem; readonly layout: HomeLayout },
): () => Promise<StoreTotals | undefined> {
  let last: { at: number; totals: StoreTotals | undefined } | undefined;
  return async () => {
    const now = ctx.clock.now();
    if (last !== undefined && now >= last.at && now - last.at < REFRESH_MS) return last.totals;
    let totals: StoreTotals | undefined;
    if (await ctx.fs.stat(ctx.layout.database) !== undefined) {
      try {
        const store = Store.open(ctx.layout.database, { busyTimeoutMs: BUSY_TIMEOUT_MS });
        try {
          totals = readStoreTotals(store, now);
        } finally {
          store.close();
        }
      } catch {
        totals = undefined;
      }
    }
    last = { at: now, totals };
    return totals;
  };
}
