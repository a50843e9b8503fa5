/**
 * `forge serve` and `--serve` as users run them, as child processes of a sandbox: refusing to
 * serve beyond loopback without a token (before anything binds or starts), a port in use named
 * with what to do, `--port 0 --json` printing where it listens, and SIGTERM stopping it cleanly;
 * `forge run --serve` beside the engine (ready once it runs); `forge demo --serve 127.0.0.1:0
 * --json` off a terminal serving the demo until SIGTERM, then cleaning up.
 */
import assert from "node:assert/strict";
import { forgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { startForge, writeBeads } from "../integration/_run.ts";

const REFUSAL = "refusing to serve on 0.0.0.0 without a token — anyone who can reach this " +
  "machine could read the fleet (pass --token or FORGE_SERVE_TOKEN, or bind 127.0.0.1)";

Deno.test("forge serve refuses 0.0.0.0 without a token, before binding (exit 2)", async (t) => {
  await using sb = await forgeSandbox("serve-refuse");
  const cases: [string, string[], Record<string, string>][] = [
    ["forge serve --host 0.0.0.0", ["serve", "--host", "0.0.0.0", "--port", "0"], {}],
    ["an empty FORGE_SERVE_TOKEN", ["serve", "--host", "0.0.0.0", "--port", "0"], {
      FORGE_SERVE_TOKEN: "",
    }],
    ["forge run --serve 0.0.0.0:0", ["run", "--serve", "0.0.0.0:0"], {}],
    ["forge demo --serve 0.0.0.0:0", ["demo", "--serve", "0.0.0.0:0"], {}],
  ];
  for (const [name, args, env] of cases) {
    await t.step(name, async () => {
      const run = await sb.forge(args, { env });
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr.trim(), `error: ${REFUSAL}`);
      assert.equal(run.stdout, "");
    });
  }
  await t.step("a port that is not one", async () => {
    const run = await sb.forge(["serve", "--port", "70000"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Cannot use port "70000": expected a whole number from 0 to 65535/);
  });
});

Deno.test("forge serve names a port in use and how to get a free one", async () => {
  await using sb = await forgeSandbox("serve-busy");
  using taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (taken.addr as Deno.NetAddr).port;
  const run = await sb.forge(["serve", "--port", String(port)]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(
    run.stderr,
    new RegExp(`Cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use`),
  );
  assert.match(run.stderr, /--port 0 takes any free one/);
});

Deno.test("forge serve --port 0 --json prints where it listens, serves, and stops on SIGTERM", async () => {
  await using sb = await forgeSandbox("serve-run");
  const run = startForge(sb, ["serve", "--port", "0", "--json", "--token", "cli-test-token-123"]);
  try {
    const line = await run.waitForLine(/^\{"url":/);
    const where = JSON.parse(line);
    assert.deepEqual(Object.keys(where), ["url", "port", "read_only"]);
    assert.equal(where.url, `http://127.0.0.1:${where.port}`);
    assert.equal(where.read_only, false);
    await run.waitForLine(
      /^serving http:\/\/127\.0\.0\.1:\d+ \(actions need the token\); observing/,
    );
    const health = await fetch(`${where.url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(await health.text(), "ok\n");
    const status = await (await fetch(`${where.url}/api/status`)).json();
    assert.equal(status.role, "observer");
    assert.equal(run.lines.some((l) => l.includes("cli-test-token-123")), false);
    run.signal("SIGTERM");
    assert.equal(await run.exited, 0);
    await assert.rejects(fetch(`${where.url}/healthz`));
  } finally {
    run.signal("SIGKILL");
    await run.exited;
  }
});

Deno.test("forge demo --serve 127.0.0.1:0 --json serves the demo off a terminal until SIGTERM", async () => {
  await using sb = await forgeSandbox("serve-demo");
  const run = startForge(sb, ["demo", "--serve", "127.0.0.1:0", "--json", "--beads", "4"], {
    TMPDIR: sb.root,
  });
  try {
    const where = JSON.parse(await run.waitForLine(/^\{"url":/, 30_000));
    assert.equal(where.read_only, true);
    const status = await waitFor(async () => {
      const s = await (await fetch(`${where.url}/api/status`)).json();
      return s.engine.running ? s : undefined;
    }, { timeoutMs: 30_000, what: "the demo's engine in /api/status" });
    assert.equal(status.role, "orchestrator");
    assert.equal(status.workspaces.length, 1);
    const page = await fetch(where.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<!DOCTYPE html>/);
    assert.ok(!run.lines.some((l) => l.startsWith("FORGE demo — ")), "no live view with --json");
    run.signal("SIGTERM");
    assert.equal(await run.exited, 0);
    const left = [];
    for await (const e of Deno.readDir(sb.root)) if (e.name.startsWith("forge_demo_")) left.push(e);
    assert.deepEqual(left, [], "the demo's folder is removed");
    const sessions = await sb.tmux(["list-sessions", "-F", "#S"]);
    assert.equal(sessions.stdout.trim(), "", "no worker left running");
  } finally {
    run.signal("SIGKILL");
    await run.exited;
  }
});

Deno.test("forge run --serve serves beside the engine, ready once it runs", async () => {
  await using sb = await forgeSandbox("serve-beside");
  // Blocked by a bead that does not exist: the engine runs and has nothing to start.
  await writeBeads(sb, [{ id: "t-1", blockedBy: ["t-0"] }]);
  const run = startForge(sb, ["run", "--serve", "127.0.0.1:0", "--json"], {
    FORGE_SERVE_TOKEN: "beside-token-0123456789",
  });
  try {
    const where = JSON.parse(await run.waitForLine(/^\{"url":/));
    assert.equal(where.read_only, false);
    const ready = await waitFor(async () => {
      const r = await fetch(`${where.url}/readyz`);
      const body = await r.json();
      return r.status === 200 ? body : undefined;
    }, { what: "/readyz to say ready" });
    assert.deepEqual(ready, { ready: true, engine: true, database: true, detail: "" });
    const status = await (await fetch(`${where.url}/api/status`)).json();
    assert.equal(status.role, "orchestrator");
    assert.equal(status.beads.blocked, 1);
    const refused = await fetch(`${where.url}/api/actions/pause`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ target: "all" }),
    });
    assert.equal(refused.status, 401);
    await refused.body?.cancel();
    run.signal("SIGTERM");
    assert.equal(await run.exited, 0);
  } finally {
    run.signal("SIGKILL");
    await run.exited;
  }
});
