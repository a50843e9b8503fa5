import assert from "node:assert/strict";
import { type Args, CONTEXT, expectCalls, failureOf, parse } from "./_fast_path_fixture.ts";

// --- The dashboard command line's own commands (ported from tests/dashboard/command_line_test.ts)

Deno.test("parseFastPath() reads spawn with the count and config in either order", async (t) => {
  const spawn = (worker: string, count: number): Args => ({ worker, count });
  await expectCalls(t, [
    ["spawn sim 2", "spawn_workers", spawn("sim", 2)],
    ["spawn 2 sim", "spawn_workers", spawn("sim", 2)],
    ["spawn claude-code", "spawn_workers", spawn("claude-code", 1)],
    ["spawn", "spawn_workers", spawn("sim", 1)],
    ["spawn 3", "spawn_workers", spawn("sim", 3)],
    ["spawn 2 sim workers", "spawn_workers", spawn("sim", 2)],
    ["SPAWN Claude-Code 20", "spawn_workers", spawn("claude-code", 20)],
    [":spawn sim 1", "spawn_workers", spawn("sim", 1)],
    ["  spawn   sim   2 ", "spawn_workers", spawn("sim", 2)],
    ["start 2 sim", "spawn_workers", spawn("sim", 2)],
  ]);
});

Deno.test("parseFastPath() refuses spawn counts outside 1..20 with the range", async (t) => {
  for (const count of ["0", "21", "-1", "2.5", "100000000000000000000", "zero"]) {
    await t.step(count, () => {
      const { message } = failureOf("error", `spawn sim ${count}`);
      assert.match(message, new RegExp(`"${count.replace(".", "\\.")}"`));
      assert.match(message, /1 to 20/);
    });
  }
});

Deno.test("parseFastPath() names the known configs for an unknown one and suggests the closest", () => {
  const { message, suggestions } = failureOf("error", "spawn clade-code 2");
  assert.equal(
    message,
    'Cannot spawn "clade-code": no worker config has that name or model ' +
      "(known: sim, claude-code, opus-coder)",
  );
  assert.deepEqual(suggestions, ["spawn claude-code 2"]);
});

Deno.test("parseFastPath() asks for a config when spawn has none and there is no default", () => {
  const { message, suggestions } = failureOf("error", "spawn 2", {
    ...CONTEXT,
    defaultWorker: undefined,
  });
  assert.match(message, /name a worker config/);
  assert.deepEqual(suggestions, ["spawn sim 2", "spawn claude-code 2", "spawn opus-coder 2"]);
});

Deno.test("parseFastPath() refuses two counts or two configs in one spawn", () => {
  assert.match(failureOf("error", "spawn 2 3").message, /one count/);
  assert.match(failureOf("error", "spawn two 3").message, /one count/);
  assert.match(failureOf("error", "spawn sim claude-code").message, /one worker config/);
});

Deno.test("parseFastPath() reads kill, pause and resume of one worker or all", async (t) => {
  await expectCalls(t, [
    ["kill sim-alpha", "kill_workers", { worker: "sim-alpha" }],
    ["kill all", "kill_workers", { worker: "all" }],
    ["kill all workers", "kill_workers", { worker: "all" }],
    ["pause sim-beta", "pause_workers", { worker: "sim-beta" }],
    ["pause ALL", "pause_workers", { worker: "all" }],
    ["resume claude-gamma", "resume_workers", { worker: "claude-gamma" }],
    ["resume all", "resume_workers", { worker: "all" }],
    ["kill SIM-ALPHA", "kill_workers", { worker: "sim-alpha" }],
    ["kill worker sim-alpha", "kill_workers", { worker: "sim-alpha" }],
  ]);
});

Deno.test("parseFastPath() names the known workers for an unknown id and suggests the closest", () => {
  const { message, suggestions } = failureOf("error", "kill sim-alpah");
  assert.equal(
    message,
    'Cannot kill "sim-alpah": no such worker (known: sim-alpha, sim-beta, claude-gamma)',
  );
  assert.deepEqual(suggestions, ["kill sim-alpha"]);
});

Deno.test("parseFastPath() says there are no workers when none is listed", () => {
  const { message, suggestions } = failureOf("error", "pause sim-alpha", {
    ...CONTEXT,
    workers: [],
  });
  assert.match(message, /there are no workers/);
  assert.deepEqual(suggestions, []);
});

Deno.test("parseFastPath() asks which worker when kill or pause names none or several", () => {
  const none = failureOf("error", "kill");
  assert.match(none.message, /name one worker or "all"/);
  assert.deepEqual(none.suggestions, ["kill sim-alpha", "kill sim-beta", "kill all"]);
  assert.match(failureOf("error", "pause").message, /name one worker or "all"/);
  assert.match(failureOf("error", "kill sim-alpha sim-beta").message, /"sim-alpha sim-beta"/);
});

Deno.test("parseFastPath() shortens a long list of known workers", () => {
  const workers = Array.from({ length: 12 }, (_, i) => ({ id: `w${i}` }));
  const { message } = failureOf("error", "kill nobody-here", { ...CONTEXT, workers });
  assert.match(message, /known: w0, w1, w2, w3, w4, w5, w6, w7, … 12 in all\)/);
});

Deno.test("parseFastPath() reads assign with or without 'to', keeping the bead id as typed", async (t) => {
  await expectCalls(t, [
    ["assign bd-12 sim-alpha", "assign_bead", { bead: "bd-12", worker: "sim-alpha" }],
    ["assign bd-12 to sim-alpha", "assign_bead", { bead: "bd-12", worker: "sim-alpha" }],
    ["assign BD-12 sim-alpha", "assign_bead", { bead: "BD-12", worker: "sim-alpha" }],
    ["assign bd-12", "assign_bead", { bead: "bd-12", worker: "auto" }],
    ["assign bd-12 auto", "assign_bead", { bead: "bd-12", worker: "auto" }],
    ["assign bd-12 to sim", "assign_bead", { bead: "bd-12", worker: "sim" }],
    ["assign bd-42 to opus", "assign_bead", { bead: "bd-42", worker: "opus-coder" }],
    ["assign bd-42 to a gpt worker", "assign_bead", { bead: "bd-42", worker: "gpt" }],
  ]);
});

Deno.test("parseFastPath() refuses assign to an unknown worker with a suggestion", () => {
  const { message, suggestions } = failureOf("error", "assign bd-12 sim-bta");
  assert.match(message, /Cannot assign bd-12 to "sim-bta": no such worker/);
  assert.deepEqual(suggestions, ["assign bd-12 sim-beta"]);
  assert.match(failureOf("error", "assign").message, /name a bead/);
  assert.match(failureOf("error", "assign bd-12 sim-alpha sim-beta").message, /one bead/);
});

Deno.test("parseFastPath() reads ack of one alert id or all, and refuses anything else", async (t) => {
  await expectCalls(t, [
    ["ack 3", "acknowledge_alerts", { alert: 3 }],
    ["ack #7", "acknowledge_alerts", { alert: 7 }],
    ["ack all", "acknowledge_alerts", { alert: "all" }],
  ]);
  for (const bad of ["ack", "ack 0", "ack x", "ack 1 2", "ack 1.5"]) {
    await t.step(bad, () => assert.match(failureOf("error", bad).message, /alert id/));
  }
});

Deno.test("parseFastPath() switches views by name, alias and phrase", async (t) => {
  const cases: [text: string, view: string][] = [
    ["tasks", "tasks"],
    ["costs", "costs"],
    ["Workers", "workers"],
    ["go to logs", "logs"],
    ["routing view", "routing"],
    ["subs", "subscriptions"],
    ["subscriptions", "subscriptions"],
    ["dashboard", "overview"],
    ["metrics?", "metrics"],
    ["open the costs view", "costs"],
    ["switch to alerts", "alerts"],
    ["show overview", "overview"],
    ["activity log", "logs"],
  ];
  await expectCalls(t, cases.map(([text, view]) => [text, "switch_view", { view }]));
});

Deno.test("parseFastPath() reads help and quit", async (t) => {
  await expectCalls(t, [
    ["help", "help", {}],
    ["?", "help", {}],
    ["what can you do?", "help", {}],
    ["help spawn", "help", { topic: "spawn" }],
    ["help me with costs", "help", { topic: "costs" }],
  ]);
  assert.deepEqual(parse("quit"), { kind: "quit" });
  assert.deepEqual(parse("exit"), { kind: "quit" });
  assert.equal(parse("quit the job").kind, "unknown");
});

Deno.test("parseFastPath() answers unknown words with what to try", () => {
  const { message, suggestions } = failureOf("unknown", "make me a sandwich");
  assert.equal(
    message,
    'Not understood: "make me a sandwich" — try: spawn 2 sim, pause all, show costs this week, ' +
      "why is bd-12 waiting, help",
  );
  assert.deepEqual(suggestions, []);
  const other = { ...CONTEXT, defaultWorker: "claude-code" };
  assert.match(failureOf("unknown", "blah", other).message, /try: spawn 2 claude-code,/);
  assert.match(failureOf("unknown", "   ").message, /^Not understood/);
});

Deno.test("parseFastPath() suggests the command a misspelt word meant, arguments mended too", async (t) => {
  const cases: [text: string, suggestion: string][] = [
    ["kil sim-alpha", "kill sim-alpha"],
    ["kil sim-alpah", "kill sim-alpha"],
    ["spwan sim 2", "spawn sim 2"],
    ["tsks", "tasks"],
    ["pasue all", "pause all"],
    ["resme sim-beta", "resume sim-beta"],
    ["show cots this week", "show costs this week"],
  ];
  for (const [text, suggestion] of cases) {
    await t.step(text, () => {
      const { message, suggestions } = failureOf("unknown", text);
      assert.match(message, /^Not understood: /);
      assert.deepEqual(suggestions, [suggestion]);
    });
  }
  await t.step("not from one- or two-letter words, nor from unrelated short ones", () => {
    assert.deepEqual(failureOf("unknown", "ki").suggestions, []);
    assert.deepEqual(failureOf("unknown", "x sim-alpha").suggestions, []);
    assert.deepEqual(failureOf("unknown", "open").suggestions, []);
    assert.deepEqual(failureOf("unknown", "go to chat").suggestions, []);
    assert.deepEqual(failureOf("unknown", "what did bd-42 cost").suggestions, []);
  });
});
