import assert from "node:assert/strict";
import { workerIdProblem } from "../../src/domain/mod.ts";
import { validateStatusText } from "../../src/workers/mod.ts";

const NOW = Date.UTC(2026, 1, 17, 12);
const PATH = "/h/status/sim-alpha.json";

function text(fields: Record<string, unknown>): string {
  return JSON.stringify({
    worker_id: "sim-alpha",
    status: "idle",
    model: "sim",
    workspace: "/w",
    ...fields,
  });
}

Deno.test("validateStatusText() accepts a file that follows the protocol", () => {
  assert.deepEqual(
    validateStatusText(
      text({
        pid: 12,
        started_at: "2026-02-17T11:00:00Z",
        last_activity: "2026-02-17T11:59:00+00:00",
        current_task: null,
        tasks_completed: 2,
        metadata: { type: "sim_worker" },
      }),
      { path: PATH, now: NOW },
    ),
    { ok: true, errors: [], warnings: [] },
  );
});

Deno.test("validateStatusText() reports protocol errors", async (t) => {
  const cases: [string, string, string[], string[]][] = [
    ["missing model and workspace", '{"worker_id":"sim-alpha","status":"idle"}', [
      "model: required string is missing",
      "workspace: required string is missing",
    ], []],
    ["an empty model", text({ model: "" }), ["model: required string is missing"], []],
    ["a missing worker_id", '{"status":"idle","model":"m","workspace":"/w"}', [
      "worker_id: required string is missing",
    ], []],
    ['status "spawned"', text({ status: "spawned" }), [
      'status: "spawned" belongs in launcher output; write "starting"',
    ], []],
    ["a pid as a string", text({ pid: "12" }), ["pid: must be an integer"], []],
    ["a fractional tasks_completed", text({ tasks_completed: 1.5 }), [
      "tasks_completed: must be an integer",
    ], []],
    ["a timestamp that is no timestamp", text({ last_activity: "just now" }), [
      'last_activity: "just now" is not an ISO 8601 timestamp',
    ], []],
  ];
  for (const [name, body, errors, warnings] of cases) {
    await t.step(name, () => {
      assert.deepEqual(validateStatusText(body, { path: PATH, now: NOW }), {
        ok: false,
        errors,
        warnings,
      });
    });
  }
});

Deno.test("validateStatusText() reports what FORGE copes with as warnings", async (t) => {
  const cases: [string, string, string[]][] = [
    ["a naive timestamp", text({ started_at: "2026-02-17T11:00:00" }), [
      'started_at: "2026-02-17T11:00:00" has no UTC offset; read as UTC',
    ]],
    ["stopped without stopped_at", text({ status: "stopped" }), [
      'status is "stopped" but stopped_at is missing',
    ]],
    ["paused without paused_at", text({ status: "paused" }), [
      'status is "paused" but paused_at is missing',
    ]],
    [
      "active but quiet for 90 min",
      text({ status: "active", last_activity: "2026-02-17T10:30:00Z" }),
      [
        'status is "active" but last_activity is 90 min old',
      ],
    ],
    ["a worker_id other than the file name", text({ worker_id: "other" }), [
      'worker_id: "other" differs from the file name "sim-alpha"; the file name is used',
    ]],
    ["current_task as an object without bead_id", text({ current_task: { title: "x" } }), [
      "current_task: an object without a string bead_id; ignored",
    ]],
  ];
  for (const [name, body, warnings] of cases) {
    await t.step(name, () => {
      assert.deepEqual(validateStatusText(body, { path: PATH, now: NOW }), {
        ok: true,
        errors: [],
        warnings,
      });
    });
  }
});

Deno.test("validateStatusText() reports an unreadable file as one error", async (t) => {
  const cases: [string, string, string][] = [
    ["empty", "", "status file is empty"],
    [
      "an unknown status",
      text({ status: "running" }),
      'unknown status "running" (expected one of active, idle, starting, paused, failed, stopped)',
    ],
    ["not an object", "[]", "status file must hold a JSON object, found an array"],
  ];
  for (const [name, body, error] of cases) {
    await t.step(name, () => {
      assert.deepEqual(validateStatusText(body, { path: PATH, now: NOW }), {
        ok: false,
        errors: [error],
        warnings: [],
      });
    });
  }
});

Deno.test("validateStatusText() warns that FORGE ignores a file not named after a worker id", async (t) => {
  const cases: [string, string, string][] = [
    ["a space", "/tmp/my status.json", "my status"],
    ["FORGE's reserved name", "/h/status/forge.json", "forge"],
    ["a name too long for tmux", `/h/status/${"a".repeat(81)}.json`, "a".repeat(81)],
    ["a backup copy", "/h/status/sim-alpha.json.bak", "sim-alpha.json.bak"],
  ];
  for (const [name, path, stem] of cases) {
    await t.step(name, () => {
      const result = validateStatusText(text({}), { path, now: NOW });
      assert.equal(result.ok, true);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.warnings, [
        `file name: "${stem}" is not a worker id (${
          workerIdProblem(stem)
        }); FORGE does not read this file`,
      ]);
    });
  }
});
