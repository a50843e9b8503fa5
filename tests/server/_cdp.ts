/**
 * The Chrome DevTools protocol over Deno's own WebSocket: one connection to the browser, commands
 * matched to their answers by id, events dispatched to listeners, and flattened sessions (each
 * page's commands carry its session id on the same connection).
 */

/** Raised when a CDP command answers with an error, or a page expression throws. */
export class CdpError extends Error {
  override name = "CdpError";
}

/** A command's parameters, a result or an event's parameters: plain JSON objects. */
export type Params = Record<string, unknown>;
/** Receives an event's parameters and the session it came from (none for the browser's own). */
export type Listener = (params: Params, sessionId: string | undefined) => void;

interface Pending {
  readonly method: string;
  readonly resolve: (result: Params) => void;
  readonly reject: (error: Error) => void;
}

/** One WebSocket to the browser; commands are matched to answers by id. */
export class Cdp {
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Set<{ method: string; fn: Listener }>();
  readonly closed: Promise<void>;
  #nextId = 1;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    this.closed = new Promise((resolve) => {
      ws.addEventListener("close", () => {
        for (const p of this.#pending.values()) {
          p.reject(new CdpError(`DevTools connection closed during ${p.method}`));
        }
        this.#pending.clear();
        resolve();
      });
    });
    ws.addEventListener("message", (e) => this.#receive(String(e.data)));
  }

  /**
   * Connects to a DevTools WebSocket.
   *
   * @param url `ws://127.0.0.1:<port>/devtools/browser/<id>`
   * @returns the connection
   */
  static async open(url: string): Promise<Cdp> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener("open", () => resolve(), { once: true });
      ws.addEventListener("error", () => reject(new Error(`Cannot connect to ${url}`)), {
        once: true,
      });
    });
    return new Cdp(ws);
  }

  #receive(text: string): void {
    const msg = JSON.parse(text) as {
      id?: number;
      result?: Params;
      error?: { message: string };
      method?: string;
      params?: Params;
      sessionId?: string;
    };
    if (msg.id !== undefined) {
      const p = this.#pending.get(msg.id);
      this.#pending.delete(msg.id);
      if (msg.error !== undefined) p?.reject(new CdpError(`${p.method}: ${msg.error.message}`));
      else p?.resolve(msg.result ?? {});
      return;
    }
    for (const l of this.#listeners) {
      if (l.method === msg.method) l.fn(msg.params ?? {}, msg.sessionId);
    }
  }

  /**
   * Sends a command and waits for its answer.
   *
   * @param method e.g. `Page.navigate`
   * @param options its parameters, and the page session it is for
   * @returns the result
   * @throws {CdpError} when the browser answers with an error or the connection closes
   */
  send(
    method: string,
    options: { readonly params?: Params; readonly sessionId?: string } = {},
  ): Promise<Params> {
    const id = this.#nextId++;
    const { params = {}, sessionId } = options;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { method, resolve, reject });
      this.#ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  /**
   * Listens to an event.
   *
   * @param method e.g. `Page.loadEventFired`
   * @param fn called with each event's parameters
   * @returns a function that stops listening
   */
  on(method: string, fn: Listener): () => void {
    const entry = { method, fn };
    this.#listeners.add(entry);
    return () => this.#listeners.delete(entry);
  }

  /** Closes the connection and waits until it is closed. */
  async close(): Promise<void> {
    if (this.#ws.readyState < WebSocket.CLOSING) this.#ws.close();
    await this.closed;
  }
}
