/**
 * The status app: FORGE's HTTP face as a hono app that never touches files, processes or
 * SQLite. It serves the page, its assets, the JSON API, live events, health and Prometheus
 * metrics from the snapshot its host keeps, and performs actions through the host's action
 * layer, only for requests bearing the token. Every response carries the security headers;
 * every body went through FORGE's redaction.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { FleetSnapshot } from "../domain/mod.ts";
import { redact, statusJson } from "../domain/mod.ts";
import { actionRoute, isActionKind, type StatusAppEnv } from "./_action_route.ts";
import { alertsView, costsView, tasksView, workersView } from "./_api_views.ts";
import { BearerGuard } from "./_bearer_guard.ts";
import { EventHub, type HubStats } from "./_event_hub.ts";
import { json, jsonError, jsonText, secureHeaders } from "./_http.ts";
import { METRICS_TYPE, metricsText } from "./_metrics_text.ts";
import { safeSnapshot } from "./_safe_snapshot.ts";
import type { StatusAppDeps } from "./status_app_deps.ts";

export type { StatusAppBindings, StatusAppEnv } from "./_action_route.ts";

/** The state of the app's event streams, for tests and benchmarks. */
export type StatusAppStats = HubStats;

type App = Hono<StatusAppEnv>;

const HEARTBEAT_MS = 15_000;
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const READ_PATHS = [
  "/",
  "/api/status",
  "/api/workers",
  "/api/tasks",
  "/api/costs",
  "/api/alerts",
  "/events",
  "/healthz",
  "/readyz",
  "/metrics",
  "/assets/*",
];
const hubs = new WeakMap<object, EventHub>();

/** The status summary of a snapshot, serialised and redacted once, and its change key. */
interface Summary {
  readonly status: string;
  readonly key: string;
}

/**
 * Creates the status app.
 *
 * @param deps the snapshot and its changes, the action layer, the token, the clock, readiness,
 *   the store's totals, the page renderer and its assets
 * @returns the app; serve its `fetch` with `{ clientAddress }` as the environment
 */
export function createStatusApp(deps: StatusAppDeps): Hono<StatusAppEnv> {
  const app: App = new Hono<StatusAppEnv>();
  const summary = summaries();
  const hub = new EventHub({
    subscribe: (listener) => deps.subscribe(listener),
    latest: () => deps.snapshot(),
    summarize: (s) => ({ key: summary(s).key, data: summary(s).status }),
    firstId: deps.now(),
    heartbeatMs: deps.heartbeatMs ?? HEARTBEAT_MS,
  });
  hubs.set(app, hub);
  deps.signal?.addEventListener("abort", () => hub.close(), { once: true });
  app.use("*", async (c, next) => {
    await next();
    secureHeaders(c.res.headers);
  });
  addPage(app, deps);
  app.get("/api/status", async () => jsonText(summary(await deps.snapshot()).status));
  app.get("/api/workers", async (c) => workersView(await deps.snapshot(), query(c)));
  app.get("/api/tasks", async (c) => tasksView(await deps.snapshot(), query(c)));
  app.get("/api/costs", async () => costsView(await deps.snapshot()));
  app.get("/api/alerts", async (c) => alertsView(await deps.snapshot(), query(c)));
  app.get("/events", async (c) => {
    const headers = {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Accel-Buffering": "no",
    };
    if (c.req.method === "HEAD") return new Response(null, { headers });
    return new Response(await hub.open(), { headers });
  });
  addProbes(app, deps);
  const guard = new BearerGuard(deps.token, () => deps.now());
  app.post("/api/actions/:kind", async (c) => {
    const kind = c.req.param("kind");
    if (!isActionKind(kind)) return notFound();
    return await actionRoute(c, { kind, perform: deps.perform, guard });
  });
  addFallbacks(app, deps);
  return app;
}

/**
 * The state of an app's event streams: clients connected, messages waiting (at most one per
 * client), sent and replaced.
 *
 * @param app an app made by createStatusApp()
 * @returns its stats, or undefined for another app
 */
export function statusAppStats(app: object): StatusAppStats | undefined {
  return hubs.get(app)?.stats();
}

/** Summaries by snapshot: a snapshot is served many times between two gathers. */
function summaries(): (s: FleetSnapshot) => Summary {
  const known = new WeakMap<FleetSnapshot, Summary>();
  return (s) => {
    let found = known.get(s);
    if (found === undefined) {
      const status = redact(JSON.stringify(statusJson(s)));
      // Clients hear of a change in what they show, not of the clock moving.
      const key = `${status.replace(/"generated_at":"[^"]*"/, "")}\n${workersKey(s)}`;
      known.set(s, found = { status, key });
    }
    return found;
  };
}

/** `/` and `/assets/*`. */
function addPage(app: App, deps: StatusAppDeps): void {
  const safe = new WeakMap<FleetSnapshot, FleetSnapshot>();
  app.get("/", async () => {
    const s = await deps.snapshot();
    let shown = safe.get(s);
    if (shown === undefined) safe.set(s, shown = safeSnapshot(s));
    const html = deps.renderPage(shown, { readOnly: deps.token === undefined, now: deps.now() });
    return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
  });
  app.get("/assets/*", (c) => {
    // The path as sent (still percent-encoded): a name with anything but plain characters is
    // no asset, so no decoding trick can reach past the known files.
    const path = new URL(c.req.url).pathname;
    const name = path.slice("/assets/".length);
    const known = ASSET_NAME.test(name) && !name.includes("..") &&
      Object.hasOwn(deps.assets, path);
    const asset = known ? deps.assets[path] : undefined;
    if (asset === undefined) return jsonError(404, "no such asset");
    return new Response(asset.body, {
      headers: { "Content-Type": asset.type, "Cache-Control": "no-cache" },
    });
  });
}

/** `/healthz`, `/readyz` and `/metrics`. */
function addProbes(app: App, deps: StatusAppDeps): void {
  app.get("/healthz", () => new Response("ok\n", { headers: { "Content-Type": "text/plain" } }));
  app.get("/readyz", async () => {
    const r = await deps.ready().catch((error: unknown) => ({
      engine: false,
      database: false,
      detail: `cannot tell: ${error instanceof Error ? error.message : String(error)}`,
    }));
    const ready = r.engine && r.database;
    return json({ ready, engine: r.engine, database: r.database, detail: r.detail }, {
      status: ready ? 200 : 503,
    });
  });
  app.get("/metrics", async () => {
    const [s, totals] = await Promise.all([
      deps.snapshot(),
      deps.totals().catch(() => undefined),
    ]);
    return new Response(metricsText(s, totals), { headers: { "Content-Type": METRICS_TYPE } });
  });
}

/** Wrong methods on known paths (405 with Allow), unknown paths (404), failures (500). */
function addFallbacks(app: App, deps: StatusAppDeps): void {
  for (const path of READ_PATHS) app.all(path, (c) => notAllowed(c, "GET, HEAD"));
  app.all(
    "/api/actions/:kind",
    (c) => isActionKind(c.req.param("kind")) ? notAllowed(c, "POST") : notFound(),
  );
  app.notFound(() => notFound());
  app.onError((error) => {
    deps.onError?.(error);
    return jsonError(500, "internal error");
  });
}

function query(c: Context<StatusAppEnv>): URLSearchParams {
  return new URL(c.req.url).searchParams;
}

function notFound(): Response {
  return jsonError(404, "no such route");
}

function notAllowed(c: Context<StatusAppEnv>, allow: string): Response {
  return jsonError(405, `method ${c.req.method} is not allowed here (allowed: ${allow})`, {
    headers: { Allow: allow },
  });
}

/** What makes a worker's change worth an event (uptime alone is not). */
function workersKey(s: FleetSnapshot): string {
  return JSON.stringify(s.workers.map(({ view: w }) => [
    w.id,
    w.status.state,
    w.health,
    w.healthReason,
    w.liveness,
    w.status.currentTask,
    w.status.model,
    w.status.tasksCompleted,
    w.status.lastActivity,
  ]));
}
