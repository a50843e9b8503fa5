import assert from "node:assert/strict";
import { eventsOf, NOW, parsed } from "./_parse.ts";

const USAGE_LIMIT = "You’ve hit your usage limit. Upgrade to Pro " +
  "(https://chatgpt.com/explore/pro), visit https://chatgpt.com/settings/usage to purchase more " +
  "credits or try again at 10:33 PM.";

Deno.test("parseLogLine() reads Codex thread and item events as display lines", async (t) => {
  const cases = [
    {
      name: "thread.started",
      line: { type: "thread.started", thread_id: "01a214b7-5c2d-7e3f-9a10-4b5c6d7e8f90" },
      level: "info",
      text: "thread 01a214b7-5c2d-7e3f-9a10-4b5c6d7e8f90 started",
    },
    { name: "turn.started", line: { type: "turn.started" }, level: "debug", text: "turn.started" },
    {
      name: "command in progress",
      line: {
        type: "item.started",
        item: {
          id: "item_0",
          type: "command_execution",
          command: "/bin/bash -lc 'echo hello > proof.txt'",
          aggregated_output: "",
          exit_code: null,
          status: "in_progress",
        },
      },
      level: "info",
      text: "$ /bin/bash -lc 'echo hello > proof.txt'",
    },
    {
      name: "command completed",
      line: {
        type: "item.completed",
        item: {
          id: "item_0",
          type: "command_execution",
          command: "/bin/bash -lc 'echo hello > proof.txt'",
          aggregated_output: "",
          exit_code: 0,
          status: "completed",
        },
      },
      level: "info",
      text: "$ /bin/bash -lc 'echo hello > proof.txt' (exit 0)",
    },
    {
      name: "reasoning",
      line: { type: "item.completed", item: { id: "item_1", type: "reasoning", text: "Plan" } },
      level: "debug",
      text: "thinking: Plan",
    },
    {
      name: "agent message",
      line: {
        type: "item.completed",
        item: { id: "item_2", type: "agent_message", text: "All done." },
      },
      level: "info",
      text: "All done.",
    },
    {
      name: "file change",
      line: { type: "item.completed", item: { id: "item_3", type: "file_change", changes: [] } },
      level: "info",
      text: "file_change completed",
    },
    {
      name: "non-fatal error item",
      line: {
        type: "item.completed",
        item: { id: "item_4", type: "error", message: "apply_patch verification failed" },
      },
      level: "warn",
      text: "apply_patch verification failed",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const record = parsed(c.line);
      assert.equal(record.format, "codex-json");
      assert.equal(record.level, c.level);
      assert.equal(record.text, c.text);
      assert.deepEqual(record.events, []);
    });
  }
});

Deno.test("parseLogLine() reads Codex turn.completed usage with cached input split out", () => {
  const record = parsed({
    type: "turn.completed",
    usage: {
      input_tokens: 4000,
      cached_input_tokens: 1000,
      cache_write_input_tokens: 0,
      output_tokens: 160,
      reasoning_output_tokens: 20,
    },
  });
  assert.equal(record.text, "turn completed: 4000 in (1000 cached), 160 out");
  assert.deepEqual(eventsOf(record, "usage"), [{
    kind: "usage",
    model: undefined,
    // input_tokens includes the cached ones (OpenAI semantics); FORGE counts them apart.
    tokens: { input: 3000, output: 160, cacheRead: 1000, cacheWrite: 0 },
    costUsd: undefined,
    beadId: undefined,
    sessionId: undefined,
  }]);
  assert.equal(eventsOf(record, "task")[0]?.phase, "completed");
});

Deno.test("parseLogLine() never reads more cached than total Codex input tokens", () => {
  const record = parsed({
    type: "turn.completed",
    usage: { input_tokens: 100, cached_input_tokens: 400, output_tokens: -3 },
  });
  assert.deepEqual(eventsOf(record, "usage")[0]?.tokens, {
    input: 0,
    output: 0,
    cacheRead: 400,
    cacheWrite: 0,
  });
});

/** Noon of 2026-01-02 in the local time zone, which Codex names its reset times in. */
const LOCAL_NOON = new Date(2026, 0, 2, 12, 0, 0).getTime();

Deno.test("parseLogLine() reads Codex turn.failed with a usage limit as failure and limit", () => {
  const record = parsed({ type: "turn.failed", error: { message: USAGE_LIMIT } }, {
    now: LOCAL_NOON,
  });
  assert.equal(record.level, "error");
  assert.equal(record.text, `turn failed: ${USAGE_LIMIT}`);
  assert.equal(eventsOf(record, "task")[0]?.phase, "failed");
  const [limit] = eventsOf(record, "rate_limit");
  // Codex drops the seconds: the limit may last until the end of the minute it names.
  assert.equal(limit?.resetAt, new Date(2026, 0, 2, 22, 34, 0).getTime());
});

Deno.test("parseLogLine() reads the reset times of every Codex usage-limit wording", async (t) => {
  const cases = [
    {
      name: "another day, with the date",
      message: "You’ve hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), " +
        "visit https://chatgpt.com/settings/usage to purchase more credits or try again at " +
        "Jan 5th, 2026 3:41 AM.",
      resetAt: new Date(2026, 0, 5, 3, 42, 0).getTime(),
    },
    {
      name: "capital Try, no plan",
      message: "You've hit your usage limit. Try again at 1:05 PM.",
      resetAt: new Date(2026, 0, 2, 13, 6, 0).getTime(),
    },
    {
      name: "next year",
      message: "You've hit your usage limit. Try again at Jan 1st, 2027 12:00 AM.",
      resetAt: new Date(2027, 0, 1, 0, 1, 0).getTime(),
    },
    {
      // Within the minute it names, the time is still today's, not tomorrow's.
      name: "the minute that is now",
      message: "You've hit your usage limit. Try again at 12:00 PM.",
      resetAt: new Date(2026, 0, 2, 12, 1, 0).getTime(),
    },
    {
      name: "no reset time",
      message: "You've hit your usage limit. Try again later.",
      resetAt: undefined,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      for (const type of ["turn.failed", "error"]) {
        const line = type === "error" ? { type, message: c.message } : {
          type,
          error: { message: c.message },
        };
        const [limit] = eventsOf(parsed(line, { now: LOCAL_NOON }), "rate_limit");
        assert.equal(limit?.resetAt, c.resetAt, type);
      }
    });
  }
});

Deno.test("parseLogLine() reads a Codex quota failure as a limit without a reset time", () => {
  const record = parsed({
    type: "turn.failed",
    error: { message: "Quota exceeded. Check your plan and billing details." },
  });
  assert.deepEqual(eventsOf(record, "rate_limit"), [{
    kind: "rate_limit",
    resetAt: undefined,
    retrying: false,
    message: "Quota exceeded. Check your plan and billing details.",
  }]);
});

Deno.test("parseLogLine() reads Codex Reconnecting notices as warnings, not limits", async (t) => {
  for (
    const message of [
      "Reconnecting... 2/5 (exceeded retry limit, last status: 429 Too Many Requests)",
      "Reconnecting... waiting for network (Connection failed: error sending request)",
    ]
  ) {
    await t.step(message.slice(0, 30), () => {
      const record = parsed({ type: "error", message });
      assert.equal(record.format, "codex-json");
      assert.equal(record.level, "warn");
      assert.equal(record.text, message);
      assert.deepEqual(record.events, []);
    });
  }
});

Deno.test("parseLogLine() reads a Codex top-level rate-limit error as a limit", () => {
  const message =
    "rate limit exceeded: Rate limit reached for gpt-5.5. Please try again in 11.054s.";
  const record = parsed({ type: "error", message });
  assert.equal(eventsOf(record, "rate_limit")[0]?.resetAt, NOW + 11054);
});
