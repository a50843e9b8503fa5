/**
 * createStatusApp() in memory (`app.request()`), over a busy fixture fleet: every read route
 * answers the shape its zod schema describes, with the security headers; lists filter as their
 * CLI commands do; readiness, health and metrics; and everything a client can get wrong: unknown
 * routes, wrong methods, assets that do not exist and path traversal in every spelling.
 */
import assert from "node:assert/strict";
import { fixtureSnapshot } from "../dashboard/_fixture.ts";
import { assertSecureHeaders, standIn, validBody } from "./_status_fixture.ts";

const READ_ROUTES: readonly [string, string][] = [
  ["/api/status", "status"],
  ["/api/workers", "workers"],
  ["/api/tasks", "tasks"],
  ["/api/costs", "costs"],
  ["/api/alerts", "alerts"],
];

Deno.test("createStatusApp() answers every read route with its schema and the security headers", async (t) => {
  const s = standIn({ snapshot: fixtureSnapshot({ workers: 24, beads: 300 }) });
  for (const [path, schema] of READ_ROUTES) {
    await t.step(path, async () => {
      const r = await s.app.request(path);
      assert.equal(r.status, 200);
      assertSecureHeaders(r);
      assert.equal(r.headers.get("Cache-Control"), "no-store");
      await validBody(r, schema as "status");
    });
  }
  await t.step("/ is HTML with the same headers", async () => {
    const r = await s.app.request("/");
    assert.equal(r.status, 200);
    assert.match(r.headers.get("Content-Type") ?? "", /^text\/html; charset=utf-8/);
    assertSecureHeaders(r);
    assert.match(await r.text(), /^<!DOCTYPE html>/);
  });
  await t.step("HEAD answers like GET without a body", async () => {
    const r = await s.app.request("/api/status", { method: "HEAD" });
    assert.equal(r.status, 200);
    assert.equal(await r.text(), "");
    assertSecureHeaders(r);
  });
});

Deno.test("createStatusApp() /api/status sums the snapshot up", async () => {
  const snapshot = fixtureSnapshot({ workers: 12, beads: 60 });
  const s = standIn({ snapshot });
  const body = await validBody(await s.app.request("/api/status"), "status") as {
    workers: { total: number; by_state: Record<string, number> };
    beads: Record<string, number>;
    alerts: { open: number };
    role: string;
    cost_today_usd: number;
  };
  assert.equal(body.workers.total, 12);
  assert.equal(Object.values(body.workers.by_state).reduce((a, b) => a + b, 0), 12);
  assert.equal(body.beads["ready"], snapshot.counts.ready);
  assert.equal(body.beads["in_progress"], snapshot.counts.inProgress);
  assert.equal(body.alerts.open, snapshot.alerts.filter((a) => !a.acknowledged).length);
  assert.equal(body.role, "orchestrator");
  assert.equal(body.cost_today_usd, snapshot.costs?.today.cost_usd);
});

Deno.test("createStatusApp() lists workers and alerts as their commands do", async (t) => {
  const snapshot = fixtureSnapshot({ workers: 24 });
  const s = standIn({ snapshot });
  await t.step("workers: live and errored by default, all with all=1", async () => {
    const live = await validBody(await s.app.request("/api/workers"), "workers") as unknown[];
    const all = await validBody(await s.app.request("/api/workers?all=1"), "workers") as unknown[];
    const expected = snapshot.workers.filter((w) =>
      w.view.liveness === "alive" || w.view.status.state === "error"
    ).length;
    assert.equal(live.length, expected);
    assert.equal(all.length, 24);
    assert.ok(live.length < all.length);
  });
  await t.step("alerts: open by default, acknowledged too with all=true", async () => {
    const open = await validBody(await s.app.request("/api/alerts"), "alerts") as unknown[];
    const all = await validBody(await s.app.request("/api/alerts?all=true"), "alerts") as unknown[];
    assert.equal(open.length, snapshot.alerts.filter((a) => !a.acknowledged).length);
    assert.equal(all.length, snapshot.alerts.length);
  });
  await t.step("a flag that is neither yes nor no is refused, naming it", async () => {
    const r = await s.app.request("/api/workers?all=maybe");
    assert.equal(r.status, 400);
    const body = await validBody(r, "error") as { error: { field: string; message: string } };
    assert.equal(body.error.field, "all");
  });
});

Deno.test("createStatusApp() /api/tasks filters by state and workspace, pages, and caps the page", async (t) => {
  const snapshot = fixtureSnapshot({ beads: 1_500 });
  const s = standIn({ snapshot });
  const tasks = async (query: string) => {
    const r = await s.app.request(`/api/tasks${query}`);
    assert.equal(r.status, 200, await r.clone().text());
    const body = await validBody(r, "tasks") as { id: string; state: string; workspace: string }[];
    return { body, total: Number(r.headers.get("X-Total-Count")) };
  };
  await t.step("100 by default, in the snapshot's order", async () => {
    const { body, total } = await tasks("");
    assert.equal(body.length, 100);
    assert.equal(total, snapshot.tasks.length);
    assert.deepEqual(body.map((b) => b.id), snapshot.tasks.slice(0, 100).map((q) => q.bead.id));
  });
  await t.step("limit, offset, at most 1,000", async () => {
    assert.equal((await tasks("?limit=1000")).body.length, 1_000);
    const page = await tasks("?limit=5&offset=10");
    assert.deepEqual(
      page.body.map((b) => b.id),
      snapshot.tasks.slice(10, 15).map((q) => q.bead.id),
    );
  });
  await t.step("state and workspace", async () => {
    const { body, total } = await tasks("?state=ready,blocked&workspace=web-console&limit=1000");
    assert.ok(body.length > 0);
    assert.ok(body.every((b) => ["ready", "blocked"].includes(b.state)));
    assert.ok(body.every((b) => b.workspace === "/home/dev/src/web-console"));
    const expected = snapshot.tasks.filter((q) =>
      ["ready", "blocked"].includes(q.state) && q.workspace === "/home/dev/src/web-console"
    );
    assert.equal(total, expected.length);
    const byPath = await tasks("?workspace=/home/dev/src/web-console&limit=1000");
    assert.ok(byPath.body.every((b) => b.workspace === "/home/dev/src/web-console"));
  });
  for (
    const [query, field] of [
      ["?limit=1001", "limit"],
      ["?limit=0", "limit"],
      ["?limit=ten", "limit"],
      ["?offset=-1", "offset"],
      ["?state=open", "state"],
    ]
  ) {
    await t.step(`${query} is refused naming ${field}`, async () => {
      const r = await s.app.request(`/api/tasks${query}`);
      assert.equal(r.status, 400);
      const body = await validBody(r, "error") as { error: { field: string; message: string } };
      assert.equal(body.error.field, field);
      assert.match(body.error.message, new RegExp(`^${field}: expected`));
    });
  }
});

Deno.test("createStatusApp() /api/costs is 503 until the store was read", async () => {
  const s = standIn({ snapshot: { ...fixtureSnapshot(), costs: undefined, problems: [] } });
  const r = await s.app.request("/api/costs");
  assert.equal(r.status, 503);
  assert.equal(r.headers.get("Retry-After"), "5");
  await validBody(r, "error");
});

Deno.test("createStatusApp() /healthz is alive; /readyz says which part is not ready", async (t) => {
  const s = standIn();
  await t.step("healthz", async () => {
    const r = await s.app.request("/healthz");
    assert.equal(r.status, 200);
    assert.equal(await r.text(), "ok\n");
  });
  const cases: [boolean, boolean, number][] = [
    [true, true, 200],
    [false, true, 503],
    [true, false, 503],
    [false, false, 503],
  ];
  for (const [engine, database, status] of cases) {
    await t.step(`engine ${engine}, database ${database}: ${status}`, async () => {
      s.ready = { engine, database, detail: engine && database ? "" : "something is down" };
      const r = await s.app.request("/readyz");
      assert.equal(r.status, status);
      const body = await validBody(r, "ready") as Record<string, unknown>;
      assert.deepEqual(
        { ready: body["ready"], engine: body["engine"], database: body["database"] },
        { ready: engine && database, engine, database },
      );
    });
  }
  await t.step("a readiness check that fails is not ready", async () => {
    s.deps.ready = () => Promise.reject(new Error("lock file unreadable"));
    const app = (await import("../../src/server/mod.ts")).createStatusApp(s.deps);
    const r = await app.request("/readyz");
    assert.equal(r.status, 503);
    const body = await validBody(r, "ready") as { detail: string };
    assert.match(body.detail, /lock file unreadable/);
  });
});

Deno.test("createStatusApp() answers unknown routes 404 and wrong methods 405 with Allow", async (t) => {
  const s = standIn({ token: "a-long-enough-test-token" });
  const cases: [string, string, number, string | null][] = [
    ["GET", "/nope", 404, null],
    ["GET", "/api", 404, null],
    ["GET", "/api/status/", 404, null],
    ["GET", "/api/actions/explode", 404, null],
    ["POST", "/api/actions/explode", 404, null],
    ["POST", "/api/status", 405, "GET, HEAD"],
    ["DELETE", "/api/workers", 405, "GET, HEAD"],
    ["PUT", "/", 405, "GET, HEAD"],
    ["OPTIONS", "/events", 405, "GET, HEAD"],
    ["POST", "/metrics", 405, "GET, HEAD"],
    ["POST", "/assets/app.js", 405, "GET, HEAD"],
    ["GET", "/api/actions/spawn", 405, "POST"],
    ["DELETE", "/api/actions/kill", 405, "POST"],
  ];
  for (const [method, path, status, allow] of cases) {
    await t.step(`${method} ${path}: ${status}`, async () => {
      const r = await s.app.request(path, { method });
      assert.equal(r.status, status);
      assert.equal(r.headers.get("Allow"), allow);
      assertSecureHeaders(r);
      await validBody(r, "error");
    });
  }
});

Deno.test("createStatusApp() serves only its known assets; traversal in any spelling is 404", async (t) => {
  const s = standIn();
  await t.step("a known asset, with its type", async () => {
    const r = await s.app.request("/assets/app.js");
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("Content-Type"), "text/javascript; charset=utf-8");
    assert.equal(r.headers.get("Cache-Control"), "no-cache");
    assertSecureHeaders(r);
    assert.equal(await r.text(), "console.log(1);");
  });
  const hostile = [
    "/assets/missing.js",
    "/assets/",
    "/assets/../../etc/passwd",
    "/assets/%2e%2e/%2e%2e/etc/passwd",
    "/assets/..%2f..%2fetc%2fpasswd",
    "/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/assets/..%5c..%5cetc%5cpasswd",
    "/assets/%252e%252e%252fetc%252fpasswd",
    "/assets/app.js%00.png",
    "/assets/app.js/../../../etc/passwd",
    "/assets/__proto__",
    "/assets/constructor",
    "/assets/.%2fapp.js",
    "/assets/app%2ejs",
  ];
  for (const path of hostile) {
    await t.step(path, async () => {
      const r = await s.app.request(`http://localhost${path}`);
      assert.equal(r.status, 404);
      const text = await r.text();
      assert.doesNotMatch(text, /root:|console\.log/);
      assert.deepEqual(Object.keys(JSON.parse(text)), ["error"]);
    });
  }
});

Deno.test("createStatusApp() answers a failing page with a 500 that says nothing inside", async () => {
  const s = standIn();
  s.deps.renderPage = () => {
    throw new Error("template exploded at /home/dev/secret/path");
  };
  const app = (await import("../../src/server/mod.ts")).createStatusApp(s.deps);
  const r = await app.request("/");
  assert.equal(r.status, 500);
  assertSecureHeaders(r);
  assert.deepEqual(await r.json(), { error: { code: "INTERNAL", message: "internal error" } });
  assert.equal(s.errors.length, 1);
});

Deno.test("createStatusApp() hands the page a snapshot whose hostile text the page escapes", async () => {
  const hostile = `<script>alert("t")</script> 'q' \u001b[2J`;
  const base = fixtureSnapshot({ beads: 5, title: () => hostile });
  const line = { at: base.at, level: "warn" as const, source: "sim-alpha", message: hostile };
  const s = standIn({ snapshot: { ...base, activity: [line] } });
  const html = await (await s.app.request("/")).text();
  assert.ok(!html.includes("<script>"), html);
  assert.ok(!html.includes("\u001b"));
  const escaped = "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &#39;q&#39; \u241b[2J";
  assert.equal(html.split(escaped).length - 1, 6, "five titles and one log line, escaped");
  const tasks = await validBody(await s.app.request("/api/tasks"), "tasks") as { title: string }[];
  assert.ok(tasks.every((t) => t.title === hostile), "JSON keeps the text exactly");
});
