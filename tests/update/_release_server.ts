/**
 * A release server for updater tests: real HTTP on 127.0.0.1 (port 0) serving files from memory,
 * with per-path faults (flip a byte, truncate, endless body, stall after N bytes, wrong
 * Content-Length, an HTTP status, a rate limit, 503 a number of times, a redirect to a second
 * origin), ETag / 304 support, and a log of every request with its headers.
 */

/** A fault served on one path. */
export type Fault =
  | { readonly kind: "flip"; readonly at: number }
  | { readonly kind: "truncate"; readonly to: number }
  | { readonly kind: "endless" }
  | { readonly kind: "stall"; readonly after: number }
  | { readonly kind: "status"; readonly status: number; readonly times?: number }
  | { readonly kind: "rate-limit"; readonly resetAt: number }
  | { readonly kind: "redirect"; readonly to: string };

/** One request seen. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
}

/** A running release server. */
export interface ReleaseServer extends AsyncDisposable {
  readonly url: string;
  readonly log: LoggedRequest[];
  /** Files by path (`/manifest.json`); set or replace any time. */
  readonly files: Map<string, Uint8Array<ArrayBuffer>>;
  readonly faults: Map<string, Fault>;
  close(): Promise<void>;
}

const encoder = new TextEncoder();

/**
 * Starts a release server.
 *
 * @param tls a certificate and key (PEM) to serve https instead of http
 * @returns the server; use with `await using`
 */
export function startReleaseServer(
  tls?: { readonly cert: string; readonly key: string },
): ReleaseServer {
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  const faults = new Map<string, Fault>();
  const log: LoggedRequest[] = [];
  const served = new Map<string, number>();
  const open = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const respond = (request: Request): Response => {
    const path = new URL(request.url).pathname;
    const fault = faults.get(path);
    const times = (served.get(path) ?? 0) + 1;
    served.set(path, times);
    if (fault?.kind === "status" && times <= (fault.times ?? Infinity)) {
      return new Response(`status ${fault.status}`, { status: fault.status });
    }
    if (fault?.kind === "rate-limit") {
      return new Response("rate limited", {
        status: 403,
        headers: {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(Math.floor(fault.resetAt / 1000)),
        },
      });
    }
    if (fault?.kind === "redirect") return Response.redirect(`${fault.to}${path}`, 302);
    const body = files.get(path);
    if (body === undefined) return new Response("not found", { status: 404 });
    const etag = `"${body.length}-${hash(body)}"`;
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304 });
    const headers = { etag, "content-type": "application/octet-stream" };
    if (fault?.kind === "flip") {
      const copy = body.slice();
      copy[fault.at] = (copy[fault.at] ?? 0) ^ 0xff;
      return new Response(copy, { headers });
    }
    if (fault?.kind === "truncate") return new Response(body.slice(0, fault.to), { headers });
    if (fault?.kind === "endless" || fault?.kind === "stall") {
      return new Response(stream(body, fault), { headers });
    }
    return new Response(body, { headers });
  };

  const stream = (body: Uint8Array<ArrayBuffer>, fault: Fault): ReadableStream<Uint8Array> =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        open.add(controller);
        if (fault.kind === "stall") {
          controller.enqueue(body.slice(0, fault.after));
          return; // and nothing more until the server closes
        }
        const chunk = encoder.encode("x".repeat(64 * 1024));
        const pump = () => {
          try {
            controller.enqueue(chunk);
            const t = setTimeout(pump, 0);
            timers.add(t);
          } catch { /* the client went away */ }
        };
        pump();
      },
      cancel() {/* the client went away */},
    });

  const listen = { hostname: "127.0.0.1", port: 0, onListen: () => {}, ...(tls ?? {}) };
  const server = Deno.serve(listen, (request) => {
    const response = respond(request);
    log.push({
      method: request.method,
      path: new URL(request.url).pathname,
      headers: Object.fromEntries(request.headers),
      status: response.status,
    });
    return response;
  });
  const close = async () => {
    for (const t of timers) clearTimeout(t);
    for (const c of open) {
      try {
        c.error(new Error("server closing"));
      } catch { /* closed */ }
    }
    await server.shutdown();
  };
  return {
    url: `${tls === undefined ? "http" : "https"}://127.0.0.1:${server.addr.port}`,
    log,
    files,
    faults,
    close,
    [Symbol.asyncDispose]: close,
  };
}

function hash(bytes: Uint8Array): string {
  let h = 2166136261;
  for (const b of bytes) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h.toString(16);
}
