/**
 * The status server as `forge serve` runs it (the CLI's serve session: a real snapshot source
 * over a real FORGE home, status files, logs, bead files and SQLite, served on 127.0.0.1 port
 * 0): a valid token spawns and kills a real sim worker through the action layer, audited as
 * `http`, and the event stream sees it; no fake key written into a status file, a log line or a
 * bead reaches any response; hostile bead titles and log lines are escaped in the page and
 * intact in the JSON.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServeSession } from "../../src/cli/commands/_serve_session.ts";
import { apiSchemas } from "../../src/domain/mod.ts";
import { statusAppStats } from "../../src/server/mod.ts";
import { classicLine, writeBeadsFile } from "../beads/_beads_fixtures.ts";
import { workerSandbox } from "../cli/_workers.ts";
import { forgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { auditOf, sandboxActions } from "../helpers/sandbox_actions.ts";

const TOKEN = "serve-session-token-4f1d9a";
const LOOPBACK_ANY = { host: "127.0.0.1", port: 0 };

Deno.test("a valid token spawns and kills a real sim worker over HTTP, audited as http", async () => {
  await using sb = await workerSandbox("serve-actions");
  const actions = await sandboxActions(sb);
  const session = await startServeSession(actions, {
    address: LOOPBACK_ANY,
    token: TOKEN,
    role: "observer",
    workspaces: [sb.workspace],
  });
  try {
    assert.equal(session.readOnly, false);
    const act = (kind: string, body: unknown) =>
      fetch(`${session.url}/api/actions/${kind}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      });
    const events = await fetch(`${session.url}/events`);
    const reader = events.body!.getReader();
    await reader.read(); // the state before anything runs

    const spawned = await act("spawn", { worker: "sim", count: 1 });
    const result = await spawned.json();
    assert.equal(spawned.status, 200, JSON.stringify(result));
    assert.ok((await apiSchemas()).actionResult.safeParse(result).success);
    const id = /^spawned ([\w-]+)$/.exec(result.message)?.[1];
    assert.ok(id !== undefined, result.message);

    // The status-file watcher wakes the snapshot: the event stream hears of the new worker.
    const decoder = new TextDecoder();
    let seen = "";
    await waitFor(async () => {
      const { value } = await reader.read();
      seen += decoder.decode(value);
      return /"alive":1/.test(seen);
    }, { what: "an event with the worker alive" });
    await reader.cancel();
    const workers = await (await fetch(`${session.url}/api/workers`)).json();
    assert.deepEqual(workers.map((w: { id: string }) => w.id), [id]);

    const killed = await act("kill", { target: id });
    assert.equal(killed.status, 200, JSON.stringify(await killed.clone().json()));
    const http = auditOf(sb).filter((e) => e.interface === "http");
    assert.deepEqual(http.map((e) => [e.action, e.target]), [["spawn", id], ["kill", id]]);

    const ghost = await act("kill", { target: "sim-nobody" });
    assert.equal(ghost.status, 422);
    assert.match((await ghost.json()).message, /^kill sim-nobody: no such worker/);
  } finally {
    await session.stop();
  }
  assert.equal(statusAppStats(session.app)?.clients, 0);
});

const FAKE_KEY = "sk-ant-api03-Zx9QmT4vLr7KpW2nBc8YdF5hJs3GqE6uAa1oIi0";
const KEY_TAIL = "Zx9QmT4vLr7KpW2nBc8YdF5hJs3GqE6uAa1oIi0";
const HOSTILE = `<script>alert("x")</script> 'q' \u001b[31mred\u001b[0m`;

Deno.test("no secret from status files, logs or beads appears in any response", async () => {
  await using sb = await forgeSandbox("serve-secrets");
  const actions = await sandboxActions(sb);
  const status = join(sb.home, "status");
  await Deno.mkdir(status, { recursive: true });
  await Deno.mkdir(join(sb.home, "logs"), { recursive: true });
  const now = new Date().toISOString();
  await Deno.writeTextFile(
    join(status, "sim-alpha.json"),
    JSON.stringify({
      worker_id: "sim-alpha",
      status: "active",
      model: `claude ${FAKE_KEY}`,
      workspace: sb.workspace,
      pid: Deno.pid,
      started_at: now,
      last_activity: now,
      current_task: `ws-1 ANTHROPIC_API_KEY=${FAKE_KEY}`,
      env: { ANTHROPIC_API_KEY: FAKE_KEY, OPENAI_API_KEY: KEY_TAIL },
      metadata: { token: KEY_TAIL },
    }),
  );
  await Deno.writeTextFile(
    join(sb.home, "logs", "sim-alpha.log"),
    [
      { level: "info", message: `calling the API with ${FAKE_KEY}` },
      { level: "warn", message: HOSTILE },
    ].map((l) => JSON.stringify({ timestamp: now, ...l })).join("\n") + "\n",
  );
  await writeBeadsFile(
    sb.workspace,
    "issues.jsonl",
    [
      classicLine({ id: "ws-1", title: HOSTILE, description: `key: ${FAKE_KEY}` }),
      classicLine({ id: "ws-2", title: `use ${FAKE_KEY} for this` }),
    ].join("\n") + "\n",
  );
  const session = await startServeSession(actions, {
    address: LOOPBACK_ANY,
    token: undefined,
    role: "observer",
    workspaces: [sb.workspace],
  });
  try {
    const get = async (path: string) => {
      const r = await fetch(`${session.url}${path}`);
      return { status: r.status, text: await r.text() };
    };
    const page = await waitFor(async () => {
      const p = await get("/");
      return p.text.includes("calling the API") && p.text.includes("ws-2") ? p : undefined;
    }, { what: "the page to show the log line and the beads" });
    const bodies = new Map<string, string>([["/", page.text]]);
    for (
      const path of [
        "/api/status",
        "/api/workers?all=1",
        "/api/tasks?limit=1000",
        "/api/costs",
        "/api/alerts?all=1",
        "/metrics",
        "/readyz",
        "/healthz",
        "/assets/forge.js",
        "/assets/forge.css",
        "/nope",
      ]
    ) {
      bodies.set(path, (await get(path)).text);
    }
    const events = await fetch(`${session.url}/events`);
    const reader = events.body!.getReader();
    bodies.set("/events", new TextDecoder().decode((await reader.read()).value));
    await reader.cancel();
    for (const [path, text] of bodies) {
      assert.ok(!text.includes("sk-ant-api03"), `${path} shows the key`);
      assert.ok(!text.includes(KEY_TAIL), `${path} shows the key's body`);
    }
    const workers = JSON.parse(bodies.get("/api/workers?all=1") ?? "[]");
    assert.equal(workers[0].model, "claude [redacted]");
    assert.match(page.text, /calling the API with \[redacted\]/);

    // Hostile text: escaped in the page, exact in the JSON.
    assert.ok(!page.text.includes("<script>alert"), "a raw script tag in the page");
    assert.ok(!page.text.includes("\u001b"), "a raw ESC in the page");
    assert.match(page.text, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    const tasks = JSON.parse(bodies.get("/api/tasks?limit=1000") ?? "[]");
    assert.equal(tasks.find((t: { id: string }) => t.id === "ws-1").title, HOSTILE);
  } finally {
    await session.stop();
  }
});
