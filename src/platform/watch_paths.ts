/**
 * File-change notifications on Deno.watchFs, coalesced: a burst of events within `coalesceMs`
 * wakes the waiter once. Events are lossy by nature, so callers also rescan periodically.
 */
import type { FileWatcher } from "../domain/mod.ts";

/**
 * Watches the given paths (recursively); paths that do not exist are skipped.
 *
 * @param paths files or directories
 * @param options how long a burst of events is gathered into one wake-up
 * @returns the watcher
 */
export function watchPaths(
  paths: readonly string[],
  options: { readonly coalesceMs: number },
): FileWatcher {
  const existing = paths.filter((p) => {
    try {
      Deno.statSync(p);
      return true;
    } catch {
      return false;
    }
  });
  /** Paths changed since the last wake-up, in order; `pending` once the burst is over. */
  let changed = new Set<string>();
  let pending = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiter: ((paths: readonly string[]) => void) | undefined;
  const take = (): readonly string[] => {
    const paths = [...changed];
    changed = new Set();
    pending = false;
    return paths;
  };
  const fire = () => {
    timer = undefined;
    if (waiter === undefined) {
      pending = true;
      return;
    }
    const w = waiter;
    waiter = undefined;
    w(take());
  };
  const watcher = existing.length === 0 ? undefined : Deno.watchFs(existing, { recursive: true });
  (async () => {
    if (watcher === undefined) return;
    try {
      for await (const event of watcher) {
        for (const path of event.paths) changed.add(path);
        timer ??= setTimeout(fire, options.coalesceMs);
      }
    } catch { /* closed */ }
  })();
  const result: FileWatcher = {
    next(signal) {
      if (pending) return Promise.resolve(take());
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          waiter = undefined;
          reject(signal?.reason);
        };
        // The listener goes with the wake-up: callers pass one long-lived signal to every call,
        // and a listener left behind per call kept each call's promise alive (a leak per change).
        waiter = (paths) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(paths);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    close() {
      if (timer !== undefined) clearTimeout(timer);
      try {
        watcher?.close();
      } catch { /* already closed */ }
    },
  };
  return result;
}
