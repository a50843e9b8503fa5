/**
 * The status server in this process: `forge serve` alone (observing), or beside the engine of
 * `forge run`, `forge`/`forge dashboard` and `forge demo` with `--serve`. It keeps the latest
 * fleet snapshot (a full gather every second, and at once for the workers whose status files
 * changed, as the dashboard does), tells the app's event streams of each new one, and serves the
 * app on Deno.serve until stopped.
 */
import type { Hono } from "hono";
import { type ActionContext, createSnapshotSource, performAction } from "../../actions/mod.ts";
import type { ActivityLine, FleetRole, FleetSnapshot } from "../../domain/mod.ts";
import { errorMessage, ForgeError, redactor } from "../../domain/mod.ts";
import type { EngineState } from "../../orchestrator/mod.ts";
import { serveHttp } from "../../platform/mod.ts";
import { watchStatusChanges } from "./_status_watch.ts";
import {
  createStatusApp,
  PAGE_ASSETS,
  type Readiness,
  renderStatusPage,
  type StatusAppDeps,
  type StatusAppEnv,
} from "../../server/mod.ts";
import { Store } from "../../store/mod.ts";
import { VERSION } from "../version.ts";
import type { ServeAddress } from "./_serve_address.ts";
import { cachedStoreTotals } from "./_serve_totals.ts";

/** How to run the server. */
export interface ServeSessionOptions {
  readonly address: ServeAddress;
  readonly token: string | undefined;
  readonly role: FleetRole;
  readonly workspaces: readonly string[];
  /** The engine's latest state, when this process runs it. */
  readonly engine?: () => EngineState | undefined;
  readonly engineLines?: () => readonly ActivityLine[];
  readonly orchestratorPid?: number;
  /** Between full gathers (default 1 s). */
  readonly refreshMs?: number;
  /** Between heartbeats on event streams (default 15 s). */
  readonly heartbeatMs?: number;
  /** Told of a request the app answered with 500. */
  readonly onError?: (error: unknown) => void;
  /** How to ask for any free port, for the message when the port is taken (`--port 0`). */
  readonly anyPort?: string;
}

/** A running status server. */
export interface ServeSession {
  readonly url: string;
  readonly port: number;
  readonly readOnly: boolean;
  /** The app (tests read its event-stream stats). */
  readonly app: Hono<StatusAppEnv>;
  /** Stops serving, ends every event stream and lets go of what the session holds. */
  stop(): Promise<void>;
}

const DATABASE_TIMEOUT_MS = 250;
/** How long stop() waits for connections that will not finish (a client that stopped reading). */
const STOP_WAIT_MS = 3_000;

/**
 * Starts the status server.
 *
 * @param actions the action context of the home served
 * @param options address, token, role, workspaces and the engine's state
 * @returns the running session, once it listens
 * @throws {ForgeError} CONFLICT when the port is in use (with what to do), IO for other
 *   addresses that cannot be used
 */
export async function startServeSession(
  actions: ActionContext,
  options: ServeSessionOptions,
): Promise<ServeSession> {
  if (options.token !== undefined) redactor.add(options.token);
  const source = createSnapshotSource(actions, {
    role: options.role,
    workspaces: options.workspaces,
    version: VERSION,
    ...(options.engine === undefined ? {} : { engine: options.engine }),
    ...(options.engineLines === undefined ? {} : { engineLines: options.engineLines }),
    ...(options.orchestratorPid === undefined ? {} : { orchestratorPid: options.orchestratorPid }),
  });
  let latest: FleetSnapshot = await source.gather();
  const listeners = new Set<(s: FleetSnapshot) => void>();
  // Event streams end first, then the server: a stream still open when Deno.serve shuts down is
  // cut off instead of ended.
  const stop = new AbortController();
  const serverStop = new AbortController();
  const refresh = async (changed?: readonly string[]) => {
    if (stop.signal.aborted) return;
    const next = await source.gather(changed);
    if (next === latest || stop.signal.aborted) return;
    latest = next;
    for (const listener of listeners) listener(next);
  };
  const timer = setInterval(() => void refresh().catch(() => {}), options.refreshMs ?? 1_000);
  const watcher = watchStatusChanges(actions.layout, {
    onChange: (changed) => refresh(changed).catch(() => {}),
    signal: stop.signal,
  });
  const deps: StatusAppDeps = {
    snapshot: () => Promise.resolve(latest),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    perform: (request) =>
      performAction(actions, request, { interface: "http", workspaces: options.workspaces }),
    token: options.token,
    now: () => actions.clock.now(),
    ready: () => readiness(actions, latest),
    totals: cachedStoreTotals(actions),
    renderPage: (snapshot, page) => renderStatusPage(snapshot, page),
    assets: PAGE_ASSETS,
    signal: stop.signal,
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  };
  const app = createStatusApp(deps);
  const halt = () => {
    stop.abort();
    clearInterval(timer);
    watcher.close();
    source.close();
  };
  let server;
  try {
    server = await serveHttp(
      (request, client) =>
        app.fetch(request, {
          get clientAddress() {
            return client.address;
          },
        }),
      { hostname: options.address.host, port: options.address.port, signal: serverStop.signal },
    );
  } catch (error) {
    halt();
    serverStop.abort();
    throw portHint(error, options);
  }
  const finished = server.finished;
  return {
    url: server.url,
    port: server.port,
    readOnly: options.token === undefined,
    app,
    async stop() {
      halt();
      await new Promise((resolve) => setTimeout(resolve, 0));
      serverStop.abort();
      let wait: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        finished,
        new Promise<void>((resolve) => (wait = setTimeout(resolve, STOP_WAIT_MS))),
      ]);
      clearTimeout(wait);
    },
  };
}

/** The engine runs (here, or in the process observed) and the database answers a query. */
async function readiness(actions: ActionContext, latest: FleetSnapshot): Promise<Readiness> {
  const problems: string[] = [];
  const engine = latest.engine.running && !latest.engine.stopping;
  if (!engine) {
    problems.push(
      latest.engine.stopping
        ? "engine: stopping"
        : latest.role === "observer"
        ? "engine: no orchestrator runs on this FORGE home"
        : "engine: not running",
    );
  }
  let database = false;
  const path = actions.layout.database;
  if (await actions.fs.stat(path) === undefined) {
    problems.push(`database: no database at ${path} yet`);
  } else {
    try {
      const store = Store.open(path, { busyTimeoutMs: DATABASE_TIMEOUT_MS });
      try {
        store.statement("SELECT 1").get();
        database = true;
      } finally {
        store.close();
      }
    } catch (error) {
      problems.push(`database: ${errorMessage(error)}`);
    }
  }
  return { engine, database, detail: problems.join("; ") };
}

function portHint(error: unknown, options: ServeSessionOptions): unknown {
  if (!(error instanceof ForgeError) || error.code !== "CONFLICT") return error;
  return new ForgeError("CONFLICT", error.message, {
    cause: error,
    hint: `stop what listens on port ${options.address.port}, or choose another port (${
      options.anyPort ?? "--port 0"
    } takes any free one)`,
  });
}
