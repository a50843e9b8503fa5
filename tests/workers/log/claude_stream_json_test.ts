import assert from "node:assert/strict";
import { eventsOf, NOW, parsed } from "./_parse.ts";

const SESSION = "5f0c2a8e-1b7d-4c3e-9a61-0d2f4b7c9e13";

const init = {
  type: "system",
  subtype: "init",
  session_id: SESSION,
  model: "claude-sonnet-4-5",
  cwd: "/work/ws",
  tools: ["Bash", "Read", "Edit"],
  claude_code_version: "2.1.4",
  permissionMode: "bypassPermissions",
};

const assistant = {
  type: "assistant",
  message: {
    id: "msg_01",
    model: "claude-sonnet-4-5",
    content: [
      { type: "text", text: "I'll list the files first." },
      { type: "tool_use", id: "toolu_01", name: "Bash", input: { command: "ls -la" } },
    ],
    usage: { input_tokens: 1234, output_tokens: 56 },
  },
  session_id: SESSION,
  uuid: "0b6e2d61-5a3c-4f8e-8c1d-2e9f7a4b3c21",
  timestamp: "2026-01-02T11:59:30.250Z",
};

const success = {
  type: "result",
  subtype: "success",
  is_error: false,
  num_turns: 3,
  duration_ms: 5120,
  duration_api_ms: 4300,
  total_cost_usd: 0.004542,
  usage: {
    input_tokens: 1234,
    output_tokens: 56,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  },
  modelUsage: {
    "claude-sonnet-4-5": {
      inputTokens: 1234,
      outputTokens: 56,
      cacheReadInputTokens: 800,
      cacheCreationInputTokens: 120,
      costUSD: 0.004542,
      contextWindow: 200000,
    },
    "claude-haiku-4-5": {
      inputTokens: 300,
      outputTokens: 20,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      costUSD: 0.0004,
      contextWindow: 200000,
    },
  },
  session_id: SESSION,
  bead_id: "fg-a1b",
  result: "Created proof.txt",
  stop_reason: "end_turn",
  terminal_reason: "completed",
};

Deno.test("parseLogLine() reads Claude system/init as the session start", () => {
  const record = parsed(init);
  assert.equal(record.format, "claude-stream-json");
  assert.equal(record.level, "info");
  assert.equal(record.text, `session ${SESSION} started on claude-sonnet-4-5`);
  assert.deepEqual(record.events, []);
});

Deno.test("parseLogLine() reads a Claude assistant message without counting its usage", () => {
  const record = parsed(assistant);
  assert.equal(record.format, "claude-stream-json");
  assert.equal(record.at, Date.UTC(2026, 0, 2, 11, 59, 30, 250));
  assert.equal(record.text, `I'll list the files first. → Bash {"command":"ls -la"}`);
  // Usage comes from the result line; assistant lines repeat it per content block.
  assert.deepEqual(record.events, []);
});

Deno.test("parseLogLine() reads a Claude assistant usage-limit message as a rate limit", () => {
  const record = parsed({
    ...assistant,
    message: {
      ...assistant.message,
      content: [{ type: "text", text: "Claude AI usage limit reached|1767405600" }],
    },
  });
  const [limit] = eventsOf(record, "rate_limit");
  assert.equal(limit?.resetAt, 1767405600 * 1000);
  assert.equal(limit?.retrying, false);
});

Deno.test("parseLogLine() reads Claude user tool results as debug lines", async (t) => {
  const cases = [
    {
      name: "string content",
      content: "total 8\ndrwxr-xr-x 2 me me 4096 .",
      text: "← total 8 drwx",
    },
    {
      name: "block content",
      content: [{ type: "text", text: "line one" }, { type: "text", text: "line two" }],
      text: "← line one line two",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const record = parsed({
        type: "user",
        message: {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: "toolu_01", content: c.content }],
        },
        session_id: SESSION,
      });
      assert.equal(record.level, "debug");
      assert.ok(record.text.startsWith(c.text), record.text);
    });
  }
});

Deno.test("parseLogLine() reads Claude api_retry 429 as a retrying rate limit", () => {
  const record = parsed({
    type: "system",
    subtype: "api_retry",
    attempt: 3,
    max_retries: 10,
    retry_delay_ms: 38000,
    error_status: 429,
    error: "rate_limit",
    session_id: SESSION,
  });
  assert.equal(record.level, "warn");
  assert.equal(record.text, "API retry 3/10: rate_limit (HTTP 429), next in 38s");
  assert.deepEqual(eventsOf(record, "rate_limit"), [{
    kind: "rate_limit",
    resetAt: NOW + 38000,
    retrying: true,
    message: record.text,
  }]);
});

Deno.test("parseLogLine() reads a Claude api_retry that is not a 429 as a warning only", () => {
  const record = parsed({
    type: "system",
    subtype: "api_retry",
    attempt: 1,
    max_retries: 10,
    retry_delay_ms: 1000,
    error_status: 529,
    error: "overloaded",
    session_id: SESSION,
  });
  assert.equal(record.level, "warn");
  assert.deepEqual(record.events, []);
});

Deno.test("parseLogLine() reads Claude result usage per model from modelUsage with its cost", () => {
  const record = parsed(success);
  assert.equal(record.level, "info");
  assert.equal(record.text, "result success $0.0045: Created proof.txt");
  assert.deepEqual(eventsOf(record, "usage"), [
    {
      kind: "usage",
      model: "claude-sonnet-4-5",
      tokens: { input: 1234, output: 56, cacheRead: 800, cacheWrite: 120 },
      costUsd: 0.004542,
      beadId: "fg-a1b",
      sessionId: SESSION,
    },
    {
      kind: "usage",
      model: "claude-haiku-4-5",
      tokens: { input: 300, output: 20, cacheRead: 0, cacheWrite: 0 },
      costUsd: 0.0004,
      beadId: "fg-a1b",
      sessionId: SESSION,
    },
  ]);
  assert.deepEqual(eventsOf(record, "task"), [{
    kind: "task",
    phase: "completed",
    beadId: "fg-a1b",
    durationMs: 5120,
    error: undefined,
  }]);
});

Deno.test("parseLogLine() reads Claude result usage and total_cost_usd without modelUsage", () => {
  const { modelUsage: _, ...withoutModels } = success;
  const record = parsed(withoutModels);
  const [usage] = eventsOf(record, "usage");
  assert.deepEqual(usage?.tokens, { input: 1234, output: 56, cacheRead: 0, cacheWrite: 0 });
  assert.equal(usage?.costUsd, 0.004542);
  assert.equal(usage?.model, undefined);
});

Deno.test("parseLogLine() reads a failed Claude result with a usage limit as failure and limit", () => {
  const record = parsed({
    type: "result",
    subtype: "error_during_execution",
    is_error: true,
    duration_ms: 800,
    session_id: SESSION,
    result: "Claude AI usage limit reached|1767405600",
  });
  assert.equal(record.level, "error");
  const [task] = eventsOf(record, "task");
  assert.equal(task?.phase, "failed");
  assert.equal(task?.error, "Claude AI usage limit reached|1767405600");
  assert.equal(eventsOf(record, "rate_limit")[0]?.resetAt, 1767405600 * 1000);
});

Deno.test("parseLogLine() reads a Claude result marked is_error as failed even on success", () => {
  const record = parsed({ ...success, is_error: true, result: "API Error: 500" });
  assert.equal(record.level, "error");
  assert.equal(eventsOf(record, "task")[0]?.phase, "failed");
  assert.deepEqual(eventsOf(record, "rate_limit"), []);
});

Deno.test("parseLogLine() clamps negative and absurd Claude token counts to 0", () => {
  const record = parsed({
    ...success,
    modelUsage: {
      "claude-sonnet-4-5": {
        inputTokens: -50,
        outputTokens: 1e15,
        cacheReadInputTokens: "12",
        cacheCreationInputTokens: Number.NaN,
        costUSD: -1,
      },
    },
  });
  const [usage] = eventsOf(record, "usage");
  assert.deepEqual(usage?.tokens, { input: 0, output: 0, cacheRead: 12, cacheWrite: 0 });
  assert.equal(usage?.costUsd, undefined);
});

Deno.test("parseLogLine() skips the Claude result text when display text is off", () => {
  assert.equal(parsed(success, { text: false }).text, "");
});

Deno.test("parseLogLine() reads a Claude run that ended on a 429 as a usage limit, whatever its words", () => {
  // As Claude Code 2.1 prints it with an API key: the provider's own message after "API Error".
  const record = parsed({
    type: "result",
    subtype: "success",
    is_error: true,
    api_error_status: 429,
    terminal_reason: "api_error",
    result: "API Error: Request rejected (429) · Please slow down, try again in 20 minutes",
    session_id: SESSION,
  });
  assert.equal(record.level, "error");
  assert.deepEqual(eventsOf(record, "rate_limit"), [{
    kind: "rate_limit",
    resetAt: NOW + 20 * 60_000,
    retrying: false,
    message: "API Error: Request rejected (429) · Please slow down, try again in 20 minutes",
  }]);
  assert.equal(eventsOf(record, "task")[0]?.phase, "failed");
});

Deno.test("parseLogLine() reads a Claude run that ended on a 500 as a failure without a limit", () => {
  const record = parsed({
    type: "result",
    subtype: "success",
    is_error: true,
    api_error_status: 500,
    result: "API Error: 500 Internal server error.",
    session_id: SESSION,
  });
  assert.deepEqual(eventsOf(record, "rate_limit"), []);
  assert.equal(eventsOf(record, "task")[0]?.phase, "failed");
});
