import assert from "node:assert/strict";
import { join } from "node:path";
import { denoFs } from "../../../src/platform/mod.ts";
import { type ScannedLine, summarizeLog } from "../../../src/workers/mod.ts";
import { tempDir } from "../../helpers/temp.ts";

const forge = (o: object) =>
  JSON.stringify({ timestamp: "2026-01-02T11:30:00Z", level: "info", worker_id: "w1", ...o });

const LOG = [
  forge({ event: "worker_started", model: "sonnet" }),
  forge({ event: "api_call", tokens: { input: 100, output: 10, cache_read: 50 }, cost_usd: 0.01 }),
  JSON.stringify({
    type: "result",
    subtype: "success",
    is_error: false,
    total_cost_usd: 0.02,
    modelUsage: { "claude-sonnet-4-5": { inputTokens: 200, outputTokens: 20, costUSD: 0.02 } },
  }),
  JSON.stringify({ type: "turn.completed", usage: { input_tokens: 40, cached_input_tokens: 10 } }),
  "",
  '{"timestamp":"2026-01-02T11:30:00Z","level":',
  "2026-01-02T11:30:00Z level=info worker_id=w1 message=hello",
  "\u0000\u0001\u0002 binary",
  "plain text",
  "[1,2,3]",
].join("\n");

Deno.test("summarizeLog() counts lines per format, malformed lines and usage", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, `${LOG}\n`);
  const summary = await summarizeLog(denoFs, path, { chunkBytes: 64 });
  assert.equal(summary.lines, 10);
  assert.equal(summary.blank, 1);
  assert.equal(summary.malformed, 3);
  assert.deepEqual(summary.formats, {
    "forge-jsonl": 2,
    keyvalue: 1,
    "claude-stream-json": 1,
    "codex-json": 1,
    "opencode-json": 0,
    "gemini-stream-json": 0,
    text: 1,
  });
  assert.deepEqual(summary.usage, {
    tokens: { input: 330, output: 30, cacheRead: 60, cacheWrite: 0 },
    costUsd: 0.03,
    events: 3,
  });
  assert.equal(summary.partialLastLine, false);
});

Deno.test("summarizeLog() keeps the first malformed lines as located, printable samples", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, `${LOG}\n`);
  const summary = await summarizeLog(denoFs, path);
  const offsetOf = (n: number) =>
    new TextEncoder().encode(LOG.split("\n").slice(0, n - 1).join("\n")).length + 1;
  assert.deepEqual(summary.samples.map((s) => [s.line, s.offset, s.text]), [
    [6, offsetOf(6), '{"timestamp":"2026-01-02T11:30:00Z","level":'],
    [8, offsetOf(8), "\\x00\\x01\\x02 binary"],
    [10, offsetOf(10), "[1,2,3]"],
  ]);
  assert.match(summary.samples[0]?.reason ?? "", /^invalid JSON: /);
  assert.equal(summary.samples[1]?.reason, "binary data or invalid UTF-8");
  assert.equal(summary.samples[2]?.reason, "JSON value is not an object");
});

Deno.test("summarizeLog() keeps at most maxSamples samples and clips their text", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, `{${"x".repeat(500)}\n`.repeat(9));
  const summary = await summarizeLog(denoFs, path, { maxSamples: 2 });
  assert.equal(summary.malformed, 9);
  assert.deepEqual(summary.samples.map((s) => s.line), [1, 2]);
  assert.equal(summary.samples[0]?.text.length, 121);
});

Deno.test("summarizeLog() counts an oversized line as malformed and reads on", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, `${forge({ message: "a" })}\n${"z".repeat(300)}\nlast\n`);
  const summary = await summarizeLog(denoFs, path, { maxLineBytes: 200, chunkBytes: 50 });
  assert.equal(summary.lines, 3);
  assert.equal(summary.malformed, 1);
  assert.equal(summary.samples[0]?.reason, "longer than the 200-byte line limit; skipped");
  assert.equal(summary.formats.text, 1);
});

Deno.test("summarizeLog() counts a last line without newline and says so", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, `${forge({ message: "a" })}\n${forge({ message: "b" })}`);
  const summary = await summarizeLog(denoFs, path);
  assert.equal(summary.lines, 2);
  assert.equal(summary.partialLastLine, true);
});

Deno.test("summarizeLog() visits every line in order with its number", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, "a\n\nb\r\n");
  const seen: ScannedLine[] = [];
  await summarizeLog(denoFs, path, { visit: (s) => seen.push(s) });
  assert.deepEqual(seen.map((s) => [s.number, s.line.offset, s.line.text]), [
    [1, 0, "a"],
    [2, 2, ""],
    [3, 3, "b"],
  ]);
});

Deno.test("summarizeLog() reads a missing file as empty", async () => {
  await using dir = await tempDir();
  const summary = await summarizeLog(denoFs, join(dir.path, "nope.log"));
  assert.equal(summary.lines, 0);
  assert.equal(summary.usage.events, 0);
});
