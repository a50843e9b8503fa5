/**
 * `/events` over real HTTP on 127.0.0.1: the current state at once, an event per change with
 * increasing ids (and none when nothing a client shows changed), resume with Last-Event-ID,
 * heartbeats; clients that never read hold at most one message each however many changes come;
 * a thousand clients connecting and dropping leave no client and no subscription behind; and
 * stopping the server ends every stream.
 */
import assert from "node:assert/strict";
import type { FleetSnapshot } from "../../src/domain/mod.ts";
import { apiSchemas } from "../../src/domain/mod.ts";
import { statusAppStats } from "../../src/server/mod.ts";
import { fixtureSnapshot } from "../dashboard/_fixture.ts";
import { waitFor } from "../helpers/wait.ts";
import { serve, standIn } from "./_status_fixture.ts";

/** One parsed message of an event stream. */
interface Message {
  readonly id?: number;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** Reads an event stream message by message. */
class EventReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = "";

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
  }

  async next(): Promise<Message | undefined> {
    while (!this.#buffer.includes("\n\n")) {
      const { done, value } = await this.#reader.read();
      if (done) return undefined;
      this.#buffer += this.#decoder.decode(value, { stream: true });
    }
    const end = this.#buffer.indexOf("\n\n");
    const block = this.#buffer.slice(0, end);
    this.#buffer = this.#buffer.slice(end + 2);
    const m: Record<string, string | number> = {};
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) m["comment"] = line.slice(1).trim();
      else if (line.startsWith("id: ")) m["id"] = Number(line.slice(4));
      else if (line.startsWith("event: ")) m["event"] = line.slice(7);
      else if (line.startsWith("data: ")) m["data"] = line.slice(6);
    }
    return m as Message;
  }

  /** The next snapshot event, skipping heartbeats. */
  async snapshot(): Promise<Message & { id: number; status: Record<string, unknown> }> {
    while (true) {
      const m = await this.next();
      assert.ok(m !== undefined, "the stream ended");
      if (m.event !== "snapshot") continue;
      const status = JSON.parse(m.data ?? "");
      assert.ok((await apiSchemas()).status.safeParse(status).success, m.data);
      return { ...m, id: m.id as number, status };
    }
  }

  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
  }
}

/** The fixture fleet with `ready` ready beads at time `at` (a change clients hear of). */
function fleet(ready: number, at: number): FleetSnapshot {
  const base = fixtureSnapshot({ workers: 6, beads: 20 });
  return { ...base, at, counts: { ...base.counts, ready } };
}

async function open(url: string, headers: Record<string, string> = {}): Promise<EventReader> {
  const r = await fetch(`${url}/events`, { headers });
  assert.equal(r.status, 200);
  assert.match(r.headers.get("Content-Type") ?? "", /^text\/event-stream/);
  assert.equal(r.headers.get("Cache-Control"), "no-store");
  assert.ok(r.body !== null);
  return new EventReader(r.body);
}

Deno.test("/events sends the state at once, then one event per change with increasing ids", async () => {
  const s = standIn({ snapshot: fleet(1, 1_000) });
  await using server = await serve(s.app, s.stop);
  const events = await open(server.url);
  const first = await events.snapshot();
  assert.equal((first.status["beads"] as Record<string, number>)["ready"], 1);
  s.push(fleet(1, 2_000)); // only the time moved: nothing a client shows changed
  s.push(fleet(2, 3_000));
  const second = await events.snapshot();
  assert.equal((second.status["beads"] as Record<string, number>)["ready"], 2);
  assert.equal(second.id, first.id + 1);
  s.push(fleet(7, 4_000));
  const third = await events.snapshot();
  assert.equal(third.id, first.id + 2);
  assert.equal((third.status["beads"] as Record<string, number>)["ready"], 7);
  await events.cancel();
});

Deno.test("/events resumes with Last-Event-ID: the current state right away, ids still rising", async () => {
  const s = standIn({ snapshot: fleet(1, 1_000) });
  await using server = await serve(s.app, s.stop);
  const a = await open(server.url);
  const seen = await a.snapshot();
  await a.cancel();
  s.push(fleet(3, 2_000)); // while nobody listens
  const b = await open(server.url, { "Last-Event-ID": String(seen.id) });
  const resumed = await b.snapshot();
  assert.ok(resumed.id > seen.id);
  assert.equal((resumed.status["beads"] as Record<string, number>)["ready"], 3);
  await b.cancel();
});

Deno.test("/events sends heartbeat comments while nothing changes", async () => {
  const s = standIn({ heartbeatMs: 30 });
  await using server = await serve(s.app, s.stop);
  const events = await open(server.url);
  await events.snapshot();
  const beat = await events.next();
  assert.deepEqual(beat, { comment: "heartbeat" });
  await events.cancel();
});

Deno.test("/events keeps at most one message per client that never reads, and drops closed ones", async () => {
  const s = standIn({ snapshot: fleet(0, 0) });
  await using server = await serve(s.app, s.stop);
  const request = new TextEncoder().encode(
    "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n",
  );
  const sockets: Deno.TcpConn[] = [];
  for (let i = 0; i < 200; i++) {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
    await conn.write(request);
    sockets.push(conn); // never read
  }
  await waitFor(() => statusAppStats(s.app)?.clients === 200, { what: "200 clients" });
  let maxPending = 0;
  for (let i = 1; i <= 1_000; i++) {
    s.push(fleet(i, i));
    const stats = statusAppStats(s.app)!;
    maxPending = Math.max(maxPending, stats.maxPending);
    assert.ok(stats.pending <= stats.clients);
    // Let the server write now and then, so connections fill up as they would.
    if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  const stats = statusAppStats(s.app)!;
  assert.equal(stats.clients, 200);
  assert.equal(maxPending, 1);
  // Most of the 1,000 changes replaced a message no connection had taken yet.
  assert.ok(stats.replaced > 1_000, JSON.stringify(stats));
  for (const conn of sockets) conn.close();
  await waitFor(() => statusAppStats(s.app)?.clients === 0, {
    what: "closed clients to be dropped",
  });
  assert.equal(statusAppStats(s.app)?.subscribed, false);
  assert.equal(s.listeners.size, 0);
});

Deno.test("/events: 1,000 clients connecting and dropping leave no client and no subscription", async () => {
  const s = standIn();
  await using server = await serve(s.app, s.stop);
  for (let batch = 0; batch < 20; batch++) {
    await Promise.all(Array.from({ length: 50 }, async () => {
      const events = await open(server.url);
      await events.snapshot();
      await events.cancel();
    }));
  }
  await waitFor(() => statusAppStats(s.app)?.clients === 0, { what: "every client dropped" });
  assert.equal(statusAppStats(s.app)?.subscribed, false);
  assert.equal(s.listeners.size, 0);
  assert.ok((statusAppStats(s.app)?.sent ?? 0) >= 1_000);
});

Deno.test("/events streams end when the server stops", async () => {
  const s = standIn();
  const server = await serve(s.app, s.stop);
  const events = await open(server.url);
  await events.snapshot();
  await server[Symbol.asyncDispose]();
  assert.equal(await events.next(), undefined);
  assert.equal(statusAppStats(s.app)?.clients, 0);
  const late = await s.app.request("/events");
  assert.equal(await late.text(), "");
});
