/**
 * How long to wait before asking an HTTP chat API again: exponential backoff with jitter, or
 * what the API itself asks for in `Retry-After`.
 */

const FIRST_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;
const MAX_RETRY_AFTER_MS = 60_000;
const JITTER = 0.25;

/**
 * The backoff before a retry: 500 ms, doubled per retry, capped at 30 s, ±25 % jitter.
 *
 * @param retry 1 for the first retry, 2 for the second, …
 * @param random a number in [0, 1) (0.5 means no jitter)
 * @returns milliseconds
 */
export function backoffMs(retry: number, random: number): number {
  const base = Math.min(MAX_BACKOFF_MS, FIRST_DELAY_MS * 2 ** Math.max(0, retry - 1));
  return Math.round(base * (1 - JITTER + 2 * JITTER * random));
}

/**
 * Reads `Retry-After` (seconds, or an HTTP date) or OpenAI's `retry-after-ms`, capped at 60 s.
 *
 * @param headers the response's headers
 * @param now the time now (ms since the epoch), for dates
 * @returns milliseconds, or undefined when the response does not say
 */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim() ?? "";
  const value = headers.get("retry-after")?.trim() ?? "";
  let wait: number | undefined;
  if (/^\d+(\.\d+)?$/.test(ms)) wait = Number(ms);
  else if (/^\d+(\.\d+)?$/.test(value)) wait = Number(value) * 1000;
  else if (value !== "" && !Number.isNaN(Date.parse(value))) {
    wait = Math.max(0, Date.parse(value) - now);
  }
  return wait === undefined ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.round(wait));
}
