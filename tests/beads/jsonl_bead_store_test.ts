import assert from "node:assert/strict";
import { join } from "node:path";
import { CLAIM_LOCK_FILE, jsonlBeadStore, readBeads } from "../../src/beads/mod.ts";
import { BeadStoreError, type Clock, NotFoundError, toBeadId } from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { classicLine, nativeLine, writeBeadsFile, writeCheckpoint } from "./_beads_fixtures.ts";

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const clock: Clock = {
  now: () => NOW,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
const fs = denoFs;
const id = toBeadId;

/** A file whose other lines must survive byte for byte: CRLF, odd spacing, bad UTF-8, extras. */
async function workspace(dir: string): Promise<{ path: string; before: Uint8Array }> {
  const encoder = new TextEncoder();
  const before = new Uint8Array([
    ...encoder.encode(
      '{"id":"j-0","title":"keep","status":"open","priority":1, "weird" : 1.50 ,"x":{"y":[]}}\r\n',
    ),
    ...encoder.encode(`${classicLine({ id: "j-1", owner: "", custom_field: { keep: true } })}\n`),
    ...encoder.encode('{"id":"j-bad","title":"'),
    0xff,
    ...encoder.encode('"}\n'),
    ...encoder.encode(
      `${classicLine({ id: "j-2", status: "closed", closed_at: "2026-01-01T00:00:00Z" })}\n`,
    ),
    ...encoder.encode(`${classicLine({ id: "j-3", status: "in_progress", assignee: "w9" })}\n`),
  ]);
  const path = await writeBeadsFile(dir, "issues.jsonl", before);
  return { path, before };
}

function lines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
    out.push(bytes.subarray(start, nl + 1));
    start = nl + 1;
  }
  return out;
}

Deno.test("jsonlBeadStore.claim() edits only the bead's line, atomically, under the lock", async () => {
  await using dir = await tempDir();
  const { path, before } = await workspace(dir.path);
  const store = jsonlBeadStore(dir.path, { fs, clock });
  assert.deepEqual(await store.claim(id("j-1"), "w1"), { kind: "claimed" });
  const after = await Deno.readFile(path);
  const [old, now] = [lines(before), lines(after)];
  assert.equal(now.length, old.length);
  for (const i of [0, 2, 3, 4]) assert.deepEqual(now[i], old[i], `line ${i + 1} is untouched`);
  const edited = JSON.parse(new TextDecoder().decode(now[1]));
  assert.deepEqual(Object.keys(edited), [
    ...Object.keys(JSON.parse(new TextDecoder().decode(old[1]))),
    "assignee",
  ]);
  assert.equal(edited.status, "in_progress");
  assert.equal(edited.assignee, "w1");
  assert.equal(edited.updated_at, "2026-06-01T12:00:00.000Z");
  assert.deepEqual(edited.custom_field, { keep: true });
  assert.equal(
    await Deno.stat(join(dir.path, ".beads", CLAIM_LOCK_FILE)).catch(() => undefined),
    undefined,
  );
  const names = (await Array.fromAsync(Deno.readDir(join(dir.path, ".beads")))).map((e) => e.name);
  assert.deepEqual(names, ["issues.jsonl"], "no temp or lock file left behind");
});

Deno.test("jsonlBeadStore.claim() returns outcomes as values", async (t) => {
  await using dir = await tempDir();
  await workspace(dir.path);
  const store = jsonlBeadStore(dir.path, { fs, clock });
  await t.step("claimed twice by the same worker", async () => {
    assert.deepEqual(await store.claim(id("j-1"), "w1"), { kind: "claimed" });
    assert.deepEqual(await store.claim(id("j-1"), "w1"), { kind: "claimed" });
  });
  await t.step("taken by someone else", async () => {
    assert.deepEqual(await store.claim(id("j-1"), "w2"), { kind: "taken", by: "w1" });
    assert.deepEqual(await store.claim(id("j-3"), "w2"), { kind: "taken", by: "w9" });
  });
  await t.step("closed", async () => {
    assert.deepEqual(await store.claim(id("j-2"), "w2"), {
      kind: "not-claimable",
      reason: "it is closed",
    });
  });
  await t.step("missing", async () => {
    assert.deepEqual(await store.claim(id("nope"), "w2"), {
      kind: "not-claimable",
      reason: "it does not exist",
    });
  });
});

Deno.test("jsonlBeadStore.release() reopens and unassigns, never reopens a closed bead", async () => {
  await using dir = await tempDir();
  const { path } = await workspace(dir.path);
  const store = jsonlBeadStore(dir.path, { fs, clock });
  await store.release(id("j-3"), { reason: "worker crashed" });
  const j3 = await store.show(id("j-3"));
  assert.equal(j3?.status, "open");
  assert.equal(j3?.assignee, undefined);
  assert.ok(!(await Deno.readTextFile(path)).includes('"assignee":"w9"'));
  const before = await Deno.readFile(path);
  await store.release(id("j-2"));
  await store.release(id("j-0"));
  assert.deepEqual(await Deno.readFile(path), before, "closed and idle beads are left alone");
  await assert.rejects(() => store.release(id("nope")), NotFoundError);
});

Deno.test("jsonlBeadStore.close() sets closed, closed_at and close_reason", async () => {
  await using dir = await tempDir();
  const { path } = await workspace(dir.path);
  const store = jsonlBeadStore(dir.path, { fs, clock });
  await store.close(id("j-3"), { reason: "Completed" });
  const record = (await Deno.readTextFile(path)).split("\n").map((l) => {
    try {
      return JSON.parse(l);
    } catch {
      return undefined;
    }
  }).find((r) => r?.id === "j-3");
  assert.equal(record.status, "closed");
  assert.equal(record.closed_at, "2026-06-01T12:00:00.000Z");
  assert.equal(record.close_reason, "Completed");
  assert.equal(record.assignee, "w9", "the assignee stays as a record of who did it");
  const before = await Deno.readFile(path);
  await store.close(id("j-3"), { reason: "again" });
  assert.deepEqual(await Deno.readFile(path), before, "closing twice changes nothing");
  await assert.rejects(() => store.close(id("nope"), { reason: "x" }), NotFoundError);
});

Deno.test("jsonlBeadStore edits the line a reader would take for a duplicated id", async () => {
  await using dir = await tempDir();
  const newer = classicLine({ id: "d-1", title: "newer", updated_at: "2026-03-02T00:00:00Z" });
  const older = classicLine({ id: "d-1", title: "older", updated_at: "2026-03-01T00:00:00Z" });
  const path = await writeBeadsFile(dir.path, "issues.jsonl", `${newer}\n${older}\n`);
  const store = jsonlBeadStore(dir.path, { fs, clock });
  await store.close(id("d-1"), { reason: "done" });
  const [first, second] = (await Deno.readTextFile(path)).split("\n");
  assert.equal(JSON.parse(first ?? "").status, "closed");
  assert.equal(second, older);
  const snapshot = await readBeads(dir.path, { fs });
  assert.equal(snapshot.beads[0]?.status, "closed");
});

Deno.test("jsonlBeadStore refuses to write a bead-rs checkpoint and a missing .beads", async () => {
  await using dir = await tempDir();
  await writeCheckpoint(dir.path, `${nativeLine({ id: "f-1" })}\n`);
  const store = jsonlBeadStore(dir.path, { fs, clock });
  await assert.rejects(() => store.close(id("f-1"), { reason: "x" }), (error) => {
    assert.ok(error instanceof BeadStoreError);
    assert.match(error.message, /^Cannot change bead "f-1" in .*: it uses a bead-rs checkpoint/);
    return true;
  });
  await using empty = await tempDir();
  const none = jsonlBeadStore(empty.path, { fs, clock });
  await assert.rejects(() => none.close(id("x-1"), { reason: "x" }), NotFoundError);
  assert.equal(await none.show(id("x-1")), undefined);
});
