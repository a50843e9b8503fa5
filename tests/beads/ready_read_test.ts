/**
 * The ready set straight from files, through the reader: what git merges, bd exports and
 * bead-rs leave in `.beads/` must still give the right queue.
 */
import assert from "node:assert/strict";
import { SCORING_DEFAULTS } from "../../src/domain/mod.ts";
import { buildTaskQueue, readBeads } from "../../src/beads/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { classicLine, nativeLine, writeBeadsFile, writeCheckpoint } from "./_beads_fixtures.ts";
import { entry, idsIn, NOW } from "./_graph_fixtures.ts";

async function queueFrom(workspace: string) {
  const snapshot = await readBeads(workspace, { fs: denoFs });
  return { snapshot, queue: buildTaskQueue(snapshot, { now: NOW, scoring: SCORING_DEFAULTS }) };
}

const blocks = (id: string, type = "blocks") => ({ depends_on_id: id, type });

Deno.test("ready set from a merged file: duplicate ids keep the newest record", async () => {
  await using dir = await tempDir();
  await writeBeadsFile(
    dir.path,
    "issues.jsonl",
    [
      classicLine({ id: "x-1", updated_at: "2026-02-01T10:00:00Z" }),
      classicLine({ id: "x-2", dependencies: [blocks("x-1")] }),
      classicLine({ id: "x-1", status: "closed", updated_at: "2026-02-02T10:00:00Z" }),
      classicLine({ id: "x-3", status: "closed", updated_at: "2026-02-05T10:00:00Z" }),
      classicLine({ id: "x-4", dependencies: [blocks("x-3")] }),
      classicLine({ id: "x-3", status: "open", updated_at: "2026-02-01T10:00:00Z" }),
    ].join("\n") + "\n",
  );
  const { snapshot, queue } = await queueFrom(dir.path);
  assert.equal(snapshot.issues.filter((i) => i.kind === "duplicate-id").length, 2);
  assert.deepEqual(idsIn(queue, "ready"), ["x-2", "x-4"]);
});

Deno.test("ready set from a file with conflict markers: the readable lines still count", async () => {
  await using dir = await tempDir();
  await writeBeadsFile(
    dir.path,
    "issues.jsonl",
    [
      classicLine({ id: "x-1" }),
      "<<<<<<< HEAD",
      classicLine({ id: "x-2", status: "closed" }),
      "=======",
      classicLine({ id: "x-2", status: "open", updated_at: "2026-01-01T00:00:00Z" }),
      ">>>>>>> branch",
      classicLine({ id: "x-3", dependencies: [blocks("x-2")] }),
      "{not json",
    ].join("\n") + "\n",
  );
  const { snapshot, queue } = await queueFrom(dir.path);
  assert.equal(snapshot.skippedLines, 4);
  assert.deepEqual(idsIn(queue, "ready"), ["x-1", "x-3"]);
});

Deno.test("ready set from bd/br statuses and types as written, known or not", async () => {
  await using dir = await tempDir();
  await writeBeadsFile(
    dir.path,
    "issues.jsonl",
    [
      classicLine({ id: "a", status: "in_review" }),
      classicLine({ id: "b", status: "IN_PROGRESS" }),
      classicLine({ id: "c", status: "inprogress" }),
      classicLine({ id: "d", status: "Open", issue_type: "alternative" }),
      classicLine({ id: "e", issue_type: "merge-request" }),
      classicLine({ id: "f", assignee: "" }),
      classicLine({ id: "g", assignee: "sonnet-alpha" }),
      classicLine({ id: "h", defer_until: "2026-12-01T00:00:00Z" }),
      classicLine({ id: "i", dependencies: [blocks("a", "relates_to"), blocks("gone")] }),
      classicLine({ id: "j", dependencies: [{ depends_on_id: "d", dep_type: "waits_for" }] }),
      classicLine({ id: "k", pinned: true }),
      classicLine({ id: "l", ephemeral: true }),
    ].join("\n") + "\n",
  );
  const { queue } = await queueFrom(dir.path);
  assert.deepEqual(idsIn(queue, "ready").sort(), ["d", "f"]);
  const states = Object.fromEntries(queue.beads.map((q) => [q.bead.id, [q.state, q.reason]]));
  assert.deepEqual(states, {
    a: ["blocked", 'status "in_review" is not open'],
    b: ["in_progress", "in progress, unassigned"],
    c: ["in_progress", "in progress, unassigned"],
    d: ["ready", "ready"],
    e: ["not_work", 'type "merge-request" is not work for an agent'],
    f: ["ready", "ready"],
    g: ["blocked", "assigned to sonnet-alpha but open"],
    h: ["deferred", "deferred until 2026-12-01"],
    i: ["blocked", "blocked by gone (missing)"],
    j: ["blocked", "blocked by d (open)"],
    k: ["blocked", "pinned"],
    l: ["blocked", "ephemeral"],
  });
  assert.deepEqual(queue.missingBlockers, ["gone"]);
});

Deno.test("ready set from a bead-rs checkpoint: manual_blocked, blocks and relates_to", async () => {
  await using dir = await tempDir();
  await writeCheckpoint(
    dir.path,
    [
      nativeLine({ id: "n-1" }),
      nativeLine({ id: "n-2", dependencies: [{ blocker: "n-1", kind: "blocks" }] }),
      nativeLine({ id: "n-3", dependencies: [{ blocker: "n-1", kind: "relates_to" }] }),
      nativeLine({ id: "n-4", manual_blocked: true }),
      nativeLine({ id: "n-5", base_status: "closed" }),
      nativeLine({ id: "n-6", dependencies: [{ blocker: "n-5", kind: "blocks" }] }),
    ].join("\n") + "\n",
  );
  const { queue } = await queueFrom(dir.path);
  assert.deepEqual(idsIn(queue, "ready").sort(), ["n-1", "n-3", "n-6"]);
  assert.equal(entry(queue, "n-2").reason, "blocked by n-1 (open)");
  assert.equal(entry(queue, "n-4").reason, "marked blocked");
  assert.equal(entry(queue, "n-1").score.unblockedCount, 1);
});
