import assert from "node:assert/strict";
import { eventsOf, NOW, parsed } from "./_parse.ts";

const SESSION = "73e52442-9d1a-4c7b-b1f0-6a2e8c4d5f31";

Deno.test("parseLogLine() reads Gemini init, message and tool events", async (t) => {
  const cases = [
    {
      name: "init",
      line: {
        type: "init",
        timestamp: "2026-01-02T11:58:00.000Z",
        session_id: SESSION,
        model: "gemini-2.5-pro",
      },
      level: "info",
      text: `session ${SESSION} started on gemini-2.5-pro`,
    },
    {
      name: "user message",
      line: { type: "message", role: "user", content: "Create proof.txt" },
      level: "info",
      text: "user: Create proof.txt",
    },
    {
      name: "assistant delta",
      line: { type: "message", role: "assistant", content: "All done.", delta: true },
      level: "info",
      text: "assistant: All done.",
    },
    {
      name: "tool_use",
      line: {
        type: "tool_use",
        tool_name: "run_shell_command",
        tool_id: "run_shell_command__1767355200__0",
        parameters: { command: "echo hello > proof.txt" },
      },
      level: "info",
      text: `→ run_shell_command {"command":"echo hello > proof.txt"}`,
    },
    {
      name: "tool_result",
      line: {
        type: "tool_result",
        tool_id: "run_shell_command__1767355200__0",
        status: "success",
        output: "",
      },
      level: "debug",
      text: "← success",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const record = parsed(c.line);
      assert.equal(record.format, "gemini-stream-json");
      assert.equal(record.level, c.level);
      assert.equal(record.text, c.text);
      assert.deepEqual(record.events, []);
    });
  }
});

Deno.test("parseLogLine() reads a successful Gemini result's usage per model", () => {
  const record = parsed({
    type: "result",
    status: "success",
    session_id: SESSION,
    stats: {
      total_tokens: 4180,
      input_tokens: 4000,
      output_tokens: 160,
      cached: 1000,
      input: 3000,
      duration_ms: 205,
      tool_calls: 1,
      models: {
        "gemini-2.5-pro": {
          total_tokens: 4180,
          input_tokens: 4000,
          output_tokens: 160,
          cached: 1000,
          input: 3000,
        },
        "gemini-2.5-flash": {
          total_tokens: 900,
          input_tokens: 800,
          output_tokens: 100,
          cached: 300,
        },
      },
    },
  });
  assert.equal(record.level, "info");
  assert.deepEqual(eventsOf(record, "usage").map((u) => [u.model, u.tokens, u.costUsd]), [
    ["gemini-2.5-pro", { input: 3000, output: 160, cacheRead: 1000, cacheWrite: 0 }, undefined],
    // Without `input`, the uncached part is input_tokens minus cached.
    ["gemini-2.5-flash", { input: 500, output: 100, cacheRead: 300, cacheWrite: 0 }, undefined],
  ]);
  assert.deepEqual(eventsOf(record, "task"), [{
    kind: "task",
    phase: "completed",
    beadId: undefined,
    durationMs: 205,
    error: undefined,
  }]);
});

Deno.test("parseLogLine() reads a Gemini daily quota error as failure and rate limit", () => {
  const message = "[API Error: You have exhausted your daily quota on this model.]\n" +
    "Please wait and try again later. To increase your limits, request a quota increase " +
    "through AI Studio, or switch to another /auth method";
  const record = parsed({
    type: "result",
    status: "error",
    error: { type: "API", message },
    stats: { models: {} },
  });
  assert.equal(record.level, "error");
  assert.ok(record.text.startsWith("result error: [API Error: You have exhausted"), record.text);
  assert.equal(eventsOf(record, "task")[0]?.phase, "failed");
  // The CLI drops the API's retry details; daily quotas reset at midnight Pacific time
  // (NOW is 04:00 PST).
  assert.deepEqual(eventsOf(record, "rate_limit").map((e) => e.resetAt), [
    Date.UTC(2026, 0, 3, 8, 0, 0),
  ]);
});

Deno.test("parseLogLine() puts a Gemini daily quota's reset at the next Pacific midnight", async (t) => {
  const line = {
    type: "result",
    timestamp: "2026-11-26T03:41:57.553Z",
    status: "error",
    error: {
      type: "unknown",
      message: "[API Error: You have exhausted your daily quota on this model.]\n" +
        "Please wait and try again later. To increase your limits, request a quota increase " +
        "through AI Studio, or switch to another /auth method",
    },
    stats: {
      total_tokens: 0,
      input_tokens: 0,
      output_tokens: 0,
      cached: 0,
      input: 0,
      duration_ms: 0,
      tool_calls: 0,
      models: {
        "gemini-2.5-pro": {
          total_tokens: 0,
          input_tokens: 0,
          output_tokens: 0,
          cached: 0,
          input: 0,
        },
      },
    },
  };
  const cases = [
    { name: "summer (PDT)", now: Date.UTC(2026, 6, 10, 20, 0, 0), reset: Date.UTC(2026, 6, 11, 7) },
    {
      name: "just before midnight",
      now: Date.UTC(2026, 0, 3, 7, 59, 59),
      reset: Date.UTC(2026, 0, 3, 8),
    },
    { name: "at midnight", now: Date.UTC(2026, 0, 3, 8), reset: Date.UTC(2026, 0, 4, 8) },
    // Daylight saving starts on 2026-03-08 at 02:00 and ends on 2026-11-01 at 02:00.
    { name: "spring forward", now: Date.UTC(2026, 2, 8, 8, 30), reset: Date.UTC(2026, 2, 9, 7) },
    { name: "fall back", now: Date.UTC(2026, 10, 1, 7, 30), reset: Date.UTC(2026, 10, 2, 8) },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const record = parsed(line, { now: c.now });
      assert.deepEqual(eventsOf(record, "rate_limit").map((e) => e.resetAt), [c.reset]);
      assert.deepEqual(eventsOf(record, "task").map((e) => e.phase), ["failed"]);
    });
  }
});

Deno.test("parseLogLine() reads a Gemini per-minute quota error with its retry delay", () => {
  const record = parsed({
    type: "result",
    status: "error",
    error: {
      type: "API",
      message: "[API Error: Quota exceeded for quota metric PerMinute]\nPlease retry in 1s.\n" +
        "Suggested retry after 1s.",
    },
  });
  assert.equal(eventsOf(record, "rate_limit")[0]?.resetAt, NOW + 1000);
});

Deno.test("parseLogLine() reads a Gemini network failure as failure without a limit", () => {
  const record = parsed({
    type: "result",
    status: "error",
    error: {
      type: "API",
      message: "[API Error: exception TypeError: fetch failed sending request]",
    },
  });
  assert.equal(eventsOf(record, "task")[0]?.phase, "failed");
  assert.deepEqual(eventsOf(record, "rate_limit"), []);
});

Deno.test("parseLogLine() does not take a FORGE line with type message for Gemini", () => {
  const record = parsed({
    timestamp: "2026-01-02T11:58:00Z",
    level: "info",
    worker_id: "w1",
    type: "message",
    message: "hello",
  });
  assert.equal(record.format, "forge-jsonl");
});
