/**
 * A clock for tests that stands still until the test moves it.
 */
import type { Clock } from "../../src/domain/mod.ts";

/** Time is `at`; sleeping returns at once. */
export class ManualClock implements Clock {
  /** Milliseconds since the epoch; set it to move time. */
  at: number;

  /** @param at the starting time (now by default) */
  constructor(at = Date.now()) {
    this.at = at;
  }

  now(): number {
    return this.at;
  }

  sleep(): Promise<void> {
    return Promise.resolve();
  }
}
