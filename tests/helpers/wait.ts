/**
 * Waiting for a condition instead of sleeping: polls until true or fails with a clear message.
 */

/**
 * Polls `condition` until it returns a truthy value.
 *
 * @param condition checked every `intervalMs`
 * @param options timeout and what is being waited for (for the failure message)
 * @returns the first truthy value
 * @throws {Error} when the timeout passes first
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: { readonly timeoutMs?: number; readonly intervalMs?: number; readonly what?: string } =
    {},
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (true) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${options.what ?? "a condition"}${
          last === undefined ? "" : ` (last error: ${String(last)})`
        }`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
