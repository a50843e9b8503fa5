import assert from "node:assert/strict";
import { join } from "node:path";
import { appendHistory, type HistoryEntry, readHistory } from "../../src/chat/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";

function entry(i: number, text = `request ${i}`): HistoryEntry {
  return {
    at: new Date(Date.UTC(2026, 10, 26, 10, 0, i)).toISOString(),
    who: "dev@box",
    via: "cli",
    text,
    answered_by: "fast-path",
    reply: "",
    calls: [{ id: "fast-1", tool: "show_workers", arguments: {}, outcome: "done", message: "ok" }],
    error: null,
    duration_ms: 3,
  };
}

Deno.test("chat history appends, reads the newest and skips damaged lines", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "state", "chat-history.jsonl");
  for (let i = 0; i < 5; i++) await appendHistory(denoFs, path, entry(i), 1 << 20);
  await Deno.writeTextFile(path, "{broken\n[1,2]\n", { append: true });
  await appendHistory(denoFs, path, entry(5), 1 << 20);
  const read = await readHistory(denoFs, path, 3);
  assert.deepEqual(read.entries.map((e) => e.text), ["request 3", "request 4", "request 5"]);
  assert.equal(read.skipped, 2);
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
});

Deno.test("chat history is trimmed to its newer half past the cap, never below one entry", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "chat-history.jsonl");
  const cap = 4096;
  for (let i = 0; i < 200; i++) await appendHistory(denoFs, path, entry(i), cap);
  const size = (await Deno.stat(path)).size;
  assert.ok(size <= cap, `${size} bytes after 200 entries`);
  const { entries, skipped } = await readHistory(denoFs, path, 1000);
  assert.equal(skipped, 0, "trimming cuts between lines");
  assert.equal(entries.at(-1)?.text, "request 199");
  const huge = entry(1, "x".repeat(10_000));
  await appendHistory(denoFs, path, huge, cap);
  assert.equal((await readHistory(denoFs, path, 5)).entries.at(-1)?.text.length, 10_000);
});

Deno.test("chat history never keeps a secret", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "chat-history.jsonl");
  const key = "sk-ant-api03-" + "a".repeat(40);
  await appendHistory(denoFs, path, entry(1, `use key ${key} please`), 1 << 20);
  assert.ok(!(await Deno.readTextFile(path)).includes(key));
});

Deno.test("chat history: a missing file is empty", async () => {
  await using dir = await tempDir();
  assert.deepEqual(await readHistory(denoFs, join(dir.path, "none.jsonl"), 5), {
    entries: [],
    skipped: 0,
  });
});
