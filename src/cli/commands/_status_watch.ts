/**
 * Status files change outside the engine (workers write them): the dashboard and the status
 * server both wake on each change, naming the workers whose files changed, so a state change
 * reaches the screen or the page without waiting for the next full refresh.
 */
import { basename } from "node:path";
import type { HomeLayout } from "../../domain/mod.ts";
import { watchPaths } from "../../platform/mod.ts";

/**
 * Calls `onChange` after each coalesced change under `status/` until the signal aborts.
 *
 * @param layout the FORGE home
 * @param options what to call (with the changed worker ids, or undefined when the platform could
 *   not say which: read everything again) and when to stop
 * @returns the watch, to close
 */
export function watchStatusChanges(
  layout: HomeLayout,
  options: {
    readonly onChange: (changed: readonly string[] | undefined) => void | Promise<void>;
    readonly signal: AbortSignal;
  },
): { close(): void } {
  const watcher = watchPaths([layout.status], { coalesceMs: 10 });
  void (async () => {
    while (!options.signal.aborted) {
      const paths = await watcher.next(options.signal);
      const ids = paths.map((p) => basename(p)).filter((n) => n.endsWith(".json"))
        .map((n) => n.slice(0, -".json".length));
      await options.onChange(ids.length === 0 ? undefined : ids);
    }
  })().catch(() => {});
  return watcher;
}
