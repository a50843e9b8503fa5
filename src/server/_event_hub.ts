/**
 * Server-sent events to every connected page: one `snapshot` event per change of the fleet's
 * summary, ids increasing, and a comment as heartbeat. Each client holds at most one message not
 * yet taken by its connection: a newer one replaces it (the state is a snapshot, not a log, so
 * the newest is all a client needs), so a client that never reads costs one reference, never a
 * growing queue. Streams pull: the connection asks for the next message only once it has written
 * the last one. The hub listens to snapshots only while a client is connected.
 */
import type { FleetSnapshot } from "../domain/mod.ts";

/** What the hub needs from the app. */
export interface HubSource {
  /** Calls back with every new snapshot; returns how to stop. */
  subscribe(listener: (snapshot: FleetSnapshot) => void): () => void;
  /** The latest snapshot (read when the first client connects). */
  latest(): Promise<FleetSnapshot>;
  /** A snapshot's event data; `key` changes when clients should hear of it. */
  summarize(snapshot: FleetSnapshot): { readonly key: string; readonly data: string };
  /** The first id (ids then go up by one per change). */
  readonly firstId: number;
  /** Between heartbeat comments. */
  readonly heartbeatMs: number;
}

/** The hub's state, for tests and benchmarks. */
export interface HubStats {
  readonly clients: number;
  /** Messages waiting for their connection, over all clients (at most one each). */
  readonly pending: number;
  /** The most any one client has waiting. */
  readonly maxPending: number;
  /** Messages handed to connections. */
  readonly sent: number;
  /** Messages replaced by a newer one before their connection took them. */
  readonly replaced: number;
  /** Whether the hub listens to snapshot changes (only while a client is connected). */
  readonly subscribed: boolean;
  /** Id of the latest event. */
  readonly lastId: number;
}

interface Client {
  pending: Uint8Array | undefined;
  wake: (() => void) | undefined;
  closed: boolean;
  controller: ReadableStreamDefaultController<Uint8Array> | undefined;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");

/** The connected clients and what each has waiting. */
export class EventHub {
  readonly #source: HubSource;
  readonly #clients = new Set<Client>();
  #unsubscribe: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #id: number;
  #key: string | undefined;
  #at: number | undefined;
  #message: Uint8Array | undefined;
  #sent = 0;
  #replaced = 0;
  #closed = false;

  /** @param source where events come from */
  constructor(source: HubSource) {
    this.#source = source;
    this.#id = source.firstId - 1;
  }

  /**
   * Opens a stream for one client: the current state first, right away (also on a resume with
   * `Last-Event-ID`: there is nothing to replay, the state is all), then every change.
   *
   * @returns the body of the event-stream response (a client that goes away cancels it)
   */
  async open(): Promise<ReadableStream<Uint8Array>> {
    const client: Client = {
      pending: undefined,
      wake: undefined,
      closed: false,
      controller: undefined,
    };
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        client.controller = controller;
      },
      pull: (controller) => this.#pull(client, controller),
      cancel: () => this.#drop(client),
    }, { highWaterMark: 0 });
    if (this.#closed) {
      client.controller?.close();
      return stream;
    }
    const first = this.#unsubscribe === undefined;
    this.#clients.add(client);
    this.#listen();
    // While clients are connected every change arrives through the subscription; before, the
    // hub's state may be old.
    if (first || this.#message === undefined) this.offer(await this.#source.latest());
    if (!client.closed && client.pending === undefined && this.#message !== undefined) {
      this.#deliver(client, this.#message);
    }
    return stream;
  }

  /**
   * Takes a snapshot: when its summary changed, every client gets it as the next event. A
   * snapshot older than the last one taken is ignored (a slow read must not undo a newer one).
   *
   * @param snapshot the fleet
   */
  offer(snapshot: FleetSnapshot): void {
    if (this.#at !== undefined && snapshot.at < this.#at) return;
    this.#at = snapshot.at;
    const { key, data } = this.#source.summarize(snapshot);
    if (key === this.#key) return;
    this.#key = key;
    this.#id++;
    this.#message = encoder.encode(
      `id: ${this.#id}\nevent: snapshot\nretry: 3000\ndata: ${data}\n\n`,
    );
    for (const client of this.#clients) this.#deliver(client, this.#message);
  }

  /** Ends every stream and stops listening; new clients get an ended stream. */
  close(): void {
    this.#closed = true;
    for (const client of [...this.#clients]) {
      this.#drop(client);
      try {
        client.controller?.close();
      } catch {
        // Already closed or errored by its connection.
      }
    }
  }

  /** @returns the hub's state */
  stats(): HubStats {
    let pending = 0;
    let maxPending = 0;
    for (const c of this.#clients) {
      const n = c.pending === undefined ? 0 : 1;
      pending += n;
      maxPending = Math.max(maxPending, n);
    }
    return {
      clients: this.#clients.size,
      pending,
      maxPending,
      sent: this.#sent,
      replaced: this.#replaced,
      subscribed: this.#unsubscribe !== undefined,
      lastId: this.#id,
    };
  }

  #deliver(client: Client, message: Uint8Array): void {
    if (client.pending !== undefined) this.#replaced++;
    client.pending = message;
    client.wake?.();
  }

  async #pull(client: Client, controller: ReadableStreamDefaultController<Uint8Array>) {
    while (client.pending === undefined && !client.closed) {
      await new Promise<void>((resolve) => (client.wake = resolve));
      client.wake = undefined;
    }
    if (client.closed) return;
    const message = client.pending as Uint8Array;
    client.pending = undefined;
    this.#sent++;
    controller.enqueue(message);
  }

  #drop(client: Client): void {
    if (!this.#clients.delete(client)) return;
    client.closed = true;
    client.pending = undefined;
    client.wake?.();
    if (this.#clients.size === 0) this.#stopListening();
  }

  #listen(): void {
    if (this.#unsubscribe !== undefined) return;
    this.#unsubscribe = this.#source.subscribe((snapshot) => this.offer(snapshot));
    this.#timer = setInterval(() => {
      for (const client of this.#clients) {
        if (client.pending === undefined) this.#deliver(client, HEARTBEAT);
      }
    }, this.#source.heartbeatMs);
  }

  #stopListening(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
