/**
 * Stand-in hosts for the status app: deps with a snapshot the test sets and pushes, a recorded
 * action layer, a manual clock, readiness and store totals the test chooses, and a page renderer
 * that escapes with the page's own escapeHtml(). Plus the app served for real on 127.0.0.1 with
 * port 0, and the schemas every response is checked against.
 */
import assert from "node:assert/strict";
import type { ActionRequest, ActionResult, FleetSnapshot } from "../../src/domain/mod.ts";
import { apiSchemas } from "../../src/domain/mod.ts";
import { serveHttp } from "../../src/platform/mod.ts";
import {
  createStatusApp,
  escapeHtml,
  type Readiness,
  type StatusAppDeps,
  type StatusAppEnv,
  type StoreTotals,
} from "../../src/server/mod.ts";
import type { Hono } from "hono";
import { fixtureSnapshot } from "../dashboard/_fixture.ts";

/** The test's handle on a stand-in host. */
export interface StandIn {
  readonly app: Hono<StatusAppEnv>;
  readonly deps: StatusAppDeps;
  /** What snapshot() answers. */
  snapshot: FleetSnapshot;
  /** Sets the snapshot and tells every listener. */
  push(snapshot: FleetSnapshot): void;
  /** Listeners subscribed now. */
  readonly listeners: Set<(s: FleetSnapshot) => void>;
  /** Requests performed, in order. */
  readonly performed: ActionRequest[];
  /** What perform() answers. */
  result: ActionResult;
  /** The manual clock (epoch ms). */
  now: number;
  ready: Readiness;
  totals: StoreTotals | undefined;
  /** Errors the app reported. */
  readonly errors: unknown[];
  /** Stops event streams. */
  readonly stop: AbortController;
}

/** The stand-in page: every text escaped, as the real page does. */
export function standInPage(snapshot: FleetSnapshot): string {
  const rows = snapshot.tasks.map((q) => `<li>${escapeHtml(q.bead.title)}</li>`).join("");
  const lines = snapshot.activity.map((a) => `<li>${escapeHtml(a.message)}</li>`).join("");
  return `<!DOCTYPE html><html><body><ul id="tasks">${rows}</ul><ul id="activity">${lines}</ul>` +
    `</body></html>`;
}

/** Static files of the stand-in page. */
export const ASSETS = {
  "/assets/app.js": { type: "text/javascript; charset=utf-8", body: "console.log(1);" },
  "/assets/app.css": { type: "text/css; charset=utf-8", body: "body{}" },
} as const;

/**
 * A stand-in host and its app.
 *
 * @param options the token, the first snapshot, the heartbeat
 * @returns the handle
 */
export function standIn(
  options: {
    readonly token?: string;
    readonly snapshot?: FleetSnapshot;
    readonly heartbeatMs?: number;
  } = {},
): StandIn {
  const listeners = new Set<(s: FleetSnapshot) => void>();
  const stop = new AbortController();
  const handle = {
    snapshot: options.snapshot ?? fixtureSnapshot(),
    listeners,
    performed: [] as ActionRequest[],
    result: { ok: true, message: "done" } as ActionResult,
    now: Date.UTC(2026, 10, 25, 12),
    ready: { engine: true, database: true, detail: "" } as Readiness,
    totals: undefined as StoreTotals | undefined,
    errors: [] as unknown[],
    stop,
    push(snapshot: FleetSnapshot) {
      handle.snapshot = snapshot;
      for (const l of listeners) l(snapshot);
    },
  };
  const deps: StatusAppDeps = {
    snapshot: () => Promise.resolve(handle.snapshot),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    perform: (request) => {
      handle.performed.push(request);
      return Promise.resolve(handle.result);
    },
    token: options.token,
    now: () => handle.now,
    ready: () => Promise.resolve(handle.ready),
    totals: () => Promise.resolve(handle.totals),
    renderPage: (snapshot) => standInPage(snapshot),
    assets: ASSETS,
    signal: stop.signal,
    onError: (error) => handle.errors.push(error),
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
  };
  return Object.assign(handle, { app: createStatusApp(deps), deps });
}

/** An app served on 127.0.0.1. */
export interface Served extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
}

/**
 * Serves an app for real on 127.0.0.1 with port 0.
 *
 * @param app the app
 * @param streams the app's stop signal: aborted first on dispose, so event streams end cleanly
 *   before the server stops
 * @returns the server; use with `await using`
 */
export async function serve(app: Hono<StatusAppEnv>, streams: AbortController): Promise<Served> {
  const stop = new AbortController();
  const server = await serveHttp(
    (request, client) => app.fetch(request, { clientAddress: client.address }),
    { hostname: "127.0.0.1", port: 0, signal: stop.signal },
  );
  return {
    url: server.url,
    port: server.port,
    async [Symbol.asyncDispose]() {
      streams.abort();
      await new Promise((resolve) => setTimeout(resolve, 0));
      stop.abort();
      await server.finished;
    },
  };
}

/**
 * The body of a response, checked against a schema of the API.
 *
 * @param response the response
 * @param name which schema
 * @returns the parsed body
 */
export async function validBody(
  response: Response,
  name: keyof Awaited<ReturnType<typeof apiSchemas>>,
): Promise<unknown> {
  assert.match(response.headers.get("Content-Type") ?? "", /^application\/json/);
  const body = await response.json();
  const schema = (await apiSchemas())[name];
  const checked = schema.safeParse(body);
  assert.ok(checked.success, `${name}: ${JSON.stringify(checked.error?.issues.slice(0, 3))}`);
  return body;
}

/**
 * Asserts the headers every response carries.
 *
 * @param response the response
 */
export function assertSecureHeaders(response: Response): void {
  const h = response.headers;
  assert.equal(
    h.get("Content-Security-Policy"),
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
      "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  );
  assert.equal(h.get("X-Content-Type-Options"), "nosniff");
  assert.equal(h.get("Referrer-Policy"), "no-referrer");
}
