import assert from "node:assert/strict";
import {
  type CommandContext,
  type CommandOutcome,
  parseCommandLine,
} from "../../src/dashboard/command_line.ts";

const CONTEXT: CommandContext = {
  workers: ["sim-alpha", "sim-beta", "claude-gamma"],
  workerTypes: ["sim", "claude-code"],
  defaultWorker: "sim",
};

function parse(text: string, context = CONTEXT): CommandOutcome {
  return parseCommandLine(text, context);
}

function errorOf(text: string, context = CONTEXT): { message: string; suggestions: string[] } {
  const outcome = parse(text, context);
  assert.equal(outcome.kind, "error", `expected an error for "${text}", got ${outcome.kind}`);
  if (outcome.kind !== "error") throw new Error("unreachable");
  return { message: outcome.message, suggestions: [...outcome.suggestions] };
}

Deno.test("parseCommandLine() reads spawn with the count and config in either order", async (t) => {
  const cases: [text: string, worker: string, count: number][] = [
    ["spawn sim 2", "sim", 2],
    ["spawn 2 sim", "sim", 2],
    ["spawn claude-code", "claude-code", 1],
    ["spawn", "sim", 1],
    ["spawn 3", "sim", 3],
    ["spawn 2 sim workers", "sim", 2],
    ["SPAWN Claude-Code 20", "claude-code", 20],
    [":spawn sim 1", "sim", 1],
    ["  spawn   sim   2 ", "sim", 2],
    ["start 2 sim", "sim", 2],
  ];
  for (const [text, worker, count] of cases) {
    await t.step(text, () => {
      assert.deepEqual(parse(text), { kind: "action", action: { kind: "spawn", worker, count } });
    });
  }
});

Deno.test("parseCommandLine() refuses spawn counts outside 1..20 with the range", async (t) => {
  for (const count of ["0", "21", "-1", "2.5", "100000000000000000000"]) {
    await t.step(count, () => {
      const { message } = errorOf(`spawn sim ${count}`);
      assert.match(message, new RegExp(`"${count.replace(".", "\\.")}"`));
      assert.match(message, /1 to 20/);
    });
  }
});

Deno.test("parseCommandLine() names the known configs for an unknown one and suggests the closest", () => {
  const { message, suggestions } = errorOf("spawn clade-code 2");
  assert.match(message, /"clade-code"/);
  assert.match(message, /known: sim, claude-code/);
  assert.deepEqual(suggestions, ["spawn claude-code 2"]);
});

Deno.test("parseCommandLine() asks for a config when spawn has none and there is no default", () => {
  const { message, suggestions } = errorOf("spawn 2", { ...CONTEXT, defaultWorker: undefined });
  assert.match(message, /name a worker config/);
  assert.deepEqual(suggestions, ["spawn sim 2", "spawn claude-code 2"]);
});

Deno.test("parseCommandLine() refuses two counts or two configs in one spawn", () => {
  assert.match(errorOf("spawn 2 3").message, /one count/);
  assert.match(errorOf("spawn sim claude-code").message, /one worker config/);
});

Deno.test("parseCommandLine() reads kill, pause and resume of one worker or all", async (t) => {
  const cases: [text: string, kind: string, target: string][] = [
    ["kill sim-alpha", "kill", "sim-alpha"],
    ["kill all", "kill", "all"],
    ["kill all workers", "kill", "all"],
    ["pause sim-beta", "pause", "sim-beta"],
    ["pause ALL", "pause", "all"],
    ["resume claude-gamma", "resume", "claude-gamma"],
    ["resume all", "resume", "all"],
    ["kill SIM-ALPHA", "kill", "sim-alpha"],
  ];
  for (const [text, kind, target] of cases) {
    await t.step(text, () => {
      assert.deepEqual(parse(text), { kind: "action", action: { kind, target } });
    });
  }
});

Deno.test("parseCommandLine() names the known workers for an unknown id and suggests the closest", () => {
  const { message, suggestions } = errorOf("kill sim-alpah");
  assert.equal(
    message,
    'Cannot kill "sim-alpah": no such worker (known: sim-alpha, sim-beta, claude-gamma)',
  );
  assert.deepEqual(suggestions, ["kill sim-alpha"]);
});

Deno.test("parseCommandLine() says there are no workers when none is listed", () => {
  const { message, suggestions } = errorOf("pause sim-alpha", { ...CONTEXT, workers: [] });
  assert.match(message, /there are no workers/);
  assert.deepEqual(suggestions, []);
});

Deno.test("parseCommandLine() asks which worker when kill names none or several", () => {
  const none = errorOf("kill");
  assert.match(none.message, /name one worker or "all"/);
  assert.deepEqual(none.suggestions, ["kill sim-alpha", "kill sim-beta", "kill all"]);
  assert.match(errorOf("kill sim-alpha sim-beta").message, /"sim-alpha sim-beta"/);
});

Deno.test("parseCommandLine() shortens a long list of known workers", () => {
  const workers = Array.from({ length: 12 }, (_, i) => `w${i}`);
  const { message } = errorOf("kill nobody-here", { ...CONTEXT, workers });
  assert.match(message, /known: w0, w1, w2, w3, w4, w5, w6, w7, … 12 in all\)/);
});

Deno.test("parseCommandLine() reads assign with or without 'to'", () => {
  const action = { kind: "assign", bead: "bd-12", worker: "sim-alpha" };
  assert.deepEqual(parse("assign bd-12 sim-alpha"), { kind: "action", action });
  assert.deepEqual(parse("assign bd-12 to sim-alpha"), { kind: "action", action });
  assert.deepEqual(parse("assign BD-12 sim-alpha"), {
    kind: "action",
    action: { ...action, bead: "BD-12" },
  });
});

Deno.test("parseCommandLine() refuses assign to an unknown worker with a suggestion", () => {
  const { message, suggestions } = errorOf("assign bd-12 sim-bta");
  assert.match(message, /Cannot assign bd-12 to "sim-bta": no such worker/);
  assert.deepEqual(suggestions, ["assign bd-12 sim-beta"]);
  assert.deepEqual(parse("assign bd-12"), {
    kind: "action",
    action: { kind: "assign", bead: "bd-12", worker: "auto" },
  });
  assert.match(errorOf("assign").message, /name a bead/);
});

Deno.test("parseCommandLine() reads ack of one alert id or all", async (t) => {
  await t.step("ack 3", () => {
    assert.deepEqual(parse("ack 3"), { kind: "action", action: { kind: "ack", alert: 3 } });
  });
  await t.step("ack #7", () => {
    assert.deepEqual(parse("ack #7"), { kind: "action", action: { kind: "ack", alert: 7 } });
  });
  await t.step("ack all", () => {
    assert.deepEqual(parse("ack all"), { kind: "action", action: { kind: "ack", alert: "all" } });
  });
  for (const bad of ["ack", "ack 0", "ack x", "ack 1 2", "ack 1.5"]) {
    await t.step(bad, () => assert.match(errorOf(bad).message, /alert id/));
  }
});

Deno.test("parseCommandLine() switches views by name, alias and phrase", async (t) => {
  const cases: [text: string, view: string][] = [
    ["tasks", "tasks"],
    ["costs", "costs"],
    ["Workers", "workers"],
    ["show alerts", "alerts"],
    ["go to logs", "logs"],
    ["routing view", "routing"],
    ["subs", "subscriptions"],
    ["dashboard", "overview"],
    ["metrics?", "metrics"],
  ];
  for (const [text, view] of cases) {
    await t.step(text, () => assert.deepEqual(parse(text), { kind: "view", view }));
  }
});

Deno.test("parseCommandLine() reads help and quit", () => {
  assert.deepEqual(parse("help"), { kind: "help" });
  assert.deepEqual(parse("?"), { kind: "help" });
  assert.deepEqual(parse("help spawn"), { kind: "help" });
  assert.deepEqual(parse("quit"), { kind: "quit" });
  assert.deepEqual(parse("exit"), { kind: "quit" });
  assert.equal(parse("quit the job").kind, "error");
});

Deno.test("parseCommandLine() answers unknown words with what to try", () => {
  const { message, suggestions } = errorOf("make me a sandwich");
  assert.equal(
    message,
    'not understood: "make me a sandwich" — try: spawn sim 2, kill <worker>, pause all, tasks, help',
  );
  assert.deepEqual(suggestions, []);
});

Deno.test("parseCommandLine() suggests the command a misspelt verb meant, arguments mended too", async (t) => {
  const cases: [text: string, suggestion: string][] = [
    ["kil sim-alpha", "kill sim-alpha"],
    ["kil sim-alpah", "kill sim-alpha"],
    ["spwan sim 2", "spawn sim 2"],
    ["tsks", "tasks"],
    ["pasue all", "pause all"],
    ["resme sim-beta", "resume sim-beta"],
  ];
  for (const [text, suggestion] of cases) {
    await t.step(text, () => {
      const { message, suggestions } = errorOf(text);
      assert.match(message, /^not understood: /);
      assert.deepEqual(suggestions, [suggestion]);
    });
  }
});

Deno.test("parseCommandLine() does not guess from one- or two-letter words", () => {
  assert.deepEqual(errorOf("ki").suggestions, []);
  assert.deepEqual(errorOf("x sim-alpha").suggestions, []);
});

Deno.test("parseCommandLine() names the default worker in its hint", () => {
  const { message } = errorOf("blah", { ...CONTEXT, defaultWorker: "claude-code" });
  assert.match(message, /try: spawn claude-code 2,/);
});

Deno.test("parseCommandLine() treats an empty line as not understood", () => {
  assert.match(errorOf("   ").message, /^not understood/);
});
