/**
 * A tiny HTTP proxy for updater tests (row 25), on 127.0.0.1 with port 0: plain-HTTP forwarding
 * (absolute-form requests, as `fetch` sends them through HTTP_PROXY) and CONNECT tunnels (as it
 * sends https requests through HTTPS_PROXY), to loopback only (others get 403). Logs each
 * request line and its headers.
 */

/** One request the proxy saw. */
export interface ProxiedRequest {
  readonly method: string;
  /** `http://host:port/path` (forwarding) or `host:port` (CONNECT). */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A running proxy. */
export interface ForwardProxy extends AsyncDisposable {
  readonly url: string;
  readonly log: ProxiedRequest[];
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Starts a forwarding proxy.
 *
 * @returns the proxy; use with `await using`
 */
export function startForwardProxy(): ForwardProxy {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const log: ProxiedRequest[] = [];
  const conns = new Set<Deno.Conn>();
  const serving = (async () => {
    for await (const conn of listener) {
      conns.add(conn);
      handle(conn, log).catch(() => {}).finally(() => {
        conns.delete(conn);
        try {
          conn.close();
        } catch { /* already closed */ }
      });
    }
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${listener.addr.port}`,
    log,
    async [Symbol.asyncDispose]() {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch { /* already closed */ }
      }
      await serving;
    },
  };
}

async function handle(conn: Deno.Conn, log: ProxiedRequest[]): Promise<void> {
  const { head, rest } = await readHead(conn);
  const [requestLine = "", ...lines] = head.split("\r\n");
  const [method = "", target = "", version = "HTTP/1.1"] = requestLine.split(" ");
  const headers = Object.fromEntries(
    lines.filter((l) => l.includes(":")).map((l) => {
      const at = l.indexOf(":");
      return [l.slice(0, at).trim().toLowerCase(), l.slice(at + 1).trim()];
    }),
  );
  log.push({ method, target, headers });
  const [hostname = "", port = "443"] = method === "CONNECT" ? target.split(":") : [];
  const host = method === "CONNECT"
    ? hostname
    : URL.canParse(target)
    ? new URL(target).hostname
    : "";
  if (host !== "127.0.0.1" && host !== "localhost") {
    // Tests never leave the machine (the Deno CLI's own upgrade check would try).
    await write(conn, encoder.encode("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n"));
    return;
  }
  if (method === "CONNECT") {
    const upstream = await Deno.connect({ hostname, port: Number(port) });
    await write(conn, encoder.encode("HTTP/1.1 200 Connection Established\r\n\r\n"));
    await write(upstream, rest);
    await pipeBoth(conn, upstream);
    return;
  }
  const url = new URL(target);
  const upstream = await Deno.connect({ hostname: url.hostname, port: Number(url.port || 80) });
  // One request per connection, so a reused client connection never reaches the wrong origin.
  const kept = Object.entries(headers).filter(([name]) =>
    !name.startsWith("proxy-") && name !== "connection"
  );
  const forwarded = [
    `${method} ${url.pathname}${url.search} ${version}`,
    ...kept.map(([name, value]) => `${name}: ${value}`),
    "connection: close",
    "",
    "",
  ].join("\r\n");
  await write(upstream, encoder.encode(forwarded));
  await write(upstream, rest);
  await pipeBoth(conn, upstream);
}

/** Reads up to the end of the request head; returns it and any bytes read past it. */
async function readHead(conn: Deno.Conn): Promise<{ head: string; rest: Uint8Array }> {
  let buffered = new Uint8Array(0);
  const chunk = new Uint8Array(16 * 1024);
  while (true) {
    const n = await conn.read(chunk);
    if (n === null) throw new Error("client closed before the request head");
    const next = new Uint8Array(buffered.length + n);
    next.set(buffered);
    next.set(chunk.subarray(0, n), buffered.length);
    buffered = next;
    const text = decoder.decode(buffered);
    const end = text.indexOf("\r\n\r\n");
    if (end !== -1) {
      // The head is ASCII, so a character index is a byte index.
      return { head: text.slice(0, end), rest: buffered.subarray(end + 4) };
    }
  }
}

async function write(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}

async function pipeBoth(a: Deno.Conn, b: Deno.Conn): Promise<void> {
  const copy = async (from: Deno.Conn, to: Deno.Conn) => {
    const buf = new Uint8Array(64 * 1024);
    try {
      while (true) {
        const n = await from.read(buf);
        if (n === null) break;
        await write(to, buf.subarray(0, n));
      }
    } catch { /* one side went away */ }
    try {
      await to.closeWrite();
    } catch { /* already closed */ }
  };
  await Promise.all([copy(a, b), copy(b, a)]);
  try {
    b.close();
  } catch { /* already closed */ }
}
