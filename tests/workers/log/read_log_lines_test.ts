import assert from "node:assert/strict";
import { join } from "node:path";
import { denoFs } from "../../../src/platform/mod.ts";
import {
  isMalformed,
  type LogLine,
  parseLogLine,
  readLogLines,
  type ReadLogOptions,
  type TailChunk,
  type TailPosition,
} from "../../../src/workers/mod.ts";
import { tempDir } from "../../helpers/temp.ts";

const START: TailPosition = { ino: undefined, offset: 0 };
const encoder = new TextEncoder();

interface Collected {
  readonly lines: LogLine[];
  readonly position: TailPosition;
  readonly resets: TailChunk["reset"][];
}

async function collect(
  path: string,
  from: TailPosition = START,
  options: ReadLogOptions = {},
): Promise<Collected> {
  const lines: LogLine[] = [];
  const resets: TailChunk["reset"][] = [];
  let position = from;
  for await (const chunk of readLogLines(denoFs, path, from, options)) {
    lines.push(...chunk.lines);
    if (chunk.reset !== undefined) resets.push(chunk.reset);
    position = chunk.position;
  }
  return { lines, position, resets };
}

function bytes(...parts: (string | number[])[]): Uint8Array {
  const encoded = parts.map((p) => typeof p === "string" ? encoder.encode(p) : new Uint8Array(p));
  const out = new Uint8Array(encoded.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of encoded) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function line(text: string, offset: number): LogLine {
  return { text, offset, oversized: false };
}

Deno.test("readLogLines() returns every complete line with its byte offset", async (t) => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, "first\ncafé ☕\n日本語のログ\n🙂 end\n");
  const want = [line("first", 0), line("café ☕", 6), line("日本語のログ", 16), line("🙂 end", 35)];
  for (const chunkBytes of [1, 3, 7, 16, 1024 * 1024]) {
    await t.step(`chunks of ${chunkBytes} bytes`, async () => {
      const got = await collect(path, START, { chunkBytes });
      assert.deepEqual(got.lines, want);
      assert.equal(got.position.offset, 44);
      assert.deepEqual(got.resets, []);
    });
  }
});

Deno.test("readLogLines() strips CRLF line ends and keeps byte offsets", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, "one\r\ntwo\r\n\r\nthree\n");
  const got = await collect(path);
  assert.deepEqual(got.lines, [line("one", 0), line("two", 5), line("", 10), line("three", 12)]);
});

Deno.test("readLogLines() returns blank lines as empty text", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, "\n\na\n\n");
  const got = await collect(path);
  assert.deepEqual(got.lines, [line("", 0), line("", 1), line("a", 2), line("", 4)]);
  assert.equal(got.position.offset, 5);
});

Deno.test("readLogLines() holds back a partial last line until its newline arrives", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, "done\nhal");
  const first = await collect(path);
  assert.deepEqual(first.lines, [line("done", 0)]);
  assert.equal(first.position.offset, 5);
  const again = await collect(path, first.position);
  assert.deepEqual(again.lines, [], "still no newline");
  await Deno.writeTextFile(path, "f way\nnext", { append: true });
  const second = await collect(path, first.position, { chunkBytes: 4 });
  assert.deepEqual(second.lines, [line("half way", 5)]);
  assert.equal(second.position.offset, 14);
  await Deno.writeTextFile(path, "\n", { append: true });
  const third = await collect(path, second.position);
  assert.deepEqual(third.lines, [line("next", 14)], "each line exactly once");
});

Deno.test("readLogLines() with includePartial returns the partial line without passing it", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, "a\npartial\r");
  const got = await collect(path, START, { includePartial: true });
  assert.deepEqual(got.lines, [line("a", 0), line("partial", 2)]);
  assert.equal(got.position.offset, 2);
});

Deno.test("readLogLines() restarts at 0 after truncation", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, "old line one\nold line two\n");
  const before = await collect(path);
  await Deno.truncate(path, 0);
  await Deno.writeTextFile(path, "new\n", { append: true });
  const after = await collect(path, before.position);
  assert.deepEqual(after.resets, ["truncated"]);
  assert.deepEqual(after.lines, [line("new", 0)]);
  assert.equal(after.position.offset, 4);
});

Deno.test("readLogLines() restarts at 0 when the file is replaced by a new inode", async (t) => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, "old\n");
  const before = await collect(path);
  await t.step("a longer new file", async () => {
    await Deno.rename(path, `${path}.1`);
    await Deno.writeTextFile(path, "rotated line one\nrotated line two\n");
    const after = await collect(path, before.position);
    assert.notEqual(after.position.ino, before.position.ino);
    assert.deepEqual(after.resets, ["rotated"]);
    assert.deepEqual(after.lines, [line("rotated line one", 0), line("rotated line two", 17)]);
  });
  await t.step("an empty new file", async () => {
    const seen = await collect(path);
    await Deno.rename(path, `${path}.2`);
    await Deno.writeTextFile(path, "");
    const after = await collect(path, seen.position);
    assert.deepEqual(after.resets, ["rotated"]);
    assert.deepEqual(after.lines, []);
    assert.equal(after.position.offset, 0);
  });
});

Deno.test("readLogLines() skips a line over the limit and keeps the following lines", async (t) => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, `before\n${"x".repeat(500)}\nafter\n${"y".repeat(101)}`);
  for (const chunkBytes of [16, 1024 * 1024]) {
    await t.step(`chunks of ${chunkBytes} bytes`, async () => {
      const got = await collect(path, START, { chunkBytes, maxLineBytes: 100 });
      assert.deepEqual(got.lines, [
        line("before", 0),
        { text: "", offset: 7, oversized: true },
        line("after", 508),
      ]);
      assert.equal(got.position.offset, 514, "the partial oversized tail is not passed");
    });
  }
  await t.step("an oversized partial line is not returned even with includePartial", async () => {
    const got = await collect(path, { ino: undefined, offset: 514 }, {
      includePartial: true,
      maxLineBytes: 100,
    });
    assert.deepEqual(got.lines, []);
  });
});

Deno.test("readLogLines() reads a 10 MB line whole across chunks", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  const big = JSON.stringify({
    timestamp: "2026-01-02T11:30:00Z",
    level: "info",
    worker_id: "w1",
    message: "m".repeat(10 * 1024 * 1024),
  });
  await Deno.writeTextFile(path, `a\n${big}\nb\n`);
  const got = await collect(path);
  assert.deepEqual(got.lines.map((l) => [l.offset, l.text.length, l.oversized]), [
    [0, 1, false],
    [2, big.length, false],
    [3 + big.length, 1, false],
  ]);
  const record = parseLogLine(got.lines[1]?.text ?? "");
  assert.ok(!isMalformed(record) && record.format === "forge-jsonl");
});

Deno.test("readLogLines() keeps exact offsets around binary garbage and invalid UTF-8", async (t) => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeFile(
    path,
    bytes("é\n", [0xe2, 0x82, 0x0a], "abc\n", [0x00, 0xff, 0xfe, 0x00, 0x0a], "end\n"),
  );
  for (const chunkBytes of [3, 1024 * 1024]) {
    await t.step(`chunks of ${chunkBytes} bytes`, async () => {
      const got = await collect(path, START, { chunkBytes });
      assert.deepEqual(got.lines.map((l) => l.offset), [0, 3, 6, 10, 15]);
      assert.deepEqual(got.lines.map((l) => l.text).filter((_, i) => i % 2 === 0), [
        "é",
        "abc",
        "end",
      ]);
      assert.equal(got.position.offset, 19);
      const reasons = got.lines.map((l) => parseLogLine(l.text)).filter(isMalformed);
      assert.deepEqual(reasons.map((r) => r.malformed), [
        "binary data or invalid UTF-8",
        "binary data or invalid UTF-8",
      ]);
    });
  }
});

Deno.test("readLogLines() yields nothing for a missing file or at its end", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  assert.deepEqual(await collect(path), { lines: [], position: START, resets: [] });
  await Deno.writeTextFile(path, "a\n");
  const end = await collect(path);
  const again = await collect(path, end.position);
  assert.deepEqual(again.lines, []);
  assert.deepEqual(again.resets, []);
});
