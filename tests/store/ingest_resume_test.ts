import assert from "node:assert/strict";
import { join } from "node:path";
import { rawSums, rows, tempHome, usageLine } from "./_ingest_fixtures.ts";

const t1 = { input: 100, output: 10 };
const t2 = { input: 200, output: 20 };
const t3 = { input: 300, output: 30 };

Deno.test("ingestLogs() adds nothing on a second run, also after the store is reopened", async () => {
  await using home = await tempHome();
  await home.writeLog("w1", usageLine(t1) + usageLine(t2));
  const first = await home.ingest();
  assert.equal(first.usageInserted, 2);
  assert.equal(first.lines, 2);
  const again = await home.ingest();
  assert.equal(again.usageInserted, 0);
  assert.equal(again.usageDuplicates, 0, "the saved offset means nothing is even re-read");
  home.reopen();
  const reopened = await home.ingest();
  assert.equal(reopened.usageInserted, 0);
  // Built-in Sonnet price: 3 USD per million input tokens, 15 per million output tokens.
  assert.deepEqual(rawSums(home.store), {
    calls: 2,
    input: 300,
    output: 30,
    cacheRead: 0,
    cacheWrite: 0,
    costNanos: (300 * 3 + 30 * 15) * 1_000,
  });
});

Deno.test("ingestLogs() reports the lines of this pass, over many chunks and resumed", async () => {
  await using home = await tempHome();
  // About 3 MB: several 1 MiB chunks, parsed in the worker thread.
  const many = Array.from({ length: 20_000 }, (_, i) => usageLine({ input: i, output: 1 }));
  await home.writeLog("w1", many.join(""));
  const first = await home.ingest();
  assert.equal(first.lines, 20_000);
  assert.equal(first.usageInserted, 20_000);
  await home.appendLog("w1", usageLine(t1) + "{not json\n");
  const second = await home.ingest();
  assert.equal(second.lines, 2);
  assert.equal(second.malformed, 1);
  assert.equal(second.usageInserted, 1);
  const saved = rows(home.store, "SELECT lines, malformed FROM log_offsets")[0];
  assert.deepEqual({ ...saved }, { lines: 20_002, malformed: 1 });
});

Deno.test("ingestLogs() ingests only the lines appended since the last run", async () => {
  await using home = await tempHome();
  await home.writeLog("w1", usageLine(t1));
  await home.ingest();
  await home.appendLog("w1", usageLine(t2) + usageLine(t3));
  const report = await home.ingest();
  assert.equal(report.usageInserted, 2);
  assert.equal(report.lines, 2);
  assert.equal(rawSums(home.store).input, 600);
  assert.equal(rawSums(home.store).calls, 3);
});

Deno.test("ingestLogs() leaves a partial last line until its newline arrives", async () => {
  await using home = await tempHome();
  const whole = usageLine(t2);
  await home.writeLog("w1", usageLine(t1) + whole.slice(0, 40));
  assert.equal((await home.ingest()).usageInserted, 1);
  assert.equal((await home.ingest()).usageInserted, 0);
  await home.appendLog("w1", whole.slice(40));
  assert.equal((await home.ingest()).usageInserted, 1);
  assert.equal(rawSums(home.store).input, 300);
  assert.equal((await home.ingest()).usageInserted, 0);
});

Deno.test("ingestLogs() reads a truncated and rewritten log from its start, once", async () => {
  await using home = await tempHome();
  await home.writeLog("w1", usageLine(t1) + usageLine(t2) + usageLine(t3));
  await home.ingest();
  await home.writeLog("w1", usageLine({ input: 7, output: 1 }));
  const report = await home.ingest();
  assert.equal(report.usageInserted, 1);
  assert.equal((await home.ingest()).usageInserted, 0);
  assert.equal(rawSums(home.store).calls, 4);
  assert.equal(rawSums(home.store).input, 607);
  const sources = rows(home.store, "SELECT generation FROM log_sources ORDER BY id");
  assert.deepEqual(sources.map((s) => Number(s["generation"])), [0, 1]);
});

Deno.test("ingestLogs() finishes a rotated log and starts the new one, each line once", async () => {
  await using home = await tempHome();
  const path = join(home.layout.logs, "w1.log");
  await home.writeLog("w1", usageLine(t1));
  await home.ingest();
  // Lines written after the last ingest, then the file is rotated and a new one begun.
  await home.appendLog("w1", usageLine(t2));
  await Deno.rename(path, `${path}.1`);
  await home.writeLog("w1", usageLine(t3));
  const report = await home.ingest();
  assert.equal(report.usageInserted, 2);
  assert.equal((await home.ingest()).usageInserted, 0);
  home.reopen();
  assert.equal((await home.ingest()).usageInserted, 0);
  assert.deepEqual(
    rows(home.store, "SELECT input_tokens AS n FROM usage ORDER BY id").map((r) => Number(r["n"])),
    [100, 200, 300],
  );
});

Deno.test("ingestLogs() keeps one source for a log that has no complete line yet", async () => {
  await using home = await tempHome();
  await home.writeLog("w1", "");
  await home.writeLog("w2", usageLine(t1).slice(0, 30));
  for (let i = 0; i < 3; i++) await home.ingest();
  assert.equal(rows(home.store, "SELECT id FROM log_sources").length, 2);
  await home.appendLog("w2", usageLine(t1).slice(30));
  assert.equal((await home.ingest()).usageInserted, 1);
  assert.equal(rows(home.store, "SELECT id FROM log_sources").length, 2);
});
