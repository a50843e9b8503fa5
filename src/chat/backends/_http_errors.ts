/**
 * The words of an HTTP chat API's failures: each says what failed, why (quoting the API where it
 * explains itself) and what to change, in one sentence. Keys are never quoted: a refused key is
 * named by its reference (`${env:OPENAI_API_KEY}`), and quoted text is redacted.
 */
import { errorMessage } from "../../domain/mod.ts";
import { ChatBackendError } from "../chat_types.ts";
import { quote } from "./read_reply.ts";
import { formatSeconds } from "./_seconds.ts";

/** Who is being asked, for messages. */
export interface ApiTarget {
  /** The full URL the request goes to. */
  readonly url: string;
  /** `chat.api_key` as configured (a reference), or undefined. */
  readonly keyRef: string | undefined;
  /** A reference to suggest when no key is set, e.g. `${env:OPENAI_API_KEY}`. */
  readonly keyExample: string;
  /** What a base URL looks like for this API, for "not JSON" and 404 hints. */
  readonly urlExample: string;
}

/** Statuses worth asking again for: rate limit, server errors, Anthropic's "overloaded". */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504, 529]);

function where(target: ApiTarget): string {
  return `the chat API at ${new URL(target.url).host}`;
}

function tries(attempts: number): string {
  return attempts === 1 ? "" : ` on all ${attempts} attempts`;
}

/**
 * Finds the API's own explanation in an error body: OpenAI's and Anthropic's
 * `{error: {type, message}}`, Ollama's `{error: "…"}`, vLLM's `{message}`, or the raw text.
 *
 * @param body the response text
 * @returns the explanation, or undefined for an empty body
 */
export function apiErrorText(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.trim() === "" ? undefined : body;
  }
  const o = (parsed ?? {}) as Record<string, unknown>;
  const error = o["error"];
  if (typeof error === "string") return error;
  const e = (error !== null && typeof error === "object" ? error : o) as Record<string, unknown>;
  const message = typeof e["message"] === "string" ? e["message"] : undefined;
  const type = typeof e["type"] === "string" && e["type"] !== "error" ? e["type"] : undefined;
  if (message === undefined) return body.trim() === "" ? undefined : body;
  return type === undefined ? message : `${type}: ${message}`;
}

/**
 * The error for a final non-2xx status.
 *
 * @param status the HTTP status
 * @param body the response text
 * @param options who was asked and how many attempts were made
 * @returns the error (transient for 429 and 5xx)
 */
export function statusError(
  status: number,
  body: string,
  options: { readonly target: ApiTarget; readonly attempts: number },
): ChatBackendError {
  const { target, attempts } = options;
  const said = apiErrorText(body);
  const saidQuoted = said === undefined ? "" : `: "${quote(said, 200)}"`;
  const api = where(target);
  if (status === 401 || status === 403) {
    return new ChatBackendError(
      target.keyRef === undefined
        ? `${api} requires a key (${status}): set chat.api_key to a reference such as ${target.keyExample}`
        : `${api} refused the key (${status}): check chat.api_key (${target.keyRef})`,
      { transient: false },
    );
  }
  const [what, todo, transient] = status === 429
    ? ["answered 429 (rate limit)", "wait a minute and try again", true]
    : status >= 500
    ? [`failed with ${status}`, "try again later", true]
    : status === 400
    ? ["rejected the request (400)", "check chat.model and chat.max_tokens", false]
    : status === 404
    ? [`answered 404 for ${new URL(target.url).pathname}`, "check chat.url and chat.model", false]
    : [`answered ${status}`, `check chat.url (e.g. ${target.urlExample})`, false];
  return new ChatBackendError(`${api} ${what}${tries(attempts)}${saidQuoted}; ${todo}`, {
    transient,
  });
}

/**
 * The error for an API that could not be reached (or dropped the connection).
 *
 * @param error what fetch threw
 * @param options who was asked and how many attempts were made
 * @returns a transient error
 */
export function connectionError(
  error: unknown,
  options: { readonly target: ApiTarget; readonly attempts: number },
): ChatBackendError {
  const detail = `${errorMessage(error)} ${
    error instanceof Error && error.cause !== undefined ? errorMessage(error.cause) : ""
  }`;
  const why = /refused/i.test(detail)
    ? "connection refused"
    : /dns|lookup|resolve|not known/i.test(detail)
    ? "the host name could not be resolved"
    : /closed|reset|body|incomplete|broken/i.test(detail)
    ? "the connection was closed before the reply was complete"
    : quote(detail, 120);
  return new ChatBackendError(
    `${where(options.target)} could not be reached (${why})${
      tries(options.attempts)
    }; check chat.url and that the server is running`,
    { transient: true, cause: error },
  );
}

/**
 * The error for an attempt that passed `chat.timeout_seconds`.
 *
 * @param target who was asked
 * @param seconds the timeout
 * @returns a transient error
 */
export function timeoutError(target: ApiTarget, seconds: number): ChatBackendError {
  return new ChatBackendError(
    `${where(target)} gave no answer within ${formatSeconds(seconds)}; try again, ` +
      "or raise chat.timeout_seconds (a local model may need longer)",
    { transient: true },
  );
}

/**
 * The error for a 2xx body that is not JSON or not the API's reply shape.
 *
 * @param target who was asked
 * @param body the response text
 * @returns a non-transient error
 */
export function notJsonError(target: ApiTarget, body: string): ChatBackendError {
  return new ChatBackendError(
    `${where(target)} answered, but not with JSON ("${quote(body)}"); check that chat.url is ` +
      `the API's base URL (e.g. ${target.urlExample})`,
    { transient: false },
  );
}

/**
 * The error for a reply larger than FORGE reads.
 *
 * @param target who was asked
 * @param maxBytes the cap
 * @returns a non-transient error
 */
export function tooLargeError(target: ApiTarget, maxBytes: number): ChatBackendError {
  return new ChatBackendError(
    `${where(target)} sent a reply larger than ${maxBytes / (1024 * 1024)} MiB, which FORGE does ` +
      `not read; check that chat.url is the API's base URL (e.g. ${target.urlExample})`,
    { transient: false },
  );
}

/**
 * The error for a JSON reply that is not the API's reply shape (or an error sent with 200).
 *
 * @param target who was asked
 * @param json the parsed body
 * @param expected what was expected, e.g. `choices[0].message`
 * @returns a non-transient error
 */
export function shapeError(target: ApiTarget, json: unknown, expected: string): ChatBackendError {
  const text = JSON.stringify(json) ?? "";
  const said = json !== null && typeof json === "object" && "error" in json
    ? apiErrorText(text)
    : undefined;
  return new ChatBackendError(
    said === undefined
      ? `${where(target)} answered without ${expected} ("${quote(text)}"); check that chat.url ` +
        `and chat.backend match the API (e.g. ${target.urlExample})`
      : `${where(target)} answered with an error: "${quote(said, 200)}"; check chat.model`,
    { transient: false },
  );
}
