import assert from "node:assert/strict";
import { parseStatusFile } from "../../src/workers/mod.ts";

const T = Date.UTC(2026, 1, 17, 0, 45, 22);

function ok(text: string, stem = "sim-alpha") {
  const read = parseStatusFile(text, stem);
  assert.equal(read.kind, "ok", read.kind === "error" ? read.reason : "");
  return read as Extract<typeof read, { kind: "ok" }>;
}

function failed(text: string, stem = "sim-alpha") {
  const read = parseStatusFile(text, stem);
  assert.equal(read.kind, "error");
  return read as Extract<typeof read, { kind: "error" }>;
}

Deno.test("parseStatusFile() reads every field of a well-formed file", () => {
  const raw = {
    worker_id: "sim-alpha",
    status: "active",
    model: "sonnet",
    workspace: "/w",
    pid: 4242,
    started_at: "2026-02-17T00:45:22Z",
    last_activity: "2026-02-17T00:46:22.500+00:00",
    current_task: "fg-12",
    tasks_completed: 3,
    paused_at: "2026-02-17T00:47:22Z",
    pause_reason: "lunch",
    stopped_at: "2026-02-17T00:48:22Z",
    metadata: { type: "bead_worker", extra: [1, 2] },
    launcher: "sim",
  };
  const { status, warnings } = ok(JSON.stringify(raw));
  assert.deepEqual(warnings, []);
  assert.deepEqual(status, {
    workerId: "sim-alpha",
    state: "active",
    model: "sonnet",
    workspace: "/w",
    pid: 4242,
    startedAt: T,
    lastActivity: T + 60_500,
    currentTask: "fg-12",
    tasksCompleted: 3,
    pausedAt: T + 120_000,
    pauseReason: "lunch",
    stoppedAt: T + 180_000,
    error: undefined,
    raw,
  });
});

Deno.test('parseStatusFile() maps "spawned" to starting with a warning', () => {
  const { status, warnings } = ok('{"worker_id":"sim-alpha","status":"spawned"}');
  assert.equal(status.state, "starting");
  assert.deepEqual(warnings, ['status: "spawned" is a launcher output value, read as "starting"']);
});

Deno.test("parseStatusFile() reads every writable state, in any case", async (t) => {
  for (const state of ["active", "idle", "starting", "paused", "failed", "stopped"]) {
    await t.step(state, () => {
      assert.equal(ok(`{"worker_id":"sim-alpha","status":"${state}"}`).status.state, state);
    });
  }
  await t.step("uppercase, with a warning", () => {
    const { status, warnings } = ok('{"worker_id":"sim-alpha","status":"Active"}');
    assert.equal(status.state, "active");
    assert.deepEqual(warnings, ['status: "Active" should be lowercase "active"']);
  });
});

Deno.test("parseStatusFile() reads a missing status as idle with a warning", () => {
  const { status, warnings } = ok('{"worker_id":"sim-alpha"}');
  assert.equal(status.state, "idle");
  assert.deepEqual(warnings, ['status: missing, read as "idle"']);
});

Deno.test("parseStatusFile() turns unreadable content into an error worker named after the file", async (t) => {
  const cases: [string, string, string][] = [
    ["an empty file", "", "status file is empty"],
    ["only whitespace", " \n\t\n", "status file is empty"],
    ["a JSON array", "[1]", "status file must hold a JSON object, found an array"],
    ["JSON null", "null", "status file must hold a JSON object, found null"],
    ["a JSON string", '"active"', 'status file must hold a JSON object, found the string "active"'],
    ["a JSON number", "7", "status file must hold a JSON object, found a number"],
    [
      "an unknown status",
      '{"worker_id":"sim-alpha","status":"running","model":"m","pid":12}',
      'unknown status "running" (expected one of active, idle, starting, paused, failed, stopped)',
    ],
    ["a status that is not a string", '{"status": 1}', "status must be a string, found a number"],
    [
      "a status FORGE assigns itself",
      '{"status": "error"}',
      'unknown status "error" (expected one of active, idle, starting, paused, failed, stopped)',
    ],
  ];
  for (const [name, text, reason] of cases) {
    await t.step(name, () => {
      const read = failed(text);
      assert.equal(read.reason, reason);
      assert.equal(read.status.workerId, "sim-alpha");
      assert.equal(read.status.state, "error");
      assert.equal(read.status.error, reason);
    });
  }
});

Deno.test("parseStatusFile() reports a truncated file as invalid JSON", () => {
  const text = '{\n  "worker_id": "sim-alpha",\n  "status": "act';
  const read = failed(text);
  let parseError = "";
  try {
    JSON.parse(text);
  } catch (error) {
    parseError = (error as Error).message;
  }
  assert.equal(read.reason, `status file is not valid JSON (${parseError})`);
});

Deno.test("parseStatusFile() keeps what it can of a file with an unknown status", () => {
  const read = failed('{"status":"running","model":"m","workspace":"/w","pid":12,"x":1}');
  assert.equal(read.status.model, "m");
  assert.equal(read.status.workspace, "/w");
  assert.equal(read.status.pid, 12);
  assert.deepEqual(read.status.raw, {
    status: "running",
    model: "m",
    workspace: "/w",
    pid: 12,
    x: 1,
  });
});

Deno.test("parseStatusFile() ignores fields of the wrong type, each with a warning", async (t) => {
  const cases: [string, Record<string, unknown>, string, unknown, string[]][] = [
    ["a numeric model", { model: 5 }, "model", undefined, [
      "model: expected a string, found a number; ignored",
    ]],
    ["a null model", { model: null }, "model", undefined, []],
    ["an empty workspace", { workspace: "" }, "workspace", undefined, []],
    ["a pid as a digit string", { pid: "123" }, "pid", 123, [
      'pid: expected an integer, found the string "123"',
    ]],
    ["a pid that is not a number", { pid: "abc" }, "pid", undefined, [
      'pid: expected a non-negative integer, found the string "abc"; ignored',
    ]],
    ["a negative pid", { pid: -4 }, "pid", undefined, [
      "pid: expected a non-negative integer, found a number; ignored",
    ]],
    ["a fractional pid", { pid: 1.5 }, "pid", undefined, [
      "pid: expected a non-negative integer, found a number; ignored",
    ]],
    ["a boolean tasks_completed", { tasks_completed: true }, "tasksCompleted", 0, [
      "tasks_completed: expected a non-negative integer, found a boolean; ignored",
    ]],
    ["a null tasks_completed", { tasks_completed: null }, "tasksCompleted", 0, []],
    ["a numeric started_at", { started_at: 1771289122 }, "startedAt", undefined, [
      "started_at: expected an RFC 3339 timestamp, found a number; ignored",
    ]],
    ["a started_at that is no timestamp", { started_at: "yesterday" }, "startedAt", undefined, [
      'started_at: "yesterday" is not an RFC 3339 timestamp; ignored',
    ]],
    ["a naive started_at", { started_at: "2026-02-17T00:45:22" }, "startedAt", T, [
      'started_at: "2026-02-17T00:45:22" has no UTC offset; read as UTC',
    ]],
    [
      "last_update instead of last_activity",
      { last_update: "2026-02-17T00:45:22Z" },
      "lastActivity",
      T,
      [],
    ],
    [
      "current_task as an object",
      { current_task: { bead_id: "fg-9", bead_title: "t" } },
      "currentTask",
      "fg-9",
      [],
    ],
    [
      "current_task as an object without bead_id",
      { current_task: { id: "fg-9" } },
      "currentTask",
      undefined,
      [
        "current_task: an object without a string bead_id; ignored",
      ],
    ],
    ["current_task as a number", { current_task: 9 }, "currentTask", undefined, [
      "current_task: expected null, a bead id or an object, found a number",
    ]],
    ["current_task as a list", { current_task: ["fg-9"] }, "currentTask", undefined, [
      "current_task: expected null, a bead id or an object, found an array",
    ]],
    ["a numeric pause_reason", { pause_reason: 3 }, "pauseReason", undefined, [
      "pause_reason: expected a string, found a number; ignored",
    ]],
  ];
  for (const [name, fields, key, value, warnings] of cases) {
    await t.step(name, () => {
      const read = ok(JSON.stringify({ worker_id: "sim-alpha", status: "idle", ...fields }));
      assert.equal(read.status[key as keyof typeof read.status], value);
      assert.deepEqual(read.warnings, warnings);
    });
  }
});

Deno.test("parseStatusFile() names the worker after the file, whatever worker_id says", async (t) => {
  const cases: [string, string, string][] = [
    [
      "a different id",
      '{"worker_id":"other","status":"idle"}',
      'worker_id: "other" differs from the file name "sim-alpha"; the file name is used',
    ],
    ["no id", '{"status":"idle"}', "worker_id: missing, the file name is used"],
    [
      "a numeric id",
      '{"worker_id":7,"status":"idle"}',
      "worker_id: expected a string, found a number",
    ],
  ];
  for (const [name, text, warning] of cases) {
    await t.step(name, () => {
      const read = ok(text);
      assert.equal(read.status.workerId, "sim-alpha");
      assert.deepEqual(read.warnings, [warning]);
    });
  }
});
