/**
 * A real HTTP server on 127.0.0.1 (port 0) serving release assets with per-route faults, and a
 * log of the requests it saw, for download tests.
 */

/** One request as the server saw it. */
export interface SeenRequest {
  readonly path: string;
  readonly authorization: string | null;
}

/** A running fixture server. */
export interface AssetServer extends AsyncDisposable {
  readonly url: string;
  readonly requests: SeenRequest[];
}

type Route = (request: Request, count: number) => Response | Promise<Response>;

/**
 * Starts a server whose routes are the given handlers (by path); other paths answer 404.
 *
 * @param routes handlers by path; each gets how many times its path was hit (1 for the first)
 * @returns the server, closed by `await using`
 */
export function startAssetServer(routes: Readonly<Record<string, Route>>): AssetServer {
  const requests: SeenRequest[] = [];
  const counts = new Map<string, number>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const path = new URL(request.url).pathname;
    requests.push({ path, authorization: request.headers.get("authorization") });
    const count = (counts.get(path) ?? 0) + 1;
    counts.set(path, count);
    const route = routes[path];
    return route === undefined ? new Response("not found", { status: 404 }) : route(request, count);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

/** A body that sends `bytes` and then nothing more, never ending (until the client leaves). */
export function stallingBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
    },
  });
}

/** A body that never ends: 64 KiB chunks for as long as the client reads. */
export function endlessBody(): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(7);
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(chunk);
    },
  });
}

/** Bytes as a stream, so the response has no Content-Length (chunked). */
export function chunkedBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
