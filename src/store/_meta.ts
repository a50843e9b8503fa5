/**
 * Small facts about the store itself, kept in the `meta` table (migration 2).
 */
import type { Store } from "./store.ts";

/** Reads a fact; undefined when it was never written. */
export function readMeta(store: Store, key: string): string | undefined {
  const row = store.statement("SELECT value FROM meta WHERE key = ?").get(key) as
    | { value: string }
    | undefined;
  return row?.value;
}

/** Writes a fact, replacing an earlier value. */
export function writeMeta(store: Store, key: string, value: string): void {
  store.transaction(() => {
    store.statement(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(key, value);
  });
}
