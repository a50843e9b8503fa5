import assert from "node:assert/strict";
import { timestampOf } from "../../../src/domain/mod.ts";
import { eventsOf, NOW, parsed } from "./_parse.ts";

const BASE = { timestamp: "2026-01-02T11:30:00.123Z", level: "info", worker_id: "w1" };
const AT = Date.UTC(2026, 0, 2, 11, 30, 0, 123);

Deno.test("parseLogLine() reads FORGE api_call usage with tokens, cost, model and bead", () => {
  const record = parsed({
    ...BASE,
    event: "api_call",
    api: "anthropic",
    endpoint: "/v1/messages",
    status_code: 200,
    latency_ms: 812,
    model: "claude-sonnet-4-5",
    bead_id: "fg-a1b",
    session_id: "s-1",
    tokens: { input: 1200, output: 340, cache_read: 5000, cache_write: 200 },
    cost_usd: 0.0123,
  });
  assert.equal(record.format, "forge-jsonl");
  assert.equal(record.at, AT);
  assert.equal(record.text, "api call fg-a1b model=claude-sonnet-4-5");
  assert.deepEqual(record.events, [{
    kind: "usage",
    model: "claude-sonnet-4-5",
    tokens: { input: 1200, output: 340, cacheRead: 5000, cacheWrite: 200 },
    costUsd: 0.0123,
    beadId: "fg-a1b",
    sessionId: "s-1",
  }]);
});

Deno.test("parseLogLine() reads FORGE cost_incurred amounts and token field variants", async (t) => {
  const cases = [
    {
      name: "amount with tokens",
      line: {
        event: "cost_incurred",
        amount: 0.5,
        currency: "USD",
        tokens: { input: 10, output: 2 },
      },
      tokens: { input: 10, output: 2, cacheRead: 0, cacheWrite: 0 },
      cost: 0.5,
    },
    {
      name: "tokens_used with API names",
      line: {
        event: "cost_incurred",
        amount: 0.25,
        tokens_used: { input_tokens: 7, output_tokens: 3, cache_read_input_tokens: 9 },
      },
      tokens: { input: 7, output: 3, cacheRead: 9, cacheWrite: 0 },
      cost: 0.25,
    },
    {
      name: "flat tokens_in/tokens_out",
      line: { event: "usage", tokens_in: 5, tokens_out: 6 },
      tokens: { input: 5, output: 6, cacheRead: 0, cacheWrite: 0 },
      cost: undefined,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const [usage] = eventsOf(parsed({ ...BASE, ...c.line }), "usage");
      assert.deepEqual(usage?.tokens, c.tokens);
      assert.equal(usage?.costUsd, c.cost);
    });
  }
});

Deno.test("parseLogLine() clamps negative and absurd FORGE token counts to 0", async (t) => {
  const cases = [
    { name: "negative", value: -500 },
    { name: "absurd", value: 5e12 },
    { name: "infinite string", value: "Infinity" },
    { name: "not a number", value: "lots" },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const record = parsed({
        ...BASE,
        event: "api_call",
        tokens: { input: c.value, output: 40 },
        cost_usd: 0.001,
      });
      assert.deepEqual(eventsOf(record, "usage")[0]?.tokens, {
        input: 0,
        output: 40,
        cacheRead: 0,
        cacheWrite: 0,
      });
    });
  }
});

Deno.test("parseLogLine() reads no usage from a FORGE api_call without tokens or cost", () => {
  const record = parsed({ ...BASE, event: "api_call", tokens: { input: -1 }, cost_usd: -3 });
  assert.deepEqual(record.events, []);
});

Deno.test("parseLogLine() reads FORGE task events with durations and errors", async (t) => {
  const cases = [
    {
      name: "task_started",
      line: { event: "task_started", task_id: "fg-1" },
      want: { phase: "started", beadId: "fg-1", durationMs: undefined, error: undefined },
    },
    {
      name: "task_completed in seconds, tokens not counted",
      line: {
        event: "task_completed",
        task_id: "fg-1",
        duration_seconds: 12.5,
        tokens: { input: 900, output: 90 },
      },
      want: { phase: "completed", beadId: "fg-1", durationMs: 12500, error: undefined },
    },
    {
      name: "task_failed",
      line: { event: "task_failed", bead_id: "fg-2", error: "tests failed", error_code: "E_TEST" },
      want: { phase: "failed", beadId: "fg-2", durationMs: undefined, error: "tests failed" },
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const record = parsed({ ...BASE, ...c.line });
      assert.deepEqual(record.events, [{ kind: "task", ...c.want }]);
    });
  }
});

Deno.test("parseLogLine() reads FORGE worker_started and worker_stopped as lifecycle", () => {
  const started = parsed({ ...BASE, event: "worker_started", model: "sonnet", workspace: "/ws" });
  assert.deepEqual(started.events, [{ kind: "lifecycle", phase: "started", reason: undefined }]);
  assert.equal(started.text, "worker started model=sonnet");
  const stopped = parsed({ ...BASE, event: "worker_stopped", reason: "killed by user" });
  assert.deepEqual(stopped.events, [{
    kind: "lifecycle",
    phase: "stopped",
    reason: "killed by user",
  }]);
  assert.equal(stopped.text, "worker stopped (killed by user)");
});

Deno.test("parseLogLine() reads FORGE rate_limited with an explicit or stated reset", async (t) => {
  await t.step("reset_at field", () => {
    const [limit] = eventsOf(
      parsed({
        ...BASE,
        level: "warning",
        event: "rate_limited",
        message: "429 from provider",
        reset_at: "2026-01-02T13:00:00Z",
        retrying: true,
      }),
      "rate_limit",
    );
    assert.deepEqual(limit, {
      kind: "rate_limit",
      resetAt: Date.UTC(2026, 0, 2, 13),
      retrying: true,
      message: "429 from provider",
    });
  });
  await t.step("reset in the message", () => {
    const [limit] = eventsOf(
      parsed({ ...BASE, event: "rate_limited", message: "rate limited, resets in 5m" }),
      "rate_limit",
    );
    assert.equal(limit?.resetAt, NOW + 5 * 60_000);
  });
});

Deno.test("parseLogLine() normalises FORGE levels", async (t) => {
  const cases = [
    ["debug", "debug"],
    ["INFO", "info"],
    ["Warning", "warn"],
    ["warn", "warn"],
    ["error", "error"],
    ["CRITICAL", "error"],
    ["verbose", "info"],
    ["constructor", "info"],
    ["__proto__", "info"],
    [42, "info"],
  ] as const;
  for (const [given, want] of cases) {
    await t.step(String(given), () => {
      assert.equal(parsed({ ...BASE, level: given, message: "m" }).level, want);
    });
  }
});

Deno.test("parseLogLine() reads FORGE timestamps as ISO text or epoch numbers", async (t) => {
  const cases = [
    {
      name: "ISO with offset",
      line: { timestamp: "2026-01-02T12:30:00+01:00" },
      at: NOW - 1_800_000,
    },
    { name: "epoch seconds", line: { timestamp: NOW / 1000 }, at: NOW },
    { name: "epoch milliseconds", line: { timestamp: NOW }, at: NOW },
    { name: "ts key", line: { ts: "2026-01-02T12:00:00Z" }, at: NOW },
    { name: "not a time", line: { timestamp: "yesterday" }, at: undefined },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      assert.equal(parsed({ level: "info", message: "m", ...c.line }).at, c.at);
    });
  }
});

Deno.test("parseLogLine() shows a FORGE message before the event description", () => {
  const record = parsed({ ...BASE, event: "bead_assigned", bead_id: "fg-9", message: "took fg-9" });
  assert.equal(record.text, "took fg-9");
  assert.equal(
    parsed({ ...BASE, event: "bead_assigned", bead_id: "fg-9" }).text,
    "bead assigned fg-9",
  );
});

Deno.test("parseLogLine() reads every timestamp shape exactly like timestampOf()", async (t) => {
  const stamps = [
    "2026-01-02T11:30:00Z",
    "2026-01-02T11:30:00.5Z",
    "2026-01-02T11:30:00.25Z",
    "2026-01-02T11:30:00.123Z",
    "2026-01-02T11:30:00.123456789Z",
    "2026-01-02T23:59:60Z",
    "2026-01-03T00:00:00.000Z",
    "2026-02-31T00:00:00Z",
    "0050-01-01T00:00:00Z",
    "2026-01-02T11:30:00.Z",
    "2026-01-02T11:30:00.1234567890Z",
    "2026-01-02T24:00:00Z",
    "2026-01-02T11:60:00Z",
    "2026-01-02T11:30:61Z",
    "2026-01-02T1a:30:00Z",
    "2026-01-02T11:30:00.12aZ",
    "2026-13-02T11:30:00Z",
    "2026-01x02T11:30:00Z",
    "2026-01-02T11-30-00Z",
    "2026-01-02 11:30:00Z",
    "2026-01-02T11:30:00+02:00",
    "2026-01-02T11:30:00",
  ];
  for (const stamp of stamps) {
    await t.step(stamp, () => {
      assert.equal(parsed({ ...BASE, timestamp: stamp, message: "m" }).at, timestampOf(stamp));
    });
  }
});
