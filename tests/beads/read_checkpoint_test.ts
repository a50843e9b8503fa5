import assert from "node:assert/strict";
import { join } from "node:path";
import { readBeads } from "../../src/beads/mod.ts";
import type { FileSystem } from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import {
  classicLine,
  nativeLine,
  sha256,
  writeBeadsFile,
  writeCheckpoint,
} from "./_beads_fixtures.ts";

const fs = denoFs;

Deno.test("readBeads() reads a verified bead-rs checkpoint before any JSONL", async () => {
  await using dir = await tempDir();
  await writeBeadsFile(dir.path, "issues.jsonl", `${classicLine({ id: "stale-1" })}\n`);
  const { object } = await writeCheckpoint(
    dir.path,
    `${nativeLine({ id: "f-1" })}\n${nativeLine({ id: "f-2", base_status: "closed" })}\n`,
  );
  const snapshot = await readBeads(dir.path, { fs });
  assert.equal(snapshot.format, "bead-rs-checkpoint");
  assert.equal(snapshot.source, object);
  assert.deepEqual(snapshot.beads.map((b) => [b.id, b.status]), [["f-1", "open"], [
    "f-2",
    "closed",
  ]]);
  assert.deepEqual(snapshot.issues, []);
});

Deno.test("readBeads() refuses a checkpoint object whose sha256 does not match", async () => {
  await using dir = await tempDir();
  await writeCheckpoint(dir.path, `${nativeLine({ id: "f-1" })}\n`, { sha: "0".repeat(64) });
  const snapshot = await readBeads(dir.path, { fs });
  assert.deepEqual(snapshot.beads, []);
  assert.equal(snapshot.issues[0]?.kind, "checksum-mismatch");
});

Deno.test("readBeads() refuses an active_root path that leaves the checkpoint", async () => {
  await using dir = await tempDir();
  await writeBeadsFile(dir.path, "secret.jsonl", `${nativeLine({ id: "f-1" })}\n`);
  await writeBeadsFile(
    dir.path,
    "checkpoint/current.json",
    JSON.stringify({ active_root: { path: "../secret.jsonl", sha256: "00" }, mode: "monolithic" }),
  );
  const snapshot = await readBeads(dir.path, { fs });
  assert.deepEqual(snapshot.beads, []);
  assert.match(snapshot.issues[0]?.message ?? "", /leaves the checkpoint/);
});

/** A FileSystem that runs `onRead` the first times a path containing `match` is read. */
function interceptReads(match: string, onRead: (n: number) => Promise<void>): FileSystem {
  let n = 0;
  return {
    ...denoFs,
    async readFile(path) {
      if (path.includes(match)) await onRead(++n);
      return await denoFs.readFile(path);
    },
  };
}

Deno.test("readBeads() starts again when the checkpoint pointer moves mid-read", async () => {
  await using dir = await tempDir();
  const first = await writeCheckpoint(dir.path, `${nativeLine({ id: "old-1" })}\n`);
  const publishNewGeneration = async (n: number) => {
    if (n !== 1) return;
    // bead-rs publishes a new generation and deletes the old object while we read it.
    await writeCheckpoint(dir.path, `${nativeLine({ id: "new-1" })}\n`, { generation: "gen-0002" });
    await Deno.writeTextFile(first.object, "half-written garbage");
  };
  const snapshot = await readBeads(dir.path, {
    fs: interceptReads("gen-0001", publishNewGeneration),
  });
  assert.deepEqual(snapshot.beads.map((b) => b.id), ["new-1"]);
  assert.deepEqual(snapshot.issues, []);
});

Deno.test("readBeads() gives up on a checkpoint that keeps changing", async () => {
  await using dir = await tempDir();
  await writeCheckpoint(dir.path, `${nativeLine({ id: "g-0" })}\n`, { generation: "gen-0" });
  const churn = async (n: number) => {
    await writeCheckpoint(dir.path, `${nativeLine({ id: `g-${n}` })}\n`, {
      generation: `gen-${n}`,
    });
    await Deno.remove(join(dir.path, ".beads/checkpoint/objects", `gen-${n - 1}.jsonl`));
  };
  const snapshot = await readBeads(dir.path, { fs: interceptReads("objects/gen-", churn) });
  assert.deepEqual(snapshot.beads, []);
  assert.match(snapshot.issues[0]?.message ?? "", /changed 3 times/);
});

Deno.test("readBeads() reads a sharded checkpoint and verifies every shard", async (t) => {
  await using dir = await tempDir();
  const shardA = `${nativeLine({ id: "s-1" })}\n`;
  const shardB = `${nativeLine({ id: "s-2" })}\n`;
  await writeBeadsFile(dir.path, "checkpoint/objects/a.jsonl", shardA);
  await writeBeadsFile(dir.path, "checkpoint/objects/b.jsonl", shardB);
  const writeManifest = async (shaB: string) => {
    const manifest = JSON.stringify({
      issue_shards: [
        { path: "objects/a.jsonl", sha256: await sha256(shardA), record_count: 1 },
        { path: "objects/b.jsonl", sha256: shaB, record_count: 1 },
      ],
      event_shards: [{ path: "objects/missing-events.jsonl", sha256: "00", record_count: 9 }],
    });
    await writeBeadsFile(dir.path, "checkpoint/manifests/m.json", manifest);
    await writeBeadsFile(
      dir.path,
      "checkpoint/current.json",
      JSON.stringify({
        active_root: { path: "manifests/m.json", sha256: await sha256(manifest) },
        mode: "sharded",
      }),
    );
  };
  await t.step("all shards verify", async () => {
    await writeManifest(await sha256(shardB));
    const snapshot = await readBeads(dir.path, { fs });
    assert.deepEqual(snapshot.beads.map((b) => b.id), ["s-1", "s-2"]);
    assert.deepEqual(snapshot.issues, []);
  });
  await t.step("one bad shard spoils the read", async () => {
    await writeManifest("f".repeat(64));
    const snapshot = await readBeads(dir.path, { fs });
    assert.deepEqual(snapshot.beads, []);
    assert.equal(snapshot.issues[0]?.kind, "checksum-mismatch");
    assert.match(snapshot.issues[0]?.file ?? "", /b\.jsonl$/);
  });
});
