/**
 * The chat backend's rate limit: sliding windows of a minute and an hour over the times requests
 * were sent, kept in a small file in the FORGE home so separate `forge chat` runs share them.
 * Only requests that reach the backend count; the fast path is free.
 */
import { dirname } from "node:path";
import type { Clock, FileSystem } from "../domain/mod.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The two windows' sizes. */
export interface RateLimits {
  readonly perMinute: number;
  readonly perHour: number;
}

/** Whether one more request may go now, and if not, when it may. */
export type RateDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryInMs: number; readonly message: string };

/**
 * Decides whether a request may be sent.
 *
 * @param sent when earlier requests were sent (ms since the epoch, any order)
 * @param now the time now
 * @param limits the two windows
 * @returns ok, or how long to wait and one sentence saying so
 */
export function decideRate(
  sent: readonly number[],
  now: number,
  limits: RateLimits,
): RateDecision {
  const recent = sent.filter((t) => t > now - HOUR && t <= now).sort((a, b) => a - b);
  const lastMinute = recent.filter((t) => t > now - MINUTE);
  const wait = (window: number, times: readonly number[], max: number) =>
    (times[times.length - max] ?? now) + window - now;
  if (lastMinute.length >= limits.perMinute) {
    const retryInMs = wait(MINUTE, lastMinute, limits.perMinute);
    return refuse(retryInMs, `${limits.perMinute} requests a minute`);
  }
  if (recent.length >= limits.perHour) {
    const retryInMs = wait(HOUR, recent, limits.perHour);
    return refuse(retryInMs, `${limits.perHour} requests an hour`);
  }
  return { ok: true };
}

function refuse(retryInMs: number, limit: string): RateDecision {
  const seconds = Math.max(1, Math.ceil(retryInMs / 1000));
  const when = seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
  return {
    ok: false,
    retryInMs,
    message: `Not sent to the chat backend: at most ${limit} (chat.rate_limit); try again in ` +
      `${when}, or use a fast-path command (help lists them)`,
  };
}

/** The rate file: when requests were sent during the last hour. */
export interface RateLog {
  /**
   * Takes a slot when the limits allow one, recording it.
   *
   * @returns ok, or the refusal
   */
  take(limits: RateLimits): Promise<RateDecision>;
}

/**
 * Opens the rate file (created on first use). A damaged file counts as empty: the limit protects
 * the user's money, and a broken file must not lock chat out.
 *
 * @param deps file system, clock and the file's path
 * @returns the rate log
 */
export function openRateLog(
  deps: { readonly fs: FileSystem; readonly clock: Clock; readonly path: string },
): RateLog {
  const read = async (): Promise<number[]> => {
    try {
      const value: unknown = JSON.parse(await deps.fs.readTextFile(deps.path));
      const sent = (value as { sent?: unknown } | null)?.sent;
      return Array.isArray(sent) ? sent.filter((t): t is number => typeof t === "number") : [];
    } catch {
      return [];
    }
  };
  return {
    async take(limits) {
      const now = deps.clock.now();
      const sent = (await read()).filter((t) => t > now - HOUR);
      const decision = decideRate(sent, now, limits);
      if (decision.ok) {
        await deps.fs.mkdirp(dirname(deps.path));
        await deps.fs.writeFileAtomic(
          deps.path,
          JSON.stringify({ sent: [...sent, now].slice(-limits.perHour) }) + "\n",
          { mode: 0o600 },
        );
      }
      return decision;
    },
  };
}
