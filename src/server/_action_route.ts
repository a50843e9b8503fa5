/**
 * `POST /api/actions/<kind>`: the token first (none configured: read-only; wrong or missing:
 * 401, throttled per address after too many), then the body, then the host's action layer. The
 * action's own sentence is the answer: 200 when it worked, 422 when it could not be done.
 */
import type { Context } from "hono";
import { ACTION_KINDS, type ActionKind, parseActionBody } from "./_action_body.ts";
import type { BearerGuard } from "./_bearer_guard.ts";
import { json, jsonError } from "./_http.ts";
import type { StatusAppDeps } from "./status_app_deps.ts";

/** What the HTTP server passes with each request (absent under `app.request()` in tests). */
export interface StatusAppBindings {
  /** The client's IP address, for throttling wrong tokens. */
  readonly clientAddress?: string;
}

/** The app's environment type. */
export type StatusAppEnv = { Bindings: StatusAppBindings };

/**
 * Whether a path segment names an action.
 *
 * @param kind the segment
 * @returns true for spawn, kill, pause, resume, assign and ack
 */
export function isActionKind(kind: string): kind is ActionKind {
  return (ACTION_KINDS as readonly string[]).includes(kind);
}

/**
 * Answers one action request.
 *
 * @param c the request's context
 * @param route the action, the host's perform() and the token guard
 * @returns the response
 */
export async function actionRoute(
  c: Context<StatusAppEnv>,
  route: {
    readonly kind: ActionKind;
    readonly perform: StatusAppDeps["perform"];
    readonly guard: BearerGuard;
  },
): Promise<Response> {
  // Undefined under app.request(), which passes no environment.
  const address = (c.env as StatusAppBindings | undefined)?.clientAddress ?? "unknown";
  const verdict = route.guard.check(c.req.header("Authorization") ?? null, address);
  switch (verdict.kind) {
    case "read-only":
      return jsonError(403, "read-only: start forge serve with --token");
    case "throttled":
      return jsonError(429, "too many wrong tokens from this address: try again later", {
        details: { retry_after_seconds: verdict.retryAfterSeconds },
        headers: { "Retry-After": String(verdict.retryAfterSeconds) },
      });
    case "unauthorized":
      return jsonError(
        401,
        verdict.reason === "missing"
          ? "send the token as Authorization: Bearer <token>"
          : "the token is wrong",
        { headers: { "WWW-Authenticate": 'Bearer realm="forge"' } },
      );
    case "allowed":
      break;
    default: {
      const unreachable: never = verdict;
      return unreachable;
    }
  }
  const body = await parseActionBody(route.kind, c.req.raw);
  if (!body.ok) {
    return jsonError(body.status, body.message, {
      ...(body.details === undefined ? {} : { details: body.details }),
    });
  }
  const result = await route.perform(body.request);
  return json({ ok: result.ok, message: result.message }, { status: result.ok ? 200 : 422 });
}
