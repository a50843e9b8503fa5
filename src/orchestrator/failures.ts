/**
 * Restart backoff and the circuit breaker (design.md 0009): after a failure the next attempt waits
 * base × 2ⁿ (capped, ±25 % jitter); after `maxFailures` failures within the window the breaker
 * opens and FORGE stops retrying until someone resets it.
 */
import type { EngineSettings, FailureRecord } from "./engine_types.ts";

/**
 * Records one failure.
 *
 * @param previous the record so far (undefined for the first failure)
 * @param options now, a random number in [0,1) for jitter, and the restart policy
 * @returns the new record
 */
export function recordFailure(
  previous: FailureRecord | undefined,
  options: {
    readonly now: number;
    readonly random: number;
    readonly policy: EngineSettings["restart"];
  },
): FailureRecord {
  const { now, random, policy } = options;
  const times = [...(previous?.times ?? []).filter((t) => now - t < policy.windowMs), now];
  const delay = Math.min(policy.baseMs * 2 ** (times.length - 1), policy.maxMs);
  const jittered = Math.round(delay * (0.75 + random * 0.5));
  return { times, nextAttemptAt: now + jittered, open: times.length >= policy.maxFailures };
}

/**
 * True when a record allows an attempt now.
 *
 * @param record the failures, if any
 * @param now the current time
 * @returns whether to try
 */
export function mayAttempt(record: FailureRecord | undefined, now: number): boolean {
  return record === undefined || (!record.open && record.nextAttemptAt <= now);
}
