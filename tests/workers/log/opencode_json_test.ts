import assert from "node:assert/strict";
import { eventsOf, NOW, parsed } from "./_parse.ts";

const SESSION = "ses_3f9a1c2b7d4e5f60";
const AT = 1767355200000;

function line(type: string, part: object): object {
  return { type, timestamp: AT, sessionID: SESSION, part };
}

Deno.test("parseLogLine() reads OpenCode step_start, tool_use and text events", async (t) => {
  const cases = [
    {
      name: "step_start",
      line: line("step_start", { type: "step-start", snapshot: "4b825dc6" }),
      level: "debug",
      text: "step start",
    },
    {
      name: "tool_use with a command",
      line: line("tool_use", {
        type: "tool",
        tool: "bash",
        callID: "call_01",
        state: {
          status: "completed",
          input: { command: "echo hello > proof.txt", description: "write proof" },
          output: "(no output)",
          metadata: { output: "", exit: 0, truncated: false },
          title: "echo hello > proof.txt",
          time: { start: AT, end: AT + 40 },
        },
      }),
      level: "info",
      text: "→ bash echo hello > proof.txt",
    },
    {
      name: "tool_use with a file",
      line: line("tool_use", {
        type: "tool",
        tool: "read",
        callID: "call_02",
        state: { status: "completed", input: { filePath: "/work/ws/README.md" } },
      }),
      level: "info",
      text: "→ read /work/ws/README.md",
    },
    {
      name: "text",
      line: line("text", { type: "text", text: "All done.", time: { start: AT, end: AT } }),
      level: "info",
      text: "All done.",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const record = parsed(c.line);
      assert.equal(record.format, "opencode-json");
      assert.equal(record.at, AT);
      assert.equal(record.level, c.level);
      assert.equal(record.text, c.text);
      assert.deepEqual(record.events, []);
    });
  }
});

Deno.test("parseLogLine() reads OpenCode step_finish tokens and cost of one model call", () => {
  const record = parsed(line("step_finish", {
    type: "step-finish",
    reason: "tool-calls",
    tokens: {
      total: 2170,
      input: 1500,
      output: 150,
      reasoning: 20,
      cache: { read: 500, write: 0 },
    },
    cost: 0.00585,
  }));
  assert.equal(record.text, "step finished (tool-calls)");
  assert.deepEqual(eventsOf(record, "usage"), [{
    kind: "usage",
    model: undefined,
    // Reasoning tokens are billed as output.
    tokens: { input: 1500, output: 170, cacheRead: 500, cacheWrite: 0 },
    costUsd: 0.00585,
    beadId: undefined,
    sessionId: SESSION,
  }]);
});

Deno.test("parseLogLine() reads an OpenCode 429 quota error as a rate limit", () => {
  const record = parsed({
    type: "error",
    timestamp: AT,
    sessionID: SESSION,
    error: {
      name: "APIError",
      data: {
        message: "You exceeded your current quota, please check your plan and billing details.",
        statusCode: 429,
        isRetryable: true,
        responseHeaders: { "retry-after": "1" },
        metadata: { url: "http://127.0.0.1:4010/v1/chat/completions" },
      },
    },
  });
  assert.equal(record.format, "opencode-json");
  assert.equal(record.level, "error");
  assert.equal(eventsOf(record, "rate_limit").length, 1);
});

Deno.test("parseLogLine() reads an OpenCode Zen usage limit with its relative reset", () => {
  const record = parsed({
    type: "error",
    sessionID: SESSION,
    error: {
      name: "FreeUsageLimitError",
      data: { message: "Usage limit reached. It will reset in 2 hours." },
    },
  });
  assert.equal(eventsOf(record, "rate_limit")[0]?.resetAt, NOW + 2 * 3_600_000);
});

Deno.test("parseLogLine() reads an OpenCode connection error as an error only", () => {
  const record = parsed({
    type: "error",
    sessionID: SESSION,
    error: {
      name: "APIError",
      data: {
        message:
          "Cannot connect to API: Unable to connect. Is the computer able to access the url?",
        isRetryable: true,
      },
    },
  });
  assert.equal(record.level, "error");
  assert.equal(
    record.text,
    "Cannot connect to API: Unable to connect. Is the computer able to access the url?",
  );
  assert.deepEqual(record.events, []);
});
