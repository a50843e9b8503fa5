import assert from "node:assert/strict";
import { parseLogLine } from "../../../src/workers/mod.ts";
import { eventsOf, NOW, parsed } from "./_parse.ts";

const AT = Date.UTC(2026, 0, 2, 11, 30, 0);

Deno.test("parseLogLine() reads key=value lines with quoted values and escaped quotes", () => {
  const record = parsed(
    `2026-01-02T11:30:00Z level=warning worker_id=w1 message="disk \\"scratch\\" is 91% full"`,
  );
  assert.equal(record.format, "keyvalue");
  assert.equal(record.at, AT);
  assert.equal(record.level, "warn");
  assert.equal(record.text, `disk "scratch" is 91% full`);
});

Deno.test("parseLogLine() reads key=value token names from every document", async (t) => {
  const cases = [
    ["tokens_in/tokens_out", "tokens_in=100 tokens_out=20"],
    ["tokens_input/tokens_output", "tokens_input=100 tokens_output=20"],
    ["input_tokens/output_tokens", "input_tokens=100 output_tokens=20"],
  ] as const;
  for (const [name, pairs] of cases) {
    await t.step(name, () => {
      const record = parsed(
        `2026-01-02T11:30:00Z level=info worker_id=w1 event=api_call model=sonnet ${pairs}`,
      );
      assert.deepEqual(eventsOf(record, "usage")[0]?.tokens, {
        input: 100,
        output: 20,
        cacheRead: 0,
        cacheWrite: 0,
      });
      assert.equal(eventsOf(record, "usage")[0]?.model, "sonnet");
    });
  }
});

Deno.test("parseLogLine() reads a key=value task duration in seconds", () => {
  const record = parsed(
    "2026-01-02T11:30:00Z level=info worker_id=w1 event=task_completed task_id=fg-3 duration=12",
  );
  assert.deepEqual(record.events, [{
    kind: "task",
    phase: "completed",
    beadId: "fg-3",
    durationMs: 12_000,
    error: undefined,
  }]);
});

Deno.test("parseLogLine() shows the pairs of a key=value line without message or event", () => {
  const record = parsed("2026-01-02T11:30:00Z level=info worker_id=w1 status=idle");
  assert.equal(record.format, "keyvalue");
  assert.equal(record.text, "level=info worker_id=w1 status=idle");
});

Deno.test("parseLogLine() reads lines that only look like key=value as text", async (t) => {
  const cases = [
    ["no timestamp first", "level=info worker_id=w1 message=hi"],
    ["bracketed level before a pair", "2026-01-02T11:30:00Z [INFO] user=bob logged in"],
    ["no pairs", "2026-01-02T11:30:00Z started"],
  ] as const;
  for (const [name, line] of cases) {
    await t.step(name, () => assert.equal(parsed(line).format, "text"));
  }
});

Deno.test("parseLogLine() with format keyvalue reports other lines as malformed", () => {
  assert.deepEqual(parseLogLine("just words", { format: "keyvalue", now: NOW }), {
    malformed: "not a key=value line",
  });
});
