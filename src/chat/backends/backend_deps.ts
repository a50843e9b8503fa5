/**
 * What a chat backend needs from the outside world, passed in so tests can use real child
 * processes and loopback servers while time, randomness and waiting stay under their control.
 */
import type { Clock, Processes, Random, SecretLookup } from "../../domain/mod.ts";

/** The ports a chat backend uses. */
export interface BackendDeps {
  /** Runs the backend command (`backend: command`). */
  readonly processes: Processes;
  /** Sends HTTP requests (`backend: openai | anthropic`). */
  readonly fetch: typeof fetch;
  /** Resolves `${env:…}` / `${keychain:…}` in `chat.api_key` and `chat.env`. */
  readonly secrets: SecretLookup;
  /** Reads the time, for `Retry-After` dates. */
  readonly clock: Clock;
  /** Jitters retry delays. */
  readonly random: Random;
  /** Waits between retries; rejects when the signal aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Working directory of the backend command (default: FORGE's). */
  readonly cwd?: string;
}
