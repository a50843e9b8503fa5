/**
 * Retention at most once a day, for commands that open the store anyway: the time of the last run
 * is kept in the store, so it holds across processes.
 */
import { readMeta, writeMeta } from "./_meta.ts";
import { type PruneCounts, type PruneOptions, pruneStore } from "./prune_store.ts";
import type { Store } from "./store.ts";

/** How often retention runs by itself. */
export const PRUNE_INTERVAL_MS = 86_400_000;

const LAST_RUN_KEY = "retention_last_run_at";

/**
 * Prunes the store when the last run is a day old or more (or never happened).
 *
 * @param store the open store
 * @param options current time and retention periods, as for pruneStore()
 * @returns the counts when it ran, undefined when it was not due
 * @throws {ForgeError} when the database cannot be written
 */
export function pruneIfDue(store: Store, options: PruneOptions): PruneCounts | undefined {
  const last = Number(readMeta(store, LAST_RUN_KEY) ?? Number.NaN);
  // A clock set back (now before the last run) must not stop retention until it catches up.
  if (Number.isFinite(last) && options.now >= last && options.now - last < PRUNE_INTERVAL_MS) {
    return undefined;
  }
  const counts = pruneStore(store, options);
  writeMeta(store, LAST_RUN_KEY, String(options.now));
  return counts;
}
