/**
 * Who may act: requests with `Authorization: Bearer <token>` matching the configured token,
 * compared in constant time (over SHA-256 digests, so lengths never differ), and no more than a
 * few wrong guesses per client address a minute.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** Wrong tokens allowed per address in a window. */
export const MAX_FAILURES = 5;
/** The window (ms). */
export const FAILURE_WINDOW_MS = 60_000;
/** Addresses remembered at most (the oldest are forgotten first). */
const MAX_ADDRESSES = 10_000;

/** The verdict on one request. */
export type Verdict =
  | { readonly kind: "allowed" }
  | { readonly kind: "read-only" }
  | { readonly kind: "throttled"; readonly retryAfterSeconds: number }
  | { readonly kind: "unauthorized"; readonly reason: "missing" | "wrong" };

/** Checks bearer tokens and throttles failures. */
export class BearerGuard {
  readonly #digest: Uint8Array | undefined;
  readonly #now: () => number;
  readonly #failures = new Map<string, number[]>();

  /**
   * @param token the configured token; undefined allows nothing
   * @param now the clock (epoch ms)
   */
  constructor(token: string | undefined, now: () => number) {
    this.#digest = token === undefined ? undefined : digest(token);
    this.#now = now;
  }

  /**
   * Judges a request.
   *
   * @param authorization the Authorization header, if any
   * @param address the client's address
   * @returns allowed, read-only (no token configured), throttled or unauthorized
   */
  check(authorization: string | null, address: string): Verdict {
    if (this.#digest === undefined) return { kind: "read-only" };
    const now = this.#now();
    const recent = (this.#failures.get(address) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
    if (recent.length >= MAX_FAILURES) {
      const oldest = recent[0] as number;
      return {
        kind: "throttled",
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + FAILURE_WINDOW_MS - now) / 1000)),
      };
    }
    const given = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "")?.[1];
    if (given !== undefined && timingSafeEqual(digest(given), this.#digest)) {
      return { kind: "allowed" };
    }
    this.#fail(address, [...recent, now]);
    return { kind: "unauthorized", reason: given === undefined ? "missing" : "wrong" };
  }

  #fail(address: string, times: number[]): void {
    this.#failures.delete(address);
    this.#failures.set(address, times);
    if (this.#failures.size > MAX_ADDRESSES) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }
}

function digest(text: string): Uint8Array {
  return createHash("sha256").update(text, "utf8").digest();
}
