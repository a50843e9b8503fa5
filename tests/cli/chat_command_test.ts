import assert from "node:assert/strict";
import { join } from "node:path";
import type { ForgeSandbox } from "../helpers/forge_env.ts";
import { lastUserText, llmCalls, llmError, llmText, startFakeOpenAi } from "../chat/_fake_llm.ts";
import { FAST_SIM, listWorkers, workerSandbox } from "./_workers.ts";

interface AuditRow {
  interface: string;
  action: string;
  target: string;
  outcome: string;
}

async function auditRows(sb: ForgeSandbox): Promise<AuditRow[]> {
  const run = await sb.forge(["audit", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout).entries;
}

const KEY = "fake-openai-key-0c4d";

Deno.test("forge chat spawns workers from the fast path with no backend configured", async (t) => {
  await using sb = await workerSandbox("chatfast");
  await Deno.writeTextFile(join(sb.home, "config.yaml"), "routing: {workers: [sim]}\n");
  await t.step("spawn 2 sim workers", async () => {
    const run = await sb.forge(["chat", "spawn 2 sim workers"], { env: FAST_SIM });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^✓ spawned sim-\w+, sim-\w+$/m);
    assert.equal((await listWorkers(sb)).length, 2);
    const spawns = (await auditRows(sb)).filter((r) => r.action === "spawn");
    assert.deepEqual(spawns.map((r) => [r.interface, r.outcome]), [["chat", "ok"], ["chat", "ok"]]);
  });
  await t.step("kill all needs a confirmation no one can give without a terminal", async () => {
    const run = await sb.forge(["chat", "kill all"]);
    assert.equal(run.code, 2, run.stdout);
    assert.match(run.stdout, /Not done: kill every worker was not confirmed/);
    assert.match(run.stderr, /--yes/);
    assert.equal((await listWorkers(sb)).length, 2);
  });
  await t.step("the request from stdin with -, and none at all is a usage error", async () => {
    const piped = await sb.forge(["chat", "-"], { stdin: "show workers\n" });
    assert.equal(piped.code, 0, piped.stderr);
    assert.match(piped.stdout, /^✓ 2 workers/m);
    const none = await sb.forge(["chat"], { stdin: "" });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Cannot chat: no request given/);
    const logs = await sb.forge(["chat", "go to logs"]);
    assert.match(logs.stdout, /forge logs <worker>/);
  });
  await t.step("a free-form request says no backend is configured", async () => {
    const run = await sb.forge(["chat", "make the flaky tests pass"]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Not understood.*no chat backend is configured/);
  });
  await t.step("--yes confirms, --json answers for scripts, --history shows it all", async () => {
    const run = await sb.forge(["chat", "--yes", "--json", "kill all"]);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.answered_by, "fast-path");
    assert.deepEqual(out.calls.map((c: { tool: string; outcome: string }) => [c.tool, c.outcome]), [
      ["kill_workers", "done"],
    ]);
    assert.deepEqual(await listWorkers(sb), []);
    const history = JSON.parse((await sb.forge(["chat", "--history", "10", "--json"])).stdout);
    assert.deepEqual(
      history.entries.map((e: { text: string }) => e.text),
      [
        "spawn 2 sim workers",
        "kill all",
        "show workers",
        "go to logs",
        "make the flaky tests pass",
        "kill all",
      ],
    );
  });
});

Deno.test("forge chat turns a free-form request into tool calls through an OpenAI-compatible server", async (t) => {
  await using sb = await workerSandbox("chatllm");
  await using llm = startFakeOpenAi({ apiKey: KEY });
  llm.fallback = (request) =>
    /couple more hands/.test(lastUserText(request))
      ? llmCalls(
        [{ tool: "spawn_workers", arguments: { worker: "sim", count: 3 } }],
        "Starting three sim workers.",
      )
      : llmText("I can only help with the fleet.");
  await Deno.writeTextFile(
    join(sb.home, "config.yaml"),
    [
      "routing: {workers: [sim]}",
      "chat:",
      "  backend: openai",
      `  url: ${llm.url}`,
      "  model: test-model",
      "  api_key: ${env:FAKE_OPENAI_KEY}",
      "  max_retries: 1",
      "",
    ].join("\n"),
  );
  const env = { ...FAST_SIM, FAKE_OPENAI_KEY: KEY };
  const ask = "we need a couple more hands on the queue";

  await t.step("without a terminal the spawn is asked for, not run", async () => {
    const run = await sb.forge(["chat", ask], { env });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stdout, /Starting three sim workers\./);
    assert.match(run.stdout, /Not done: spawn 3 sim workers was not confirmed/);
    assert.deepEqual(await listWorkers(sb), []);
    const sent = llm.requests.at(-1)?.body as { tools: { function: { name: string } }[] };
    assert.ok(sent.tools.some((t) => t.function.name === "spawn_workers"));
    assert.equal(llm.requests.at(-1)?.headers["authorization"], `Bearer ${KEY}`);
  });

  await t.step("confirmed, it runs and forge audit shows it came through chat", async () => {
    const run = await sb.forge(["chat", "--yes", ask], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /✓ spawned sim-\w+, sim-\w+, sim-\w+/);
    assert.equal((await listWorkers(sb)).length, 3);
    const rows = await auditRows(sb);
    const spawns = rows.filter((r) => r.action === "spawn");
    assert.equal(spawns.length, 3);
    assert.ok(spawns.every((r) => r.interface === "chat" && r.outcome === "ok"));
    const declined = rows.find((r) => r.action === "chat.spawn_workers");
    assert.equal(declined?.outcome, "refused", "the unconfirmed first try is audited too");
    const history = JSON.parse((await sb.forge(["chat", "--history", "1", "--json"])).stdout);
    assert.equal(history.entries[0].answered_by, "openai (test-model)");
  });

  await t.step("a failing server is reported; the fast path still works", async () => {
    llm.script(llmError(500, "overloaded"), llmError(500, "overloaded"));
    const run = await sb.forge(["chat", "how is it going over there"], { env });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /500.*fast-path commands still work/s);
    assert.ok(!run.stdout.includes(KEY) && !run.stderr.includes(KEY));
    const fast = await sb.forge(["chat", "--yes", "kill all"], { env });
    assert.equal(fast.code, 0, fast.stderr);
    assert.deepEqual(await listWorkers(sb), []);
  });
});
