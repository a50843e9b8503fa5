import assert from "node:assert/strict";
import { isMalformed, parseLogLine } from "../../../src/workers/mod.ts";
import { NOW, parsed } from "./_parse.ts";

const FORGE = {
  timestamp: "2026-01-02T11:30:00Z",
  level: "info",
  worker_id: "w1",
  event: "api_call",
  tokens: { input: 1, output: 1 },
};

Deno.test("parseLogLine() detects the format of each line by itself", async (t) => {
  const cases = [
    ["forge-jsonl", JSON.stringify(FORGE)],
    ["keyvalue", "2026-01-02T11:30:00Z level=info worker_id=w1 event=task_started task_id=fg-1"],
    ["claude-stream-json", JSON.stringify({ type: "system", subtype: "init", session_id: "s" })],
    ["codex-json", JSON.stringify({ type: "turn.started" })],
    ["codex-json", JSON.stringify({ type: "error", message: "Reconnecting... 1/5" })],
    ["opencode-json", JSON.stringify({ type: "text", sessionID: "ses_1", part: { text: "hi" } })],
    ["gemini-stream-json", JSON.stringify({ type: "init", session_id: "s", model: "gemini" })],
    ["text", "2026-01-02T11:30:00Z [INFO] plain"],
    ["text", "no structure at all"],
  ] as const;
  for (const [format, line] of cases) {
    await t.step(`${format}: ${line.slice(0, 40)}`, () => {
      assert.equal(parsed(line).format, format);
    });
  }
});

Deno.test("parseLogLine() reads a FORGE error event as FORGE JSONL, not Codex", () => {
  const line = { ...FORGE, type: "error", event: "task_failed", message: "boom" };
  assert.equal(parsed(line).format, "forge-jsonl");
});

Deno.test("parseLogLine() uses the format a worker config names", async (t) => {
  await t.step("forge-jsonl keeps an agent-looking line as FORGE JSONL", () => {
    const line = { ...FORGE, type: "result" };
    assert.equal(parsed(line, { format: "forge-jsonl" }).format, "forge-jsonl");
  });
  await t.step("codex-json reads an unknown type as a Codex event", () => {
    assert.equal(
      parsed({ type: "session.created" }, { format: "codex-json" }).format,
      "codex-json",
    );
  });
  await t.step("text keeps JSON as text", () => {
    const record = parsed(JSON.stringify(FORGE), { format: "text" });
    assert.equal(record.format, "text");
    assert.deepEqual(record.events, []);
  });
});

Deno.test("parseLogLine() reports bad lines as malformed without throwing", async (t) => {
  const cases = [
    { name: "blank", line: "", reason: "blank line" },
    { name: "spaces and tabs", line: " \t  ", reason: "blank line" },
    {
      name: "NUL bytes",
      line: "\u0000\u0000\u0001garbage\u0000",
      reason: "binary data or invalid UTF-8",
    },
    {
      name: "invalid UTF-8 (decoded as U+FFFD)",
      line: new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0xfe, 0x62])),
      reason: "binary data or invalid UTF-8",
    },
    { name: "JSON array", line: '[{"type":"result"}]', reason: "JSON value is not an object" },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      assert.deepEqual(parseLogLine(c.line, { now: NOW }), { malformed: c.reason });
    });
  }
});

Deno.test("parseLogLine() names the JSON error of an invalid JSON line", async (t) => {
  const cases = [
    ["cut off", '{"timestamp":"2026-01-02T11:30:00Z","level":"in'],
    ["trailing comma", '{"level":"info",}'],
    ["NUL inside", '{"level":"info\u0000"}'],
    ["two objects", '{"a":1}{"b":2}'],
  ] as const;
  for (const [name, line] of cases) {
    await t.step(name, () => {
      const result = parseLogLine(line, { now: NOW });
      assert.ok(isMalformed(result), "malformed");
      assert.match(result.malformed, /^invalid JSON: \S/);
      assert.ok(result.malformed.length <= 14 + 120, result.malformed);
    });
  }
});

Deno.test("parseLogLine() reads bracketed text and bare JSON scalars as text", async (t) => {
  for (const line of ["[INFO] starting", "[2026-01-02 11:30:00] ready", "42", "null", '"quoted"']) {
    await t.step(line, () => assert.equal(parsed(line).format, "text"));
  }
});

Deno.test("parseLogLine() reads JSON after leading whitespace", () => {
  assert.equal(parsed(`  \t${JSON.stringify(FORGE)}`).format, "forge-jsonl");
});

Deno.test("parseLogLine() parses a 10 MB line", () => {
  const message = "x".repeat(10 * 1024 * 1024);
  const record = parsed({ ...FORGE, message });
  assert.equal(record.format, "forge-jsonl");
  assert.equal(record.events.length, 1);
  assert.equal(record.text.length, 240);
});

Deno.test("parseLogLine() builds no display text when asked not to", () => {
  const record = parsed(FORGE, { text: false });
  assert.equal(record.text, "");
  assert.equal(record.events.length, 1);
});

Deno.test("isMalformed() tells malformed results from records", () => {
  assert.equal(isMalformed({ malformed: "blank line" }), true);
  assert.equal(isMalformed(parsed(FORGE)), false);
});

Deno.test("parseLogLine() drops a timestamp no Date can hold", () => {
  const record = parsed({ ...FORGE, timestamp: 1e300 });
  assert.equal(record.at, undefined);
  assert.equal(record.events.length, 1);
});
