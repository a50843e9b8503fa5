import assert from "node:assert/strict";
import { join } from "node:path";
import { NotFoundError } from "../../../src/domain/mod.ts";
import { denoFs } from "../../../src/platform/mod.ts";
import { validateLog } from "../../../src/workers/mod.ts";
import { tempDir } from "../../helpers/temp.ts";

const GOOD = { timestamp: "2026-01-02T11:30:00Z", level: "info", worker_id: "w1", event: "x" };

async function validate(content: string, name = "w1.log") {
  await using dir = await tempDir();
  const path = join(dir.path, name);
  await Deno.writeTextFile(path, content);
  return await validateLog(denoFs, path);
}

function lines(...items: (object | string)[]): string {
  return items.map((i) => (typeof i === "string" ? i : JSON.stringify(i))).join("\n") + "\n";
}

Deno.test("validateLog() accepts FORGE JSONL, key=value and agent lines", async () => {
  const result = await validate(lines(
    GOOD,
    { ...GOOD, level: "CRITICAL", event: undefined, message: "disk full" },
    '2026-01-02T11:30:00Z level=warning worker_id=w1 message="slow disk"',
    { type: "system", subtype: "init", session_id: "s", model: "claude-sonnet-4-5" },
    { type: "turn.completed", usage: { input_tokens: 1, output_tokens: 1 } },
    { type: "text", sessionID: "ses_1", part: { type: "text", text: "hi" } },
    { type: "init", session_id: "s", model: "gemini-2.5-pro" },
  ));
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.warnings, []);
  assert.equal(result.ok, true);
  assert.equal(result.summary.lines, 7);
});

Deno.test("validateLog() reports each contract problem of a FORGE line", async (t) => {
  const cases = [
    [{ level: "info", message: "m" }, 'missing required fields "timestamp", "worker_id"'],
    [{ ...GOOD, level: undefined }, 'missing required field "level"'],
    [
      { ...GOOD, timestamp: "yesterday" },
      '"timestamp" "yesterday" is not an ISO 8601 time like "2026-01-31T12:00:00Z"',
    ],
    [
      { ...GOOD, timestamp: 1767353400 },
      '"timestamp" must be an ISO 8601 string like "2026-01-31T12:00:00Z", found a number',
    ],
    [
      { ...GOOD, level: "verbose" },
      '"level" "verbose" is not one of debug, info, warning, error, critical',
    ],
    [
      { ...GOOD, level: "constructor" },
      '"level" "constructor" is not one of debug, info, warning, error, critical',
    ],
    [{ ...GOOD, level: 3 }, '"level" must be a string, found a number'],
    [{ ...GOOD, worker_id: 7 }, '"worker_id" must be a string, found a number'],
    [{ ...GOOD, event: undefined }, 'needs a "message" or an "event" field'],
    [{ ...GOOD, message: { text: "hi" } }, '"message" must be a string, found an object'],
    [
      {},
      'missing required fields "timestamp", "level", "worker_id"; needs a "message" or an "event" field',
    ],
  ] as const;
  for (const [line, message] of cases) {
    await t.step(message, async () => {
      const result = await validate(lines(GOOD, line));
      assert.equal(result.ok, false);
      assert.deepEqual(result.errors, [`line 2: ${message}`]);
    });
  }
});

Deno.test("validateLog() checks key=value lines against the same contract", async () => {
  const result = await validate(lines("2026-01-02T11:30:00Z level=loud message=hi"));
  assert.deepEqual(result.errors, [
    'line 1: missing required field "worker_id"; "level" "loud" is not one of debug, info, ' +
    "warning, error, critical",
  ]);
});

Deno.test("validateLog() reports malformed and unknown-format lines as errors", async (t) => {
  const cases = [
    ["invalid JSON", '{"level":"info",', /^line 2: invalid JSON: /],
    ["non-object JSON", "[1,2]", /^line 2: JSON value is not an object$/],
    ["binary", "\u0000\u0000garbage", /^line 2: binary data or invalid UTF-8$/],
    [
      "plain text",
      "2026-01-02T11:30:00Z [INFO] started",
      /^line 2: not a log format FORGE checks: expected a JSON object or "<ISO timestamp> key=value …", found text "2026-01-02T11:30:00Z \[INFO\] started"$/,
    ],
    [
      "key=value without a timestamp",
      "level=info worker_id=w1 message=hi",
      /^line 2: a key=value line must start with an ISO 8601 timestamp, like "2026-01-31T12:00:00Z level=info worker_id=w1 message=…"$/,
    ],
  ] as const;
  for (const [name, line, pattern] of cases) {
    await t.step(name, async () => {
      const result = await validate(lines(GOOD, line));
      assert.equal(result.errorCount, 1);
      assert.match(result.errors[0] ?? "", pattern);
    });
  }
});

Deno.test("validateLog() lists the first 20 invalid lines and counts the rest", async () => {
  const result = await validate(lines(GOOD, ...Array.from({ length: 25 }, () => "oops")));
  assert.equal(result.errorCount, 25);
  assert.equal(result.errors.length, 21);
  assert.match(result.errors[0] ?? "", /^line 2: not a log format/);
  assert.match(result.errors[19] ?? "", /^line 21: /);
  assert.equal(result.errors[20], "… and 5 more invalid lines");
});

Deno.test("validateLog() refuses an empty log", async (t) => {
  for (const [name, content] of [["no bytes", ""], ["only blank lines", "\n\n"]] as const) {
    await t.step(name, async () => {
      const result = await validate(content);
      assert.equal(result.ok, false);
      assert.match(result.errors[0] ?? "", /^the log (is empty|holds only blank lines)/);
    });
  }
});

Deno.test("validateLog() warns once per problem with the lines it applies to", async () => {
  const result = await validate(
    lines(
      ...Array.from({ length: 7 }, () => ({ ...GOOD, level: "warn" })),
      "",
      { ...GOOD, worker_id: "w2" },
      { ...GOOD, timestamp: "2026-01-02T11:30:00" },
    ) + JSON.stringify(GOOD),
  );
  assert.equal(result.ok, true);
  assert.deepEqual(result.warnings, [
    '"level" "warn" should be "warning" (lines 1, 2, 3, 4, 5 and 2 more)',
    "blank line ignored (line 8)",
    '"worker_id" "w2" differs from the file name "w1"; FORGE uses the file name (line 9)',
    '"timestamp" has no UTC offset (add "Z"); FORGE reads it as UTC (line 10)',
    "the last line has no newline (still being written?) (line 11)",
  ]);
});

Deno.test("validateLog() throws NotFoundError for a missing file", async () => {
  await using dir = await tempDir();
  await assert.rejects(() => validateLog(denoFs, join(dir.path, "w1.log")), NotFoundError);
});

Deno.test("validateLog() refuses a directory", async () => {
  await using dir = await tempDir();
  const result = await validateLog(denoFs, dir.path);
  assert.equal(result.ok, false);
  assert.equal(result.errors[0], `"${dir.path}" is a directory, not a log file`);
});
