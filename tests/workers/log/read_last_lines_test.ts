import assert from "node:assert/strict";
import { join } from "node:path";
import type { FileSystem } from "../../../src/domain/mod.ts";
import { denoFs } from "../../../src/platform/mod.ts";
import { readLastLines, readLogLines } from "../../../src/workers/mod.ts";
import { tempDir } from "../../helpers/temp.ts";

async function lastTexts(
  content: string,
  count: number,
  options: { includePartial?: boolean; chunkBytes?: number } = {},
) {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, content);
  const last = await readLastLines(denoFs, path, { count, ...options });
  assert.ok(last !== undefined);
  return { texts: last.lines.map((l) => [l.offset, l.text]), offset: last.position.offset };
}

Deno.test("readLastLines() returns the last N lines with their offsets", async (t) => {
  const content = "one\ntwo\nthree\nfour\n";
  const cases = [
    { count: 2, texts: [[8, "three"], [14, "four"]] },
    { count: 1, texts: [[14, "four"]] },
    { count: 4, texts: [[0, "one"], [4, "two"], [8, "three"], [14, "four"]] },
    { count: 10, texts: [[0, "one"], [4, "two"], [8, "three"], [14, "four"]] },
    { count: 0, texts: [] },
  ];
  for (const c of cases) {
    for (const chunkBytes of [1, 5, 64 * 1024]) {
      await t.step(`last ${c.count}, chunks of ${chunkBytes}`, async () => {
        const got = await lastTexts(content, c.count, { chunkBytes });
        assert.deepEqual(got.texts, c.texts);
        assert.equal(got.offset, 19);
      });
    }
  }
});

Deno.test("readLastLines() leaves a partial last line for following unless asked", async (t) => {
  const content = "one\ntwo\nthr";
  await t.step("without includePartial", async () => {
    assert.deepEqual(await lastTexts(content, 2), { texts: [[0, "one"], [4, "two"]], offset: 8 });
  });
  await t.step("with includePartial", async () => {
    assert.deepEqual(await lastTexts(content, 2, { includePartial: true }), {
      texts: [[4, "two"], [8, "thr"]],
      offset: 8,
    });
  });
});

Deno.test("readLastLines() counts blank and CRLF lines like any other", async () => {
  assert.deepEqual((await lastTexts("a\r\n\r\nb\r\n", 2)).texts, [[3, ""], [5, "b"]]);
});

Deno.test("readLastLines() returns nothing for an empty file and undefined for a missing one", async () => {
  assert.deepEqual(await lastTexts("", 5), { texts: [], offset: 0 });
  await using dir = await tempDir();
  assert.equal(await readLastLines(denoFs, join(dir.path, "none.log"), { count: 5 }), undefined);
});

Deno.test("readLastLines() reads only the tail of a large log", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  const line = `${"x".repeat(99)}\n`;
  await Deno.writeTextFile(path, line.repeat(50_000));
  let bytesRead = 0;
  const counting: FileSystem = {
    ...denoFs,
    async readChunk(p, offset, max) {
      const chunk = await denoFs.readChunk(p, offset, max);
      bytesRead += chunk.bytes.length;
      return chunk;
    },
  };
  const last = await readLastLines(counting, path, { count: 3 });
  assert.deepEqual(last?.lines.map((l) => l.offset), [4_999_700, 4_999_800, 4_999_900]);
  assert.ok(bytesRead < 200_000, `read ${bytesRead} bytes of 5,000,000`);
});

Deno.test("readLastLines() gives a position from which following sees only new lines", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "w1.log");
  await Deno.writeTextFile(path, "old\nhalf");
  const last = await readLastLines(denoFs, path, { count: 5 });
  assert.ok(last !== undefined);
  await Deno.writeTextFile(path, " done\nnew\n", { append: true });
  const next = [];
  for await (const batch of readLogLines(denoFs, path, last.position)) next.push(...batch.lines);
  assert.deepEqual(next.map((l) => l.text), ["half done", "new"]);
});
