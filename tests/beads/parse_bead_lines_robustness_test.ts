import assert from "node:assert/strict";
import { join } from "node:path";
import { SCORING_DEFAULTS } from "../../src/domain/mod.ts";
import { BeadLineCache, buildTaskQueue, parseBeadLines, readBeads } from "../../src/beads/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { classicLine } from "./_beads_fixtures.ts";

const FILE = "/ws/.beads/issues.jsonl";

function parse(lines: readonly string[]) {
  return parseBeadLines(`${lines.join("\n")}\n`, FILE);
}

Deno.test("parseBeadLines() handles CRLF, blank lines, a BOM and a last line without LF", () => {
  const text = `\uFEFF${classicLine({ id: "a-1" })}\r\n\r\n   \n${
    classicLine({ id: "a-2" })
  }\r\n\n${classicLine({ id: "a-3" })}`;
  const parsed = parseBeadLines(text, FILE);
  assert.deepEqual(parsed.beads.map((b) => b.id), ["a-1", "a-2", "a-3"]);
  assert.equal(parsed.skippedLines, 0);
  assert.equal(parsed.truncatedTail, false);
});

Deno.test("parseBeadLines() flags an incomplete last line as a write in progress", () => {
  const whole = classicLine({ id: "a-2" });
  const parsed = parseBeadLines(`${classicLine({ id: "a-1" })}\n${whole.slice(0, 30)}`, FILE);
  assert.deepEqual(parsed.beads.map((b) => b.id), ["a-1"]);
  assert.equal(parsed.truncatedTail, true);
  assert.equal(parsed.skippedLines, 1);
  assert.deepEqual(parsed.issues.map((i) => [i.kind, i.line]), [["malformed-line", 2]]);
});

Deno.test("parseBeadLines() reads a line longer than 64 MiB", () => {
  const huge = "x".repeat(64 * 1024 * 1024 + 10);
  const bytes = new TextEncoder().encode(
    `${classicLine({ id: "h-1" })}\n${classicLine({ id: "h-2", description: huge })}\n${
      classicLine({ id: "h-3" })
    }\n`,
  );
  const parsed = parseBeadLines(bytes, FILE);
  assert.deepEqual(parsed.beads.map((b) => b.id), ["h-1", "h-2", "h-3"]);
  assert.equal(parsed.beads[1]?.description.length, huge.length);
});

Deno.test("parseBeadLines() skips invalid UTF-8 and malformed lines, counting them all", () => {
  const encoder = new TextEncoder();
  const bad = Array.from({ length: 24 }, (_, i) => `{"id":"broken-${i}",`);
  const bytes = new Uint8Array([
    ...encoder.encode(`${classicLine({ id: "u-1", title: "caf\u00e9 \u2713" })}\n`),
    ...encoder.encode('{"id":"u-2","title":"'),
    0xff,
    0xfe,
    ...encoder.encode('"}\n'),
    ...encoder.encode(`${bad.join("\n")}\n[1,2]\n"just a string"\n`),
    ...encoder.encode(`${classicLine({ id: "u-3" })}\n`),
  ]);
  const parsed = parseBeadLines(bytes, FILE);
  assert.deepEqual(parsed.beads.map((b) => b.id), ["u-1", "u-3"]);
  assert.equal(parsed.beads[0]?.title, "caf\u00e9 \u2713");
  assert.equal(parsed.skippedLines, 27, "1 invalid UTF-8 + 24 broken + 2 non-objects");
  const malformed = parsed.issues.filter((i) => i.kind === "malformed-line");
  assert.equal(malformed.length, 10, "only the first samples are kept");
  assert.deepEqual(malformed[0], {
    kind: "malformed-line",
    line: 2,
    file: FILE,
    message: "not valid UTF-8",
  });
});

Deno.test("parseBeadLines() keeps a real U+FFFD in valid UTF-8", () => {
  const parsed = parseBeadLines(
    new TextEncoder().encode(`${classicLine({ id: "r-1", title: "\uFFFD ok" })}\n`),
    FILE,
  );
  assert.equal(parsed.beads[0]?.title, "\uFFFD ok");
  assert.equal(parsed.skippedLines, 0);
});

Deno.test("parseBeadLines() reports git conflict markers and keeps the newer side", () => {
  const parsed = parse([
    classicLine({ id: "g-0" }),
    "<<<<<<< HEAD",
    classicLine({ id: "g-1", status: "closed", updated_at: "2026-03-02T00:00:00Z" }),
    "=======",
    classicLine({ id: "g-1", status: "in_progress", updated_at: "2026-03-01T00:00:00Z" }),
    ">>>>>>> feature",
  ]);
  assert.deepEqual(parsed.beads.map((b) => [b.id, b.status]), [["g-0", "open"], ["g-1", "closed"]]);
  assert.equal(parsed.skippedLines, 3);
  assert.deepEqual(
    parsed.issues.filter((i) => i.kind === "conflict-marker").map((i) => i.line),
    [2, 4, 6],
  );
});

Deno.test("parseBeadLines() resolves duplicate ids by updated_at, then by line", async (t) => {
  await t.step("the newer record wins even when it comes first", () => {
    const { beads, issues } = parse([
      classicLine({ id: "d-1", title: "new", updated_at: "2026-03-02T00:00:00.5+01:00" }),
      classicLine({ id: "d-2" }),
      classicLine({ id: "d-1", title: "old", updated_at: "2026-03-01T23:00:00.4Z" }),
    ]);
    assert.deepEqual(beads.map((b) => [b.id, b.title]), [["d-1", "new"], ["d-2", "Title of d-2"]]);
    assert.deepEqual(issues.map((i) => [i.kind, i.line]), [["duplicate-id", 3]]);
    assert.match(issues[0]?.message ?? "", /lines 1 and 3; kept line 1/);
  });
  await t.step("a tie goes to the later line", () => {
    const { beads } = parse([
      classicLine({ id: "d-1", title: "first" }),
      classicLine({ id: "d-1", title: "second" }),
    ]);
    assert.deepEqual(beads.map((b) => b.title), ["second"]);
  });
});

Deno.test("parseBeadLines() keeps tombstones as such and drops _deleted ids", () => {
  const { beads, skippedLines } = parse([
    classicLine({ id: "x-1", status: "tombstone", deleted_at: "2026-03-01T00:00:00Z" }),
    classicLine({ id: "x-2" }),
    classicLine({ id: "x-3", updated_at: "2026-03-05T00:00:00Z" }),
    JSON.stringify({ id: "x-2", _deleted: true, _deleted_at: "2026-03-01T00:00:00Z" }),
    JSON.stringify({ id: "x-3", _deleted: true, _deleted_at: "2026-03-01T00:00:00Z" }),
    classicLine({ id: "x-4" }),
  ]);
  assert.deepEqual(beads.map((b) => [b.id, b.status]), [
    ["x-1", "tombstone"],
    ["x-3", "open"],
    ["x-4", "open"],
  ], "x-3 was updated after its deletion");
  assert.equal(skippedLines, 0);
});

Deno.test("readBeads() + buildTaskQueue(): a tombstoned blocker lets its dependent through", async () => {
  const dir = await Deno.makeTempDir({ prefix: "forge_tombstone_" });
  try {
    await Deno.mkdir(join(dir, ".beads"));
    await Deno.writeTextFile(
      join(dir, ".beads", "issues.jsonl"),
      [
        classicLine({ id: "t-1", status: "tombstone", deleted_at: "2026-03-01T00:00:00Z" }),
        classicLine({
          id: "t-2",
          dependencies: [{ issue_id: "t-2", depends_on_id: "t-1", type: "blocks" }],
        }),
        classicLine({
          id: "t-3",
          dependencies: [{ issue_id: "t-3", depends_on_id: "t-9", type: "blocks" }],
        }),
      ].join("\n") + "\n",
    );
    const snapshot = await readBeads(dir, { fs: denoFs });
    const queue = buildTaskQueue(snapshot, { now: Date.now(), scoring: SCORING_DEFAULTS });
    const states = queue.beads.map((q) => [q.bead.id, q.state, q.reason]);
    assert.deepEqual(states, [
      ["t-2", "ready", "ready"],
      ["t-3", "blocked", "blocked by t-9 (missing)"],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("parseBeadLines() with a line cache: the same beads and problems, unchanged lines reused", () => {
  const cache = new BeadLineCache();
  const lines = [
    classicLine({ id: "c-1" }),
    classicLine({ id: "c-2", created_at: "soon" }),
    classicLine({ id: "c-2", title: "again", updated_at: "2026-03-01T00:00:00Z" }),
    JSON.stringify({ title: "no id" }),
    "{not json",
  ];
  const text = lines.join("\n") + "\n";
  const plain = parseBeadLines(text, FILE);
  const first = parseBeadLines(text, FILE, { cache });
  const second = parseBeadLines(text, FILE, { cache });
  assert.deepEqual(first, plain);
  assert.deepEqual(second, plain, "problems of a reused line are reported again");
  assert.equal(second.beads[0], first.beads[0]);
  assert.equal(cache.size, 4, "every line that parsed is kept; the broken one is not");

  const changed = parseBeadLines(`${lines[0]}\n${classicLine({ id: "c-3" })}\n`, FILE, { cache });
  assert.equal(changed.beads[0], first.beads[0]);
  assert.deepEqual(changed.beads.map((b) => b.id), ["c-1", "c-3"]);
  assert.equal(cache.size, 2, "lines gone from the file are forgotten");
});
