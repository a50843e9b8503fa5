import assert from "node:assert/strict";
import { type LauncherReport, parseLauncherOutput } from "../../src/workers/mod.ts";

const UNION = {
  worker_id: "sim-alpha",
  pid: 4242,
  status: "spawned",
  session: "sim-alpha",
  model: "sonnet",
  timestamp: "2026-02-17T00:45:22Z",
  bead_id: "fg-1",
};

function report(fields: Partial<LauncherReport>): LauncherReport {
  return {
    workerId: undefined,
    session: undefined,
    pid: undefined,
    status: undefined,
    model: undefined,
    beadId: undefined,
    message: undefined,
    ...fields,
  };
}

const UNION_REPORT = report({
  workerId: "sim-alpha",
  session: "sim-alpha",
  pid: 4242,
  status: "spawned",
  model: "sonnet",
  beadId: "fg-1",
});

function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}

Deno.test("parseLauncherOutput() reads the union of both field sets", () => {
  assert.deepEqual(parseLauncherOutput(`${JSON.stringify(UNION)}\n`), {
    kind: "ok",
    report: UNION_REPORT,
    warnings: [],
  });
});

Deno.test("parseLauncherOutput() leniently accepts what FORGE's reader must tolerate", async (t) => {
  const cases: [string, string, LauncherReport, string[]][] = [
    [
      "text around the JSON",
      `Starting worker…\n${JSON.stringify(UNION)}\ndone.\n`,
      UNION_REPORT,
      [],
    ],
    ["pretty-printed JSON", JSON.stringify(UNION, null, 2), UNION_REPORT, []],
    [
      "only pid and session (the Rust field set)",
      '{"pid": 7, "session": "s-1"}',
      report({
        pid: 7,
        session: "s-1",
      }),
      [],
    ],
    [
      "only worker_id, pid and status (the harness field set)",
      '{"worker_id":"w","pid":7,"status":"spawned"}',
      report({
        workerId: "w",
        pid: 7,
        status: "spawned",
      }),
      [],
    ],
    [
      "bead_ref instead of bead_id",
      '{"session":"s","bead_ref":"fg-2"}',
      report({
        session: "s",
        beadId: "fg-2",
      }),
      [],
    ],
    [
      "a null error and an empty error",
      '{"session":"s","error":null,"message":""}',
      report({
        session: "s",
      }),
      [],
    ],
    ["a pid as a digit string", '{"session":"s","pid":"77"}', report({ session: "s", pid: 77 }), [
      "pid should be a number, not a string",
    ]],
    [
      "a status other than spawned",
      '{"session":"s","status":"running"}',
      report({
        session: "s",
        status: "running",
      }),
      ['status is "running"; launchers should report "spawned"'],
    ],
    ["a bare session name instead of JSON", "  sim-alpha\n", report({ session: "sim-alpha" }), [
      "printed a bare session name instead of JSON",
    ]],
  ];
  for (const [name, stdout, expected, warnings] of cases) {
    await t.step(name, () => {
      assert.deepEqual(parseLauncherOutput(stdout), { kind: "ok", report: expected, warnings });
    });
  }
});

Deno.test("parseLauncherOutput() turns failure signs and garbage into a reason", async (t) => {
  const cases: [string, string, string][] = [
    ["nothing printed", " \n", "printed nothing on stdout (expected one JSON object)"],
    [
      "garbage",
      "Segmentation fault (core dumped)",
      'printed no JSON object: "Segmentation fault (core dumped)"',
    ],
    [
      "garbage cut at 120 characters",
      "x ".repeat(100),
      `printed no JSON object: "${"x ".repeat(60)}"`,
    ],
    ["braces around garbage", "{not json}", `printed invalid JSON (${parseError("{not json}")})`],
    [
      "a truncated object",
      '{"pid": 1, "session": "s"',
      'printed no JSON object: "{"pid": 1, "session": "s""',
    ],
    [
      "an error field",
      '{"pid":0,"session":"","status":"failed","error":"no API key"}',
      "reported an error: no API key",
    ],
    ["an error object", '{"session":"s","error":{"code":3}}', 'reported an error: {"code":3}'],
    ['status "failed"', '{"session":"s","status":"failed"}', 'reported status "failed"'],
    [
      'status "failed" with a message',
      '{"session":"s","status":"failed","message":"tmux missing"}',
      'reported status "failed": tmux missing',
    ],
    ["pid 0", '{"session":"s","pid":0}', "reported pid 0; a live process has a pid above 0"],
    [
      "a negative pid",
      '{"session":"s","pid":-3}',
      "reported pid -3; a live process has a pid above 0",
    ],
    [
      "a fractional pid",
      '{"session":"s","pid":1.5}',
      "reported pid 1.5; a live process has a pid above 0",
    ],
    [
      "a pid that is not a number",
      '{"session":"s","pid":"abc"}',
      'reported pid "abc", not a number',
    ],
    ["a boolean pid", '{"session":"s","pid":true}', "reported pid true, not a number"],
    [
      "neither pid nor session",
      '{"status":"spawned","model":"m"}',
      "reported neither a pid nor a session",
    ],
    ["an empty object", "{}", "reported neither a pid nor a session"],
  ];
  for (const [name, stdout, reason] of cases) {
    await t.step(name, () => {
      assert.deepEqual(parseLauncherOutput(stdout), { kind: "failed", reason });
    });
  }
});

Deno.test("parseLauncherOutput() in strict mode applies the protocol harness's rules", async (t) => {
  await t.step("the union passes", () => {
    assert.deepEqual(parseLauncherOutput(JSON.stringify(UNION), { strict: true }), {
      kind: "ok",
      report: UNION_REPORT,
      warnings: [],
    });
  });
  const cases: [string, string, string][] = [
    [
      "text before the JSON",
      `starting\n${JSON.stringify(UNION)}`,
      "stdout must hold only the JSON object (print everything else to stderr)",
    ],
    [
      "text after the JSON",
      `${JSON.stringify(UNION)}\nok`,
      "stdout must hold only the JSON object (print everything else to stderr)",
    ],
    ["a bare session name", "sim-alpha", 'printed no JSON object: "sim-alpha"'],
    [
      "only the Rust field set",
      '{"pid":7,"session":"s"}',
      'the JSON object lacks "worker_id", "status"',
    ],
    [
      "a null pid",
      '{"worker_id":"w","pid":null,"status":"spawned"}',
      'the JSON object lacks "pid"',
    ],
    [
      "a worker_id that is not a string",
      '{"worker_id":7,"pid":7,"status":"spawned"}',
      'the JSON object lacks "worker_id"',
    ],
    [
      'status "running"',
      '{"worker_id":"w","pid":7,"status":"running"}',
      'status is "running"; a launcher must report "spawned"',
    ],
    [
      "a numeric status",
      '{"worker_id":"w","pid":7,"status":1}',
      'status is 1; a launcher must report "spawned"',
    ],
    [
      "pid 0",
      '{"worker_id":"w","pid":0,"status":"spawned"}',
      "reported pid 0; a live process has a pid above 0",
    ],
  ];
  for (const [name, stdout, reason] of cases) {
    await t.step(name, () => {
      assert.deepEqual(parseLauncherOutput(stdout, { strict: true }), { kind: "failed", reason });
    });
  }
});
