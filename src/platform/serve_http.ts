/**
 * An HTTP server on Deno.serve for a web-standard handler (the status app's `fetch`): it resolves
 * once it listens, with the port it got (port 0 asks for any free one), and stops gracefully when
 * the signal aborts: it accepts nothing new and finishes the responses in flight, so handlers of
 * endless responses (server-sent events) must end them on the same signal.
 */
import { ForgeError } from "../domain/mod.ts";

/** Who sent a request, as far as the socket tells. */
export interface HttpClient {
  /** The peer's IP address. */
  readonly address: string;
}

/** Answers one request. */
export type HttpHandler = (request: Request, client: HttpClient) => Response | Promise<Response>;

/** Where to listen and when to stop. */
export interface ServeOptions {
  readonly hostname: string;
  /** 0 for any free port. */
  readonly port: number;
  /** Stops the server (gracefully) when aborted. */
  readonly signal: AbortSignal;
}

/** A listening server. */
export interface HttpServer {
  /** `http://host:port`, an IPv6 host in brackets. */
  readonly url: string;
  /** The port it listens on (the one chosen, with port 0). */
  readonly port: number;
  /** Resolves once the server has stopped and every response has ended. */
  readonly finished: Promise<void>;
}

/**
 * Serves HTTP until the signal aborts.
 *
 * @param handler answers requests
 * @param options hostname, port and the stop signal
 * @returns the server, once it listens
 * @throws {ForgeError} CONFLICT when the port is in use; IO when the address cannot be used
 */
export async function serveHttp(handler: HttpHandler, options: ServeOptions): Promise<HttpServer> {
  const where = `${bracketed(options.hostname)}:${options.port}`;
  let listening!: (addr: Deno.NetAddr) => void;
  const listened = new Promise<Deno.NetAddr>((resolve) => (listening = resolve));
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: options.hostname,
      port: options.port,
      signal: options.signal,
      onListen: (addr) => listening(addr),
      // Errors of a handler are answered by the app itself; this is the net under it.
      onError: () => new Response("internal error", { status: 500 }),
    }, (request, info) =>
      // A getter: only the routes that throttle need the peer, and reading it costs per request.
      handler(request, {
        get address() {
          return info.remoteAddr.hostname;
        },
      }));
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new ForgeError("CONFLICT", `Cannot listen on ${where}: the port is in use`, {
        cause: error,
      });
    }
    throw new ForgeError("IO", `Cannot listen on ${where}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const addr = await listened;
  return {
    url: `http://${bracketed(addr.hostname)}:${addr.port}`,
    port: addr.port,
    finished: server.finished,
  };
}

function bracketed(hostname: string): string {
  return hostname.includes(":") ? `[${hostname}]` : hostname;
}
