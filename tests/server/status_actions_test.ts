/**
 * `POST /api/actions/*`: refused without a configured token (403), without or with a wrong one
 * (401 with `WWW-Authenticate`), throttled after five wrong tokens a minute from one address
 * (429 with `Retry-After`, other addresses unaffected); bodies checked before anything runs
 * (type, size by Content-Length and while streaming, JSON syntax with where it failed, field
 * types naming the field); and a valid request reaching the action layer as an ActionRequest.
 */
import assert from "node:assert/strict";
import { MAX_BODY_BYTES } from "../../src/server/mod.ts";
import { assertSecureHeaders, serve, standIn, validBody } from "./_status_fixture.ts";

const TOKEN = "test-token-0123456789abcdef";

function post(
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

Deno.test("actions are refused with 403 when no token is configured", async () => {
  const s = standIn();
  const r = await s.app.request("/api/actions/kill", post({ target: "all" }));
  assert.equal(r.status, 403);
  assertSecureHeaders(r);
  const body = await validBody(r, "error") as { error: { code: string; message: string } };
  assert.equal(body.error.message, "read-only: start forge serve with --token");
  assert.equal(body.error.code, "READ_ONLY");
  assert.deepEqual(s.performed, []);
});

Deno.test("actions need the bearer token: missing or wrong is 401 with WWW-Authenticate", async (t) => {
  const s = standIn({ token: TOKEN });
  const cases: [string, Record<string, string>][] = [
    ["no header", { Authorization: "" }],
    ["another scheme", { Authorization: `Basic ${btoa(`me:${TOKEN}`)}` }],
    ["a wrong token", { Authorization: "Bearer not-the-token" }],
    ["a prefix of the token", { Authorization: `Bearer ${TOKEN.slice(0, 10)}` }],
    ["the token and more", { Authorization: `Bearer ${TOKEN}x` }],
  ];
  for (const [name, headers] of cases) {
    await t.step(name, async () => {
      const r = await s.app.request("/api/actions/kill", post({ target: "all" }, headers), {
        clientAddress: `10.0.0.${cases.findIndex(([n]) => n === name)}`,
      });
      assert.equal(r.status, 401);
      assert.equal(r.headers.get("WWW-Authenticate"), 'Bearer realm="forge"');
      const body = await validBody(r, "error") as { error: { message: string } };
      assert.equal(
        body.error.message,
        name === "no header" || name === "another scheme"
          ? "send the token as Authorization: Bearer <token>"
          : "the token is wrong",
      );
    });
  }
  assert.deepEqual(s.performed, []);
});

Deno.test("wrong tokens are throttled per address: the sixth in a minute is 429", async () => {
  const s = standIn({ token: TOKEN });
  const from = (address: string, token: string) =>
    s.app.request(
      "/api/actions/kill",
      post({ target: "all" }, { Authorization: `Bearer ${token}` }),
      { clientAddress: address },
    );
  for (let i = 0; i < 5; i++) {
    assert.equal((await from("192.0.2.7", `guess-${i}`)).status, 401);
    s.now += 1_000;
  }
  const throttled = await from("192.0.2.7", TOKEN);
  assert.equal(throttled.status, 429);
  assert.equal(throttled.headers.get("Retry-After"), "55");
  const body = await validBody(throttled, "error") as {
    error: { message: string; retry_after_seconds: number };
  };
  assert.equal(body.error.message, "too many wrong tokens from this address: try again later");
  assert.equal(body.error.retry_after_seconds, 55);
  assert.equal((await from("192.0.2.8", TOKEN)).status, 200, "another address is not throttled");
  s.now += 55_000;
  assert.equal((await from("192.0.2.7", TOKEN)).status, 200, "the minute has passed");
  assert.deepEqual(s.performed, [{ kind: "kill", target: "all" }, { kind: "kill", target: "all" }]);
});

Deno.test("a valid request reaches the action layer as an ActionRequest", async (t) => {
  const s = standIn({ token: TOKEN });
  const cases: [string, unknown, unknown][] = [
    ["spawn", { worker: "sim", count: 2 }, { kind: "spawn", worker: "sim", count: 2 }],
    ["spawn", { worker: " sim " }, { kind: "spawn", worker: "sim", count: 1 }],
    ["spawn", { worker: "sim", workspace: "ws" }, {
      kind: "spawn",
      worker: "sim",
      count: 1,
      workspace: "ws",
    }],
    ["kill", { target: "sim-alpha" }, { kind: "kill", target: "sim-alpha" }],
    ["pause", { target: "all" }, { kind: "pause", target: "all" }],
    ["resume", { target: "all" }, { kind: "resume", target: "all" }],
    ["assign", { bead: "bd-1" }, { kind: "assign", bead: "bd-1", worker: "auto" }],
    ["ack", { alert: 3 }, { kind: "ack", alert: 3 }],
    ["ack", { alert: "all" }, { kind: "ack", alert: "all" }],
  ];
  for (const [kind, body, expected] of cases) {
    await t.step(`${kind} ${JSON.stringify(body)}`, async () => {
      const r = await s.app.request(`/api/actions/${kind}`, post(body));
      assert.equal(r.status, 200);
      assert.deepEqual(await validBody(r, "actionResult"), { ok: true, message: "done" });
      assert.deepEqual(s.performed.at(-1), expected);
    });
  }
  await t.step("an action that fails is 422 with its sentence (redacted)", async () => {
    s.result = { ok: false, message: "Cannot spawn: launcher said sk-ant-api03-abcdefghijklmnop" };
    const r = await s.app.request("/api/actions/spawn", post({ worker: "sim" }));
    assert.equal(r.status, 422);
    const body = await validBody(r, "actionResult") as { message: string };
    assert.equal(body.message, "Cannot spawn: launcher said [redacted]");
  });
});

Deno.test("action bodies are checked before anything runs", async (t) => {
  const s = standIn({ token: TOKEN });
  const cases: [string, string, RequestInit, number, RegExp, string?][] = [
    ["not JSON", "kill", post("{", { "Content-Type": "text/plain" }), 415, /Content-Type/],
    ["empty", "kill", post(""), 400, /^malformed JSON: the body is empty$/],
    ["cut off", "kill", post('{"target"'), 400, /^malformed JSON at line 1, column 10: /],
    [
      "an unexpected token",
      "kill",
      post('{"target": }'),
      400,
      /^malformed JSON: Unexpected token '\}', "\{"target": \}" is not valid JSON$/,
    ],
    [
      "malformed",
      "kill",
      post('{\n  "target": "a",\n  oops\n}'),
      400,
      /^malformed JSON at line 3, column 3: Expected double-quoted property name$/,
    ],
    ["an array", "kill", post([1]), 400, /^the body must be a JSON object$/],
    [
      "a wrong type",
      "spawn",
      post({ worker: "sim", count: "2" }),
      400,
      /^count: expected a number/,
      "count",
    ],
    [
      "a fraction",
      "spawn",
      post({ worker: "sim", count: 1.5 }),
      400,
      /^count: expected a whole number/,
      "count",
    ],
    [
      "too many",
      "spawn",
      post({ worker: "sim", count: 21 }),
      400,
      /^count: expected a number at most 20/,
      "count",
    ],
    ["a missing field", "kill", post({}), 400, /^target: required/, "target"],
    [
      "an unknown field",
      "kill",
      post({ target: "all", force: true }),
      400,
      /^force: unknown field$/,
      "force",
    ],
    ["a wrong alert", "ack", post({ alert: -1 }), 400, /^alert: /, "alert"],
    [
      "a wrong nested type",
      "assign",
      post({ bead: ["b"] }),
      400,
      /^bead: expected a string/,
      "bead",
    ],
    ["not UTF-8", "kill", { ...post(""), body: new Uint8Array([0x7b, 0xff, 0x7d]) }, 400, /UTF-8/],
  ];
  for (const [name, kind, init, status, message, field] of cases) {
    await t.step(name, async () => {
      const r = await s.app.request(`/api/actions/${kind}`, init);
      assert.equal(r.status, status);
      const body = await validBody(r, "error") as { error: { message: string; field?: string } };
      assert.match(body.error.message, message);
      if (field !== undefined) assert.equal(body.error.field, field);
    });
  }
  await t.step("malformed JSON says the line and column", async () => {
    const r = await s.app.request("/api/actions/kill", post('{"target": "a",\n\n  }'));
    const body = await validBody(r, "error") as { error: { line: number; column: number } };
    assert.deepEqual([body.error.line, body.error.column], [3, 3]);
  });
  assert.deepEqual(s.performed, []);
});

Deno.test("a body over 64 KiB is 413, by Content-Length or while streaming", async (t) => {
  const s = standIn({ token: TOKEN });
  await using server = await serve(s.app, s.stop);
  const big = JSON.stringify({ target: "x".repeat(MAX_BODY_BYTES) });
  await t.step("with Content-Length", async () => {
    const r = await fetch(`${server.url}/api/actions/kill`, post(big));
    assert.equal(r.status, 413);
    await validBody(r, "error");
  });
  await t.step("chunked, without a length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"target":"'));
        if (sent >= 100) controller.close();
        else controller.enqueue(chunk);
        sent++;
      },
    });
    const r = await fetch(`${server.url}/api/actions/kill`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
      body,
    });
    assert.equal(r.status, 413);
    await validBody(r, "error");
  });
  await t.step("just under the limit is read", async () => {
    const fits = JSON.stringify({ target: "x".repeat(MAX_BODY_BYTES - 20) });
    const r = await fetch(`${server.url}/api/actions/kill`, post(fits));
    assert.equal(r.status, 400, "the body is read: the target is what is wrong");
    assert.match((await r.json()).error.message, /^target: /);
  });
  assert.deepEqual(s.performed, []);
});
