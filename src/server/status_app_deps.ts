/**
 * What the status app needs from its host (the CLI's serve session, or a test): the fleet's
 * latest snapshot and its changes, the action layer, the token, the clock, readiness, the
 * store's totals for `/metrics`, and the page (renderer and static assets).
 */
import type { ActionRequest, ActionResult, FleetSnapshot } from "../domain/mod.ts";

/** Whether the server can do its job: the engine runs and the database answers. */
export interface Readiness {
  readonly engine: boolean;
  readonly database: boolean;
  /** In words, for people: what is not ready and why ("" when all is). */
  readonly detail: string;
}

/** One model's month-to-date usage and completed tasks. */
export interface ModelTotals {
  readonly model: string;
  /** List cost in whole nano-dollars. */
  readonly costNanos: number;
  readonly tokens: {
    readonly input: number;
    readonly output: number;
    readonly cacheRead: number;
    readonly cacheWrite: number;
  };
  /** Durations (ms) of the tasks completed in the span whose start was seen. */
  readonly durationsMs: ArrayLike<number>;
}

/** The store's totals for `/metrics`: this calendar month (UTC) so far. */
export interface StoreTotals {
  /** Start of the span (epoch ms): the 1st of the month, 00:00 UTC. */
  readonly since: number;
  readonly models: readonly ModelTotals[];
}

/** A static file of the page (script, style sheet, icon). */
export interface StaticAsset {
  /** Its Content-Type, e.g. `text/javascript; charset=utf-8`. */
  readonly type: string;
  readonly body: string | Uint8Array<ArrayBuffer>;
}

/** What the page is told besides the snapshot. */
export interface PageContext {
  /** True when no token is configured: the page offers no actions. */
  readonly readOnly: boolean;
  /** The current time (epoch ms), for ages and countdowns. */
  readonly now: number;
}

/** Everything the status app uses. */
export interface StatusAppDeps {
  /** The latest snapshot; cheap (the host keeps it, nothing is read on call). */
  snapshot(): Promise<FleetSnapshot>;
  /**
   * Calls `listener` with each new snapshot; returns a function that stops it. The app listens
   * only while an event-stream client is connected.
   */
  subscribe(listener: (snapshot: FleetSnapshot) => void): () => void;
  /** Performs an action (through the action layer, audited as `http`); never throws. */
  perform(request: ActionRequest): Promise<ActionResult>;
  /** The bearer token that allows actions; undefined makes the server read-only. */
  readonly token: string | undefined;
  /** Epoch milliseconds (throttling, event ids). */
  now(): number;
  /** Readiness for `/readyz`. */
  ready(): Promise<Readiness>;
  /** The store's totals for `/metrics`; undefined (or a rejection) when they cannot be read. */
  totals(): Promise<StoreTotals | undefined>;
  /**
   * Renders `/`: a whole HTML document. It gets a redacted copy of the snapshot (every string
   * masked where it looks like a secret, worker status files' `raw` objects left out) and must
   * escape every text it shows.
   */
  renderPage(snapshot: FleetSnapshot, page: PageContext): string;
  /**
   * The page's files by URL path (`/assets/forge.js`); only these are served under `/assets/`,
   * and only paths of one plain name (letters, digits, `.`, `-`, `_`).
   */
  readonly assets: Readonly<Record<string, StaticAsset>>;
  /** Ends every event stream when aborted: abort it before (or with) the HTTP server. */
  readonly signal?: AbortSignal;
  /** Between heartbeat comments on event streams (default 15 s). */
  readonly heartbeatMs?: number;
  /** Told of a failure the app answered with 500 (its body says only "internal error"). */
  readonly onError?: (error: unknown) => void;
}
