/**
 * A tiny HTTP/1.1 server on 127.0.0.1 (port 0) written on raw TCP, for fakes that must misbehave
 * the way real servers do: hold a request open until the client gives up, or drop the connection
 * before any byte of a reply. One request per connection (`connection: close`).
 */

/** A request as the server read it. */
export interface RawRequest {
  readonly method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What to do with a request. */
export type RawAnswer =
  | {
    readonly kind: "respond";
    readonly status: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body: string;
  }
  /** Send nothing until the client closes the connection (or the server closes). */
  | { readonly kind: "hang" }
  /** Close the connection without a reply. */
  | { readonly kind: "close" };

/** A running loopback server. */
export interface LoopbackServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Connections currently open (a hanging request stays open until its client leaves). */
  readonly openConnections: () => number;
  /** Stops listening, drops open connections and waits for every handler to finish. */
  close(): Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const HEAD_END = encoder.encode("\r\n\r\n");

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Reads more bytes onto `data`; undefined at end of stream. */
async function more(conn: Deno.Conn, data: Uint8Array): Promise<Uint8Array | undefined> {
  const buffer = new Uint8Array(64 * 1024);
  const n = await conn.read(buffer);
  return n === null ? undefined : concat(data, buffer.subarray(0, n));
}

function dechunk(body: Uint8Array): { done: boolean; bytes: Uint8Array } {
  let at = 0;
  let out: Uint8Array = new Uint8Array(0);
  while (true) {
    const lineEnd = indexOf(body, encoder.encode("\r\n"), at);
    if (lineEnd < 0) return { done: false, bytes: out };
    const size = parseInt(decoder.decode(body.subarray(at, lineEnd)), 16);
    if (size === 0) return { done: true, bytes: out };
    if (body.length < lineEnd + 2 + size + 2) return { done: false, bytes: out };
    out = concat(out, body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

async function readRequest(conn: Deno.Conn): Promise<RawRequest | undefined> {
  let data: Uint8Array | undefined = new Uint8Array(0);
  let headEnd = -1;
  while ((headEnd = indexOf(data, HEAD_END)) < 0) {
    data = await more(conn, data);
    if (data === undefined) return undefined;
  }
  const [start = "", ...lines] = decoder.decode(data.subarray(0, headEnd)).split("\r\n");
  const [method = "", path = ""] = start.split(" ");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  let body: Uint8Array = data.subarray(headEnd + 4);
  if (headers["transfer-encoding"]?.toLowerCase() === "chunked") {
    let chunked = dechunk(body);
    while (!chunked.done) {
      const next = await more(conn, body);
      if (next === undefined) return undefined;
      body = next;
      chunked = dechunk(body);
    }
    body = chunked.bytes;
  } else {
    const length = Number(headers["content-length"] ?? 0);
    while (body.length < length) {
      const next = await more(conn, body);
      if (next === undefined) return undefined;
      body = next;
    }
  }
  return { method, path, headers, body: decoder.decode(body) };
}

async function waitForClient(conn: Deno.Conn): Promise<void> {
  const buffer = new Uint8Array(1024);
  while ((await conn.read(buffer)) !== null) { /* discard */ }
}

function responseBytes(answer: Extract<RawAnswer, { kind: "respond" }>): Uint8Array {
  const body = encoder.encode(answer.body);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...answer.headers,
    "content-length": String(body.length),
    connection: "close",
  };
  const head = [
    `HTTP/1.1 ${answer.status} Status ${answer.status}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ].join("\r\n");
  return concat(encoder.encode(`${head}\r\n\r\n`), body);
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}

/**
 * Starts a loopback server.
 *
 * @param handler decides what each request gets
 * @returns the server; use with `await using`
 */
export function serveLoopback(
  handler: (request: RawRequest) => RawAnswer | Promise<RawAnswer>,
): LoopbackServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const handlers = new Set<Promise<void>>();
  const serve = async (conn: Deno.Conn) => {
    try {
      const request = await readRequest(conn);
      if (request === undefined) return;
      const answer = await handler(request);
      if (answer.kind === "respond") await writeAll(conn, responseBytes(answer));
      else if (answer.kind === "hang") await waitForClient(conn);
    } catch {
      /* the client went away, or the server is closing */
    } finally {
      conns.delete(conn);
      closeQuietly(conn);
    }
  };
  const accepting = (async () => {
    try {
      while (true) {
        const conn = await listener.accept();
        conns.add(conn);
        const handling = serve(conn);
        handlers.add(handling);
        handling.finally(() => handlers.delete(handling));
      }
    } catch { /* the listener was closed */ }
  })();
  const close = async () => {
    try {
      listener.close();
    } catch { /* closed already */ }
    for (const conn of conns) closeQuietly(conn);
    await accepting;
    await Promise.all([...handlers]);
  };
  return {
    origin: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    openConnections: () => conns.size,
    close,
    [Symbol.asyncDispose]: close,
  };
}
