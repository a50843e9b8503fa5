/**
 * Response helpers of the status app: JSON bodies that went through FORGE's redaction (as
 * `--json` output does: the text is redacted after it is serialised), JSON errors, and the
 * security headers every response carries.
 */
import { redact } from "../domain/mod.ts";

/** The page may load its own script, style and images, and nothing else from anywhere. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; " +
  "form-action 'self'";

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * Sets the headers every response carries; `Cache-Control: no-store` unless the response chose
 * its own (static assets do).
 *
 * @param headers the response's headers (changed in place)
 */
export function secureHeaders(headers: Headers): void {
  headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Cross-Origin-Resource-Policy", "same-origin");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
}

/**
 * A JSON response of text already serialised and redacted.
 *
 * @param text the JSON text
 * @param init status and extra headers
 * @returns the response
 */
export function jsonText(
  text: string,
  init: { readonly status?: number; readonly headers?: Record<string, string> } = {},
): Response {
  return new Response(text, {
    status: init.status ?? 200,
    headers: { "Content-Type": JSON_TYPE, ...init.headers },
  });
}

/**
 * A JSON response, redacted.
 *
 * @param value the body
 * @param init status and extra headers
 * @returns the response
 */
export function json(
  value: unknown,
  init: { readonly status?: number; readonly headers?: Record<string, string> } = {},
): Response {
  return jsonText(redact(JSON.stringify(value)), init);
}

/** Extra fields of an error body. */
export interface ErrorDetails {
  readonly field?: string;
  readonly line?: number;
  readonly column?: number;
  readonly retry_after_seconds?: number;
}

/** The error code of each status, as the CLI's `--json` errors name theirs. */
const ERROR_CODES: Readonly<Record<number, string>> = {
  400: "USAGE",
  401: "UNAUTHORIZED",
  403: "READ_ONLY",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "ACTION_FAILED",
  429: "RATE_LIMITED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

/**
 * A JSON error in the CLI's `--json` shape: `{"error": {"code", "message", …details}}`.
 *
 * @param status the HTTP status
 * @param message one sentence
 * @param options details and extra headers
 * @returns the response
 */
export function jsonError(
  status: number,
  message: string,
  options: { readonly details?: ErrorDetails; readonly headers?: Record<string, string> } = {},
): Response {
  const code = ERROR_CODES[status] ?? (status >= 500 ? "INTERNAL" : "USAGE");
  return json({ error: { code, message, ...options.details } }, {
    status,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
}
