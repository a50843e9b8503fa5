/**
 * Async work over many items a batch at a time. A long-running process (the engine, the dashboard,
 * the status server) reads a hundred status files and logs every second; started all at once,
 * their synchronous parts (parsing, /proc reads) run back to back and hold the event loop for
 * tens of milliseconds, which a request or a key press then waits out. In batches, others get a
 * turn between them.
 */

/** Items per batch when the caller does not say. */
export const DEFAULT_BATCH = 16;

/**
 * Maps items through an async function, `size` at a time, keeping their order.
 *
 * @param items the items
 * @param fn the work for one item
 * @param size how many run at once
 * @returns the results, in the items' order
 */
export async function mapInBatches<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R>,
  size: number = DEFAULT_BATCH,
): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    out.push(...await Promise.all(batch.map((item, i) => fn(item, start + i))));
  }
  return out;
}
