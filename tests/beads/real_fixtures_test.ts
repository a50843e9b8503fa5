/**
 * Reads the real beads data kept outside the project (../shared/fixtures/beads, written by real
 * br and bead-rs) and checks the counts its README states. Skipped when that directory is absent.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readBeads, readCheckpoint } from "../../src/beads/mod.ts";
import { denoFs, systemClock } from "../../src/platform/mod.ts";
import { sha256 } from "./_beads_fixtures.ts";

const ROOT = Deno.env.get("FORGE_BEADS_FIXTURES") ??
  new URL("../../../shared/fixtures/beads", import.meta.url).pathname;
const present = await Deno.stat(ROOT).then(() => true, () => false);
const options = { fs: denoFs, clock: systemClock };

Deno.test({
  name: "readBeads() reads the real br and bead-rs workspaces without a bad line",
  ignore: !present,
  async fn(t) {
    const cases = [
      { dir: "br-active", format: "classic-jsonl", total: 236, notClosed: 48 },
      { dir: "br-classic", format: "classic-jsonl", total: 248, notClosed: 1 },
      { dir: "bead-rs", format: "bead-rs-checkpoint", total: 302, notClosed: 31 },
    ] as const;
    for (const c of cases) {
      await t.step(c.dir, async () => {
        const snapshot = await readBeads(join(ROOT, c.dir), options);
        assert.equal(snapshot.format, c.format);
        assert.equal(snapshot.skippedLines, 0);
        assert.deepEqual(snapshot.issues, []);
        assert.equal(snapshot.beads.length, c.total);
        assert.equal(snapshot.beads.filter((b) => b.status !== "closed").length, c.notClosed);
      });
    }
    await t.step("bead-rs: 31 open beads, all unassigned, 65 blocks edges", async () => {
      const { beads } = await readBeads(join(ROOT, "bead-rs"), options);
      const open = beads.filter((b) => b.status === "open");
      assert.equal(open.length, 31);
      assert.ok(open.every((b) => b.assignee === undefined));
      const edges = beads.flatMap((b) => b.dependencies);
      assert.equal(edges.length, 65);
      assert.ok(edges.every((d) => d.type === "blocks"));
    });
  },
});

Deno.test({
  name: "readCheckpoint() verifies the real bead-rs checkpoint's sha256",
  ignore: !present,
  async fn() {
    const beadsDir = join(ROOT, "bead-rs", ".beads");
    const pointer = JSON.parse(
      await Deno.readTextFile(join(beadsDir, "checkpoint", "current.json")),
    );
    const data = await readCheckpoint(beadsDir, options);
    assert.deepEqual(data.issues, []);
    assert.equal(data.files.length, 1);
    const file = data.files[0];
    assert.equal(file?.path, join(beadsDir, "checkpoint", pointer.active_root.path));
    assert.equal(await sha256(file?.bytes ?? new Uint8Array()), pointer.active_root.sha256);
    assert.equal(data.generation, pointer.generation_id);
  },
});
