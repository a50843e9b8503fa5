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

Deno.test("parseLogLine() sums what a real OpenCode 1.18 run printed, one step_finish per call", () => {
  // `opencode run --format json` against a Chat Completions server that answered a bash tool
  // call (prompt 2000 with 500 cached, 80 out), then a text (prompt 2000 with 1700 cached, 20
  // out), priced at 3/15/0.3 USD per million. The lines name no model.
  const lines = [
    '{"type":"step_start","timestamp":1795664527916,"sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","part":{"id":"prt_215f240f8001mx4cRmtWaVJ9Ts","messageID":"msg_215f237d9001K45Qv7z8So6OZk","sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","type":"step-start"}}',
    '{"type":"tool_use","timestamp":1795664529163,"sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","part":{"type":"tool","tool":"bash","callID":"call_mwx0aoyu1","state":{"status":"completed","input":{"command":"echo hello > proof.txt","description":"Run the step"},"output":"(no output)","metadata":{"output":"(no output)","exit":0,"truncated":false},"title":"echo hello > proof.txt","time":{"start":1795664527800,"end":1795664528875}},"id":"prt_215f24122001dTIRA2pVMF5SDv","sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","messageID":"msg_215f237d9001K45Qv7z8So6OZk"}}',
    '{"type":"step_finish","timestamp":1795664529164,"sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","part":{"id":"prt_215f246170012WXdM5fY8Ih7X4","reason":"tool-calls","messageID":"msg_215f237d9001K45Qv7z8So6OZk","sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","type":"step-finish","tokens":{"total":2080,"input":1500,"output":80,"reasoning":0,"cache":{"write":0,"read":500}},"cost":0.00585}}',
    '{"type":"step_start","timestamp":1795664529671,"sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","part":{"id":"prt_215f247e6001Hy8bn1tpwpGNLi","messageID":"msg_215f24678001R9RuhpEI1Gd0uw","sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","type":"step-start"}}',
    '{"type":"text","timestamp":1795664529671,"sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","part":{"id":"prt_215f2480c001qo0SKzQ50ZX8EC","messageID":"msg_215f24678001R9RuhpEI1Gd0uw","sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","type":"text","text":"All done.","time":{"start":1795664529420,"end":1795664529452}}}',
    '{"type":"step_finish","timestamp":1795664529671,"sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","part":{"id":"prt_215f24848001tH1NhY7Oh6LKv8","reason":"stop","messageID":"msg_215f24678001R9RuhpEI1Gd0uw","sessionID":"ses_dea0dd113ffe7OQgcuFBo0qjuP","type":"step-finish","tokens":{"total":2020,"input":300,"output":20,"reasoning":0,"cache":{"write":0,"read":1700}},"cost":0.00171}}',
  ];
  const usage = lines.flatMap((l) => eventsOf(parsed(l), "usage"));
  assert.deepEqual(usage.map((u) => [u.model, u.tokens, u.costUsd]), [
    [undefined, { input: 1500, output: 80, cacheRead: 500, cacheWrite: 0 }, 0.00585],
    [undefined, { input: 300, output: 20, cacheRead: 1700, cacheWrite: 0 }, 0.00171],
  ]);
  assert.deepEqual(
    lines.map((l) => parsed(l).format),
    Array(lines.length).fill("opencode-json"),
  );
});

function apiError(data: object): object {
  return { type: "error", timestamp: AT, sessionID: SESSION, error: { name: "APIError", data } };
}

Deno.test("parseLogLine() reads when an OpenCode 429 resets, from the error's own time", async (t) => {
  const cases = [
    {
      name: "an OpenAI daily limit as a real run printed it (retry-after 0 is no reset)",
      data: {
        message:
          "Rate limit reached for fake-model in organization org-fake on requests per day (RPD): Limit 100, Used 100, Requested 1. Please try again in 3600s. Visit https://platform.openai.com/account/rate-limits to learn more.",
        statusCode: 429,
        isRetryable: true,
        responseHeaders: { "retry-after": "0", "x-ratelimit-reset-requests": "3600s" },
      },
      resetAt: AT + 3_600_000,
    },
    {
      name: "a Go-style wait in the message",
      data: {
        message: "Rate limit reached on tokens per min (TPM). Please try again in 6m0.5s.",
        statusCode: 429,
      },
      resetAt: AT + 360_500,
    },
    {
      name: "only the used-up limit's reset header",
      data: {
        message: "You exceeded your current quota, please check your plan and billing details.",
        statusCode: 429,
        responseHeaders: {
          "x-ratelimit-remaining-requests": "99",
          "x-ratelimit-reset-requests": "1s",
          "x-ratelimit-remaining-tokens": "0",
          "x-ratelimit-reset-tokens": "1m30s",
        },
      },
      resetAt: AT + 90_000,
    },
    {
      name: "retry-after seconds",
      data: {
        message: "Too Many Requests",
        statusCode: 429,
        responseHeaders: { "retry-after": "120" },
      },
      resetAt: AT + 120_000,
    },
    {
      name: "nothing said",
      data: { message: "Too Many Requests", statusCode: 429, responseHeaders: {} },
      resetAt: undefined,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const limits = eventsOf(parsed(apiError(c.data)), "rate_limit");
      assert.equal(limits.length, 1);
      assert.equal(limits[0]?.resetAt, c.resetAt);
      assert.equal(limits[0]?.retrying, false);
    });
  }
});

Deno.test("parseLogLine() reads OpenCode's final 500, stall and broken-stream errors as errors only", async (t) => {
  const cases = [
    {
      name: "500 after its retries",
      line: apiError({
        message: "The server had an error while processing your request. Sorry about that!",
        statusCode: 500,
        isRetryable: true,
        responseHeaders: { "retry-after": "0" },
      }),
      text: "The server had an error while processing your request. Sorry about that!",
    },
    {
      name: "stalled stream",
      line: apiError({
        message: "SSE read timed out",
        isRetryable: true,
        metadata: { code: "ProviderResponseStreamError" },
      }),
      text: "SSE read timed out",
    },
    {
      name: "broken stream",
      line: {
        type: "error",
        timestamp: AT,
        sessionID: SESSION,
        error: {
          name: "UnknownError",
          data: { message: "JSON parsing failed: Text: {.\nError message: JSON Parse error" },
        },
      },
      text: "JSON parsing failed: Text: {. Error message: JSON Parse error",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const record = parsed(c.line);
      assert.equal(record.level, "error");
      assert.equal(record.text, c.text);
      assert.deepEqual(record.events, []);
    });
  }
});
