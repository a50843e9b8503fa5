/**
 * The ready set and unblock counts against a second, deliberately naive implementation written
 * from the definitions (spec/beads.md §3.2 with br's policy for missing blockers, plus design
 * 0007's exclusions and cycle rule): fixpoints and plain searches, no incremental bookkeeping.
 */
import assert from "node:assert/strict";
import type { Bead } from "../../src/domain/mod.ts";
import { SCORING_DEFAULTS } from "../../src/domain/mod.ts";
import { NOW, queueOf, randomBeads } from "./_graph_fixtures.ts";
import { seededRandom } from "../helpers/seeded_random.ts";

const BLOCKING = ["blocks", "conditional-blocks", "waits-for"];
const finished = (b: Bead | undefined): boolean =>
  b !== undefined && (b.status === "closed" || b.status === "tombstone");
const live = (b: Bead | undefined): b is Bead => b !== undefined && !finished(b);

function naive(beads: readonly Bead[]) {
  const byId = new Map(beads.map((b) => [b.id as string, b]));
  const waitsOn = (b: Bead) =>
    b.dependencies.filter((d) => (BLOCKING.includes(d.type) || d.type === "parent-child"))
      .map((d) => d.target as string).filter((t) => live(byId.get(t)));
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = waitsOn(byId.get(from) as Bead);
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...waitsOn(byId.get(id) as Bead));
    }
    return false;
  };
  const inCycle = new Set([...byId.keys()].filter((id) => live(byId.get(id)) && reaches(id, id)));
  const blocked = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const b of byId.values()) {
      if (!live(b) || blocked.has(b.id)) continue;
      const hasBlocker = b.dependencies.some((d) =>
        BLOCKING.includes(d.type) && !finished(byId.get(d.target))
      );
      const parentBlocked = b.dependencies.some((d) =>
        d.type === "parent-child" && live(byId.get(d.target)) && blocked.has(d.target)
      );
      if (hasBlocker || parentBlocked || inCycle.has(b.id)) {
        blocked.add(b.id);
        changed = true;
      }
    }
  }
  const notWork = new Set(SCORING_DEFAULTS.not_work_types);
  const ready = [...byId.values()].filter((b) =>
    b.status === "open" && !notWork.has(b.issueType.toLowerCase()) && b.assignee === undefined &&
    !b.pinned && !b.ephemeral && (b.deferUntil === undefined || b.deferUntil <= NOW) &&
    !blocked.has(b.id)
  ).map((b) => b.id as string);
  return { ready: ready.sort(), unblocks: unblockCounts(byId), inCycle };
}

/** Downstream of x: live beads with a blocking edge to x or to anything downstream; plus, below x, children. */
function unblockCounts(byId: Map<string, Bead>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const x of byId.values()) {
    if (!live(x)) continue;
    const down = new Set<string>();
    for (let changed = true; changed;) {
      changed = false;
      for (const y of byId.values()) {
        if (!live(y) || y.id === x.id || down.has(y.id)) continue;
        const waits = y.dependencies.some((d) =>
          (BLOCKING.includes(d.type) && (d.target === x.id || down.has(d.target))) ||
          (d.type === "parent-child" && down.has(d.target))
        );
        if (waits) {
          down.add(y.id);
          changed = true;
        }
      }
    }
    counts.set(x.id, down.size);
  }
  return counts;
}

Deno.test("buildTaskQueue() agrees with a naive ready set and unblock counts on 500 random graphs", () => {
  for (let seed = 1; seed <= 500; seed++) {
    const rng = seededRandom(seed * 31);
    const beads = randomBeads(rng, 3 + Math.floor(rng() * 40));
    const queue = queueOf(beads);
    const expected = naive(beads);
    const ready = queue.beads.filter((q) => q.state === "ready").map((q) => q.bead.id as string);
    assert.deepEqual(ready.sort(), expected.ready, `seed ${seed}: ready set`);
    for (const q of queue.beads) {
      assert.equal(
        q.score.unblockedCount,
        expected.unblocks.get(q.bead.id),
        `seed ${seed}: unblocks of ${q.bead.id}`,
      );
      assert.equal(q.cycle !== undefined, expected.inCycle.has(q.bead.id), `seed ${seed}: cycle`);
    }
    const members = new Set(queue.cycles.flat());
    assert.deepEqual([...members].sort(), [...expected.inCycle].sort(), `seed ${seed}: cycles`);
  }
});
