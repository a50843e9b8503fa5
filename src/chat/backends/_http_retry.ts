/**
 * One JSON POST to a chat API, with a time limit per attempt and retries where asking again can
 * help: 429, 5xx and lost connections, backing off exponentially or as `Retry-After` says.
 * A timed-out attempt is not retried: a model that hung once would make the user wait again.
 */
import { readCapped } from "../../domain/mod.ts";
import type { BackendDeps } from "./backend_deps.ts";
import {
  type ApiTarget,
  connectionError,
  notJsonError,
  RETRY_STATUSES,
  statusError,
  timeoutError,
  tooLargeError,
} from "./_http_errors.ts";
import { backoffMs, retryAfterMs } from "./_retry_delay.ts";

/** One request to send. */
export interface PostJson {
  readonly target: ApiTarget;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly timeoutSeconds: number;
  readonly maxRetries: number;
  readonly signal?: AbortSignal | undefined;
}

type Attempt =
  | { readonly kind: "ok"; readonly json: unknown }
  | {
    readonly kind: "status";
    readonly status: number;
    readonly text: string;
    readonly headers: Headers;
  }
  | { readonly kind: "connection"; readonly error: unknown };

/**
 * Posts JSON and returns the parsed JSON reply of the first 2xx answer.
 *
 * @param request what to send, where, and how patiently
 * @param deps fetch, sleep, random (jitter) and clock (`Retry-After` dates)
 * @returns the parsed body
 * @throws {ChatBackendError} for a final failure (transient for 429, 5xx, timeouts and lost
 *   connections); the signal's reason when the caller aborts
 */
export async function postJson(
  request: PostJson,
  deps: Pick<BackendDeps, "fetch" | "sleep" | "random" | "clock">,
): Promise<unknown> {
  const body = JSON.stringify(request.body);
  for (let attempt = 1;; attempt++) {
    const outcome = await attemptOnce(request, body, deps.fetch);
    if (outcome.kind === "ok") return outcome.json;
    const mayRetry = attempt <= request.maxRetries;
    let delay: number;
    if (outcome.kind === "status") {
      if (!mayRetry || !RETRY_STATUSES.has(outcome.status)) {
        throw statusError(outcome.status, outcome.text, {
          target: request.target,
          attempts: attempt,
        });
      }
      delay = retryAfterMs(outcome.headers, deps.clock.now()) ??
        backoffMs(attempt, deps.random.next());
    } else {
      if (!mayRetry) {
        throw connectionError(outcome.error, { target: request.target, attempts: attempt });
      }
      delay = backoffMs(attempt, deps.random.next());
    }
    await deps.sleep(delay, request.signal);
  }
}

async function attemptOnce(
  request: PostJson,
  body: string,
  fetcher: typeof fetch,
): Promise<Attempt> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), request.timeoutSeconds * 1000);
  const signal = request.signal === undefined
    ? timeout.signal
    : AbortSignal.any([request.signal, timeout.signal]);
  let response: Response;
  let text: string | undefined;
  try {
    response = await fetcher(request.target.url, {
      method: "POST",
      headers: request.headers,
      body,
      signal,
    });
    const bytes = await readCapped(response.body, MAX_REPLY_BYTES);
    text = bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.signal.aborted) throw timeoutError(request.target, request.timeoutSeconds);
    return { kind: "connection", error };
  } finally {
    clearTimeout(timer);
  }
  if (text === undefined) throw tooLargeError(request.target, MAX_REPLY_BYTES);
  if (response.status < 200 || response.status > 299) {
    return { kind: "status", status: response.status, text, headers: response.headers };
  }
  try {
    return { kind: "ok", json: JSON.parse(text) };
  } catch {
    throw notJsonError(request.target, text);
  }
}

/** Most bytes of a reply FORGE reads: a tool-calling reply is a few KiB. */
export const MAX_REPLY_BYTES = 4 * 1024 * 1024;
