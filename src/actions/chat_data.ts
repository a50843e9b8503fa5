/**
 * The data chat answers from: the fleet snapshot the caller gathers, cost breakdowns from the
 * store (periods as `forge costs` counts them), and what spawning workers would cost. Logs are
 * not ingested here: the running orchestrator does that, and a one-off caller does it first.
 */
import type { ChatData, CostDimension, CostPeriod, FleetSnapshot } from "../domain/mod.ts";
import { costOf, modelMatches, planForModel, priceFor } from "../domain/mod.ts";
import { calendarPeriods, costBreakdown, Store, taskStats, usageGroups } from "../store/mod.ts";
import { loadWorkerConfigs } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";

/**
 * Tokens one task is assumed to use when the store knows too few of the model's tasks: an agent
 * re-reads files and context on every call, so input dwarfs output. A rough middle of what coding
 * agents report per bead; the estimate only decides whether to ask before spawning.
 */
export const ASSUMED_TASK_TOKENS = {
  input: 200_000,
  output: 20_000,
  cacheRead: 0,
  cacheWrite: 0,
} as const;

/** Finished tasks of a model this month from which its own average is trusted. */
export const MIN_TASKS_FOR_AVERAGE = 3;

/** Where chat's data comes from. */
export interface ChatDataOptions {
  /** Gathers the fleet snapshot (the dashboard's source, or a one-off gather). */
  readonly gather: () => Promise<FleetSnapshot>;
  /** An open store to read; otherwise the database is opened for each call and closed after. */
  readonly store?: Store;
}

/**
 * Creates chat's data source.
 *
 * @param ctx the action context (clock, configuration, FORGE home, worker configs)
 * @param options how to gather the snapshot, and optionally an open store to lend
 * @returns the data source
 */
export function createChatData(ctx: ActionContext, options: ChatDataOptions): ChatData {
  return {
    snapshot: () => options.gather(),
    breakdown: (period, by) =>
      withStore(ctx, options.store, (store) => breakdownOf(ctx, store, { period, by })),
    estimateSpawnCostUsd: (worker, count) => estimate(ctx, options.store, { worker, count }),
  };
}

function breakdownOf(
  ctx: ActionContext,
  store: Store,
  o: { readonly period: CostPeriod; readonly by: CostDimension },
) {
  const now = ctx.clock.now();
  return costBreakdown(store, { ...calendarPeriods(now)[o.period], by: o.by, now });
}

async function estimate(
  ctx: ActionContext,
  lent: Store | undefined,
  o: { readonly worker: string; readonly count: number },
): Promise<number | undefined> {
  const config = (await loadWorkerConfigs(ctx)).entries.get(o.worker)?.config;
  if (config === undefined) return undefined;
  const model = config.model;
  // A plan's quota pays for the work: no pay-per-token spend at the margin.
  if (planForModel(model, ctx.config.subscriptions) !== undefined) return 0;
  const average = await withStore(ctx, lent, (store) => monthAverage(ctx, store, model))
    .catch(() => undefined); // an unreadable store leaves the price table
  const perTask = average ?? costOf(ASSUMED_TASK_TOKENS, priceOf(ctx, model));
  return round6(perTask * o.count);
}

/** The model's list cost this month per finished (completed or failed) task, if enough ran. */
function monthAverage(ctx: ActionContext, store: Store, model: string): number | undefined {
  const month = calendarPeriods(ctx.clock.now()).month;
  const same = (key: string | null) => key !== null && modelMatches(key, model);
  let finished = 0;
  for (const [key, stats] of taskStats(store, month)) {
    if (same(key)) finished += stats.completed + stats.failed;
  }
  if (finished < MIN_TASKS_FOR_AVERAGE) return undefined;
  const nanos = usageGroups(store, { ...month, by: "model" })
    .filter((g) => same(g.key))
    .reduce((n, g) => n + g.costNanos, 0);
  return nanos / 1e9 / finished;
}

function priceOf(ctx: ActionContext, model: string) {
  return priceFor(model, { prices: ctx.config.prices, defaultPrice: ctx.config.default_price })
    .price;
}

function round6(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/** Runs `body` with the lent store, or with the database opened for it and closed after. */
async function withStore<T>(
  ctx: ActionContext,
  lent: Store | undefined,
  body: (store: Store) => T,
): Promise<T> {
  if (lent !== undefined) return await body(lent);
  const store = Store.open(ctx.layout.database);
  try {
    return await body(store);
  } finally {
    store.close();
  }
}
