/**
 * A stand-in for the status server, for testing the page on its own: a real HTTP server on
 * 127.0.0.1 (port 0) that serves renderStatusPage() at `/`, PAGE_ASSETS under /assets/, and an
 * /events stream the test drives (announce a snapshot, drop every stream, hold reconnects), with
 * the security headers the real server sends.
 */
import type { FleetSnapshot } from "../../src/domain/mod.ts";
import { PAGE_ASSETS } from "../../src/server/page/assets.ts";
import { renderStatusPage } from "../../src/server/page/render_page.ts";

/**
 * The policy the page must work under: only its own origin. `connect-src` is what lets the
 * script open /events and fetch `/`; without it `default-src 'none'` blocks both.
 */
export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; " +
  "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

/** The test's handle on the server. */
export interface PageServer extends AsyncDisposable {
  readonly url: string;
  /** What `/` renders; change it, then announce(). */
  snapshot: FleetSnapshot | undefined;
  /** When each `GET /` arrived (epoch ms). */
  readonly pageLoads: number[];
  /** The Last-Event-ID header of each /events request (null when absent). */
  readonly streamOpens: (string | null)[];
  /** How many /events streams are open now. */
  readonly openStreams: number;
  /** Sends `event: snapshot` with a new id to every open stream; returns the id. */
  announce(): number;
  /** Ends every open stream; the browser reconnects. */
  dropStreams(): void;
  /** Holds new /events requests unanswered until the returned function is called. */
  holdStreams(): () => void;
}

const HEADERS = {
  "content-security-policy": PAGE_CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/**
 * Starts the stand-in server.
 *
 * @param snapshot what `/` shows first
 * @returns the server; use with `await using`
 */
export function startPageServer(snapshot: FleetSnapshot | undefined): PageServer {
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const encoder = new TextEncoder();
  let nextId = 1;
  let hold: Promise<void> | undefined;
  const state = {
    snapshot,
    pageLoads: [] as number[],
    streamOpens: [] as (string | null)[],
  };
  const events = async (request: Request): Promise<Response> => {
    state.streamOpens.push(request.headers.get("last-event-id"));
    await hold;
    let mine: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        mine = controller;
        streams.add(controller);
        // Reconnect quickly: the tests wait for it.
        controller.enqueue(encoder.encode("retry: 100\n\n"));
      },
      cancel() {
        if (mine !== undefined) streams.delete(mine);
      },
    });
    return new Response(body, {
      headers: { ...HEADERS, "content-type": "text/event-stream", "cache-control": "no-store" },
    });
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const path = new URL(request.url).pathname;
    const asset = PAGE_ASSETS[path];
    if (asset !== undefined) {
      return new Response(asset.body, { headers: { ...HEADERS, "content-type": asset.type } });
    }
    if (path === "/events") return events(request);
    if (path !== "/") return new Response("not found", { status: 404, headers: HEADERS });
    state.pageLoads.push(Date.now());
    const page = renderStatusPage(state.snapshot, { readOnly: true, now: Date.now() });
    return new Response(page, {
      headers: { ...HEADERS, "content-type": "text/html; charset=utf-8" },
    });
  });
  const dropStreams = () => {
    for (const c of streams) c.close();
    streams.clear();
  };
  return {
    url: `http://127.0.0.1:${server.addr.port}/`,
    get snapshot() {
      return state.snapshot;
    },
    set snapshot(value) {
      state.snapshot = value;
    },
    pageLoads: state.pageLoads,
    streamOpens: state.streamOpens,
    get openStreams() {
      return streams.size;
    },
    announce() {
      const id = nextId++;
      const data = JSON.stringify({ at: state.snapshot?.at ?? null });
      const message = encoder.encode(`id: ${id}\nevent: snapshot\ndata: ${data}\n\n`);
      for (const c of streams) c.enqueue(message);
      return id;
    },
    dropStreams,
    holdStreams() {
      let release = () => {};
      hold = new Promise((resolve) => release = resolve);
      return () => {
        hold = undefined;
        release();
      };
    },
    async [Symbol.asyncDispose]() {
      dropStreams();
      await server.shutdown();
    },
  };
}
