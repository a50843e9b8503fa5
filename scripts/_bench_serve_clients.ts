/**
 * Idle event-stream clients for the `forge serve` benchmark: raw TCP connections that send a
 * minimal HTTP/1.1 `GET /events`, read the first event, then send nothing more. Each keeps
 * reading in the background (as a browser's EventSource does) and counts the heartbeats it gets,
 * so the kernel's buffers stay empty and the server's memory is all that grows.
 */

/** One connected client. */
export interface SseClient {
  /** Heartbeat comments received after the first event. */
  heartbeats(): number;
  close(): void;
}

const decoder = new TextDecoder();

/**
 * Connects one client and waits for its first `snapshot` event.
 *
 * @param url the server (`http://127.0.0.1:port`)
 * @param options the path of the stream and how long the first event may take
 * @returns the client
 * @throws when the connection fails, the answer is not 200, or no event comes in time
 */
export async function connectSse(
  url: string,
  options: { readonly path: string; readonly timeoutMs: number },
): Promise<SseClient> {
  const { hostname, port } = new URL(url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  const closed = { value: false };
  const close = () => {
    if (closed.value) return;
    closed.value = true;
    try {
      conn.close();
    } catch {
      // Already closed by the server.
    }
  };
  try {
    await writeAll(
      conn,
      `GET ${options.path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
        "Accept: text/event-stream\r\n\r\n",
    );
    const rest = await readFirstEvent(conn, options.timeoutMs);
    let beats = (rest.match(/: heartbeat/g) ?? []).length;
    void (async () => {
      const buf = new Uint8Array(4096);
      while (!closed.value) {
        const n = await conn.read(buf);
        if (n === null) break;
        beats += (decoder.decode(buf.subarray(0, n)).match(/: heartbeat/g) ?? []).length;
      }
    })().catch(() => {});
    return { heartbeats: () => beats, close };
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * Connects clients, `batch` at a time, each one waiting for its first event.
 *
 * @param url the server
 * @param options how many, how many at once, the stream's path, how long a first event may take
 * @returns the clients (close them all when done)
 * @throws the first failure, with what it means (too many open files: raise `ulimit -n`)
 */
export async function connectMany(
  url: string,
  options: {
    readonly count: number;
    readonly batch: number;
    readonly path: string;
    readonly timeoutMs: number;
  },
): Promise<SseClient[]> {
  const clients: SseClient[] = [];
  try {
    while (clients.length < options.count) {
      const n = Math.min(options.batch, options.count - clients.length);
      const settled = await Promise.allSettled(
        Array.from({ length: n }, () => connectSse(url, options)),
      );
      for (const s of settled) if (s.status === "fulfilled") clients.push(s.value);
      const failed = settled.find((s) => s.status === "rejected");
      if (failed !== undefined) throw explain(failed.reason, clients.length);
    }
    return clients;
  } catch (error) {
    for (const c of clients) c.close();
    throw error;
  }
}

function explain(reason: unknown, connected: number): Error {
  const message = reason instanceof Error ? reason.message : String(reason);
  const fds = /too many open files|EMFILE|os error 24/i.test(message)
    ? " — out of file descriptors: raise the limit (`ulimit -n 4096`) in the shell that runs " +
      "the benchmark; the server inherits it"
    : "";
  return new Error(`Cannot open event stream ${connected + 1}: ${message}${fds}`, {
    cause: reason,
  });
}

async function writeAll(conn: Deno.Conn, text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  while (at < bytes.length) at += await conn.write(bytes.subarray(at));
}

/** Reads the response head and the first `snapshot` event; returns what came after it. */
async function readFirstEvent(conn: Deno.Conn, timeoutMs: number): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no first event in ${timeoutMs} ms`)), timeoutMs);
  });
  const buf = new Uint8Array(16_384);
  let text = "";
  try {
    while (true) {
      const n = await Promise.race([conn.read(buf), timeout]);
      if (n === null) throw new Error(`the server closed the stream: ${text.slice(0, 200)}`);
      text += decoder.decode(buf.subarray(0, n));
      if (!text.startsWith("HTTP/1.1 200")) {
        if (text.includes("\r\n")) throw new Error(`answer: ${text.split("\r\n")[0]}`);
        continue;
      }
      const at = text.indexOf("event: snapshot");
      const end = at < 0 ? -1 : text.indexOf("\n\n", at);
      if (end >= 0) return text.slice(end + 2);
    }
  } finally {
    clearTimeout(timer);
  }
}
