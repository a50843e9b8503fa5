import assert from "node:assert/strict";
import { join } from "node:path";
import { QueueCache } from "../../src/actions/_queue_cache.ts";
import { buildTaskQueue, readBeads } from "../../src/beads/mod.ts";
import { defaultConfig, type TaskQueue } from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { classicLine } from "../beads/_beads_fixtures.ts";
import { ManualClock } from "../helpers/manual_clock.ts";
import { tempDir } from "../helpers/temp.ts";

const NOW = Date.UTC(2026, 10, 25, 12);

const blocks = (id: string, target: string) => ({
  id,
  dependencies: [{ issue_id: id, depends_on_id: target, type: "blocks" }],
});

/** What a user sees of a queue: every bead's state, reason and score, in queue order. */
const shape = (q: TaskQueue) => q.beads.map((e) => [e.bead.id, e.state, e.reason, e.score.total]);

Deno.test("QueueCache applies a changed file incrementally and agrees with a full rebuild", async () => {
  await using dir = await tempDir("forge_queue_cache_");
  const file = join(dir.path, ".beads", "issues.jsonl");
  await Deno.mkdir(join(dir.path, ".beads"));
  const write = (lines: string[]) => Deno.writeTextFile(file, lines.join("\n") + "\n");
  const clock = new ManualClock(NOW);
  const config = await defaultConfig();
  const cache = new QueueCache({ fs: denoFs, clock, config });
  const rebuild = async () =>
    buildTaskQueue(await readBeads(dir.path, { fs: denoFs }), {
      now: clock.now(),
      scoring: config.scoring,
    });

  await write([
    classicLine({ id: "a-1" }),
    classicLine(blocks("a-2", "a-1")),
    classicLine(blocks("a-3", "a-2")),
    classicLine({ id: "a-4", defer_until: new Date(NOW + 30_000).toISOString() }),
  ]);
  const [first] = await cache.load([dir.path]);
  assert.ok(first);
  assert.deepEqual(shape(first), shape(await rebuild()));
  const unchanged = first.beads.find((e) => e.bead.id === "a-3")?.bead;

  // a-1 closes: a-2 becomes ready, a-3 still waits on a-2; a-5 is new and blocked by a gone id.
  await write([
    classicLine({ id: "a-1", status: "closed", closed_at: new Date(NOW).toISOString() }),
    classicLine(blocks("a-2", "a-1")),
    classicLine(blocks("a-3", "a-2")),
    classicLine({ id: "a-4", defer_until: new Date(NOW + 30_000).toISOString() }),
    classicLine(blocks("a-5", "zz-9")),
  ]);
  const [second] = await cache.load([dir.path]);
  assert.ok(second);
  assert.deepEqual(shape(second), shape(await rebuild()));
  const state = (id: string) => second.beads.find((e) => e.bead.id === id)?.state;
  assert.deepEqual(["a-2", "a-3", "a-5"].map(state), ["ready", "blocked", "blocked"]);
  assert.equal(
    second.beads.find((e) => e.bead.id === "a-3")?.bead,
    unchanged,
    "an unchanged line is not parsed again: its bead is the same object",
  );

  // Nothing changes on disk, but a minute passes: the deferral of a-4 ends.
  clock.at = NOW + 61_000;
  const [third] = await cache.load([dir.path]);
  assert.ok(third);
  assert.equal(third.beads.find((e) => e.bead.id === "a-4")?.state, "ready");
  assert.deepEqual(shape(third), shape(await rebuild()));
});

Deno.test("QueueCache returns the same queue while nothing changed and no minute passed", async () => {
  await using dir = await tempDir("forge_queue_cache_");
  await Deno.mkdir(join(dir.path, ".beads"));
  await Deno.writeTextFile(join(dir.path, ".beads", "issues.jsonl"), classicLine({ id: "b-1" }));
  const cache = new QueueCache({
    fs: denoFs,
    clock: new ManualClock(NOW),
    config: await defaultConfig(),
  });
  const [a] = await cache.load([dir.path]);
  const [b] = await cache.load([dir.path]);
  assert.equal(a, b);
});
