import assert from "node:assert/strict";
import { eventsOf, NOW, parsed } from "./_parse.ts";

Deno.test("parseLogLine() reads TIMESTAMP [LEVEL] msg text lines", async (t) => {
  const cases = [
    {
      line: "2026-01-02T11:30:00Z [ERROR] build failed",
      at: Date.UTC(2026, 0, 2, 11, 30),
      level: "error",
      text: "build failed",
    },
    {
      line: "2026-01-02T11:30:00.5+02:00 [warn] slow disk",
      at: Date.UTC(2026, 0, 2, 9, 30, 0, 500),
      level: "warn",
      text: "slow disk",
    },
    {
      line: "2026-01-02 11:30:00 INFO: ready",
      at: Date.UTC(2026, 0, 2, 11, 30),
      level: "info",
      text: "ready",
    },
    {
      line: "2026-01-02T11:30:00Z DEBUG cache hit",
      at: Date.UTC(2026, 0, 2, 11, 30),
      level: "debug",
      text: "cache hit",
    },
    {
      line: "Compiling forge v0.1.0",
      at: undefined,
      level: "info",
      text: "Compiling forge v0.1.0",
    },
    {
      line: "soon [ERROR] not a stamp",
      at: undefined,
      level: "info",
      text: "soon [ERROR] not a stamp",
    },
  ];
  for (const c of cases) {
    await t.step(c.line, () => {
      const record = parsed(c.line);
      assert.equal(record.format, "text");
      assert.equal(record.at, c.at);
      assert.equal(record.level, c.level);
      assert.equal(record.text, c.text);
    });
  }
});

Deno.test("parseLogLine() reads a usage-limit text line as a rate limit", () => {
  const record = parsed("2026-01-02T11:30:00Z [WARN] usage limit reached, try again in 30 minutes");
  assert.equal(eventsOf(record, "rate_limit")[0]?.resetAt, NOW + 30 * 60_000);
});

Deno.test("parseLogLine() clips very long text lines for display", () => {
  const record = parsed("x".repeat(5000));
  assert.equal(record.text.length, 2000);
  assert.ok(record.text.endsWith("…"));
});
