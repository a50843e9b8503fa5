/**
 * The incremental path must give exactly what a full rebuild gives, on random graphs with every
 * status, edge type, missing ids, cycles, deferrals and moving time.
 */
import assert from "node:assert/strict";
import type { Bead } from "../../src/domain/mod.ts";
import { SCORING_DEFAULTS, toBeadId } from "../../src/domain/mod.ts";
import { type BeadChange, buildTaskQueue, diffBeads, TaskGraph } from "../../src/beads/mod.ts";
import { bead, DAY, NOW, randomBead, randomBeads } from "./_graph_fixtures.ts";
import { seededRandom } from "../helpers/seeded_random.ts";

const SEEDS = 300;
const STEPS = 12;

function randomChanges(rng: () => number, current: Map<string, Bead>, size: number): BeadChange[] {
  const changes: BeadChange[] = [];
  const count = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < count; i++) {
    const id = `b${Math.floor(rng() * (size + 3))}`;
    const roll = rng();
    if (roll < 0.15) {
      changes.push({ kind: "remove", id: toBeadId(id) });
      current.delete(id);
      continue;
    }
    const old = current.get(id);
    const next = roll < 0.5 && old !== undefined
      ? { ...old, status: rng() < 0.5 ? "closed" : "open" }
      : randomBead(rng, id, size + 3);
    changes.push({ kind: "put", bead: next });
    current.set(id, next);
  }
  return changes;
}

for (const includeClosed of [false, true]) {
  Deno.test(
    `TaskGraph.apply() equals a full rebuild on ${SEEDS} random graphs (includeClosed ${includeClosed})`,
    () => {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const rng = seededRandom(seed);
        const size = 4 + Math.floor(rng() * 30);
        const current = new Map(randomBeads(rng, size).map((b) => [b.id as string, b]));
        let now = NOW;
        const options = { now, scoring: SCORING_DEFAULTS, includeClosed };
        const graph = new TaskGraph("/ws", current.values(), options);
        for (let step = 0; step < STEPS; step++) {
          const changes = randomChanges(rng, current, size);
          const move = rng();
          if (move < 0.15) now += Math.floor(rng() * 2 * DAY);
          else if (move < 0.35) now += Math.floor(rng() * 3_600_000);
          const incremental = graph.apply(changes, { now });
          const full = buildTaskQueue({ workspace: "/ws", beads: [...current.values()] }, {
            ...options,
            now,
          });
          assert.deepEqual(incremental, full, `seed ${seed}, step ${step}`);
        }
      }
    },
  );
}

Deno.test("TaskGraph.apply() re-evaluates a closed blocker's dependents and their subtree", () => {
  const beads = [
    bead("x"),
    bead("p", { deps: ["x"] }),
    bead("c", { deps: [{ target: toBeadId("p"), type: "parent-child" }] }),
  ];
  const graph = new TaskGraph("/ws", beads, { now: NOW, scoring: SCORING_DEFAULTS });
  assert.equal(graph.queue.beads.find((q) => q.bead.id === "x")?.score.unblockedCount, 2);
  const queue = graph.apply([{ kind: "put", bead: bead("x", { status: "closed" }) }]);
  assert.deepEqual(queue.beads.map((q) => [q.bead.id, q.state]), [["c", "ready"], ["p", "ready"]]);
});

Deno.test("TaskGraph.apply() notices a missing blocker that appears, then goes again", () => {
  const graph = new TaskGraph("/ws", [bead("a", { deps: ["m"] })], {
    now: NOW,
    scoring: SCORING_DEFAULTS,
  });
  assert.deepEqual(graph.queue.missingBlockers, ["m"]);
  graph.apply([{ kind: "put", bead: bead("m", { status: "closed" }) }]);
  assert.deepEqual(graph.queue.missingBlockers, []);
  assert.equal(graph.queue.beads[0]?.state, "ready");
  graph.apply([{ kind: "remove", id: toBeadId("m") }]);
  assert.deepEqual(graph.queue.missingBlockers, ["m"]);
  assert.equal(graph.queue.beads[0]?.reason, "blocked by m (missing)");
});

Deno.test("TaskGraph.apply() makes and breaks a cycle", () => {
  const graph = new TaskGraph("/ws", [bead("a", { deps: ["b"] }), bead("b")], {
    now: NOW,
    scoring: SCORING_DEFAULTS,
  });
  assert.deepEqual(graph.queue.cycles, []);
  graph.apply([{ kind: "put", bead: bead("b", { deps: ["a"] }) }]);
  assert.deepEqual(graph.queue.cycles, [["a", "b"]]);
  graph.apply([{ kind: "put", bead: bead("a") }]);
  assert.deepEqual(graph.queue.cycles, []);
  assert.deepEqual(graph.queue.beads.map((q) => [q.bead.id, q.state]), [
    ["a", "ready"],
    ["b", "blocked"],
  ]);
});

Deno.test("TaskGraph.apply() with a later time ends a deferral and ages every bead", () => {
  const graph = new TaskGraph("/ws", [bead("a", { deferUntil: NOW + DAY }), bead("b")], {
    now: NOW,
    scoring: SCORING_DEFAULTS,
  });
  assert.equal(graph.queue.beads.find((q) => q.bead.id === "a")?.state, "deferred");
  const later = graph.apply([], { now: NOW + 2 * DAY });
  assert.deepEqual(later.beads.map((q) => [q.bead.id, q.state, q.score.age]), [
    ["a", "ready", 6],
    ["b", "ready", 6],
  ]);
});

Deno.test("TaskGraph.apply() with a minute later ends a deferral that the age does not notice", () => {
  const created = NOW - 3 * DAY - 3_600_000;
  const graph = new TaskGraph(
    "/ws",
    [bead("a", { createdAt: created, deferUntil: NOW + 30_000 })],
    {
      now: NOW,
      scoring: SCORING_DEFAULTS,
    },
  );
  assert.deepEqual(graph.queue.beads.map((q) => [q.state, q.score.ageDays]), [["deferred", 3]]);
  const later = graph.apply([], { now: NOW + 60_000 });
  assert.deepEqual(later.beads.map((q) => [q.state, q.score.ageDays]), [["ready", 3]]);
});

Deno.test("diffBeads() lists added, changed and removed beads, nothing for equal ones", () => {
  const before = [bead("a"), bead("b", { labels: ["x"] }), bead("c")];
  const after = [bead("a"), bead("b", { labels: ["y"] }), bead("d")];
  assert.deepEqual(diffBeads(before, after), [
    { kind: "put", bead: after[1] },
    { kind: "put", bead: after[2] },
    { kind: "remove", id: "c" },
  ]);
  assert.deepEqual(diffBeads(before, before.map((b) => ({ ...b }))), []);
});

Deno.test("diffBeads() then apply() equals a rebuild of the second read", () => {
  for (let seed = 1; seed <= 50; seed++) {
    const rng = seededRandom(seed * 7919);
    const first = randomBeads(rng, 25);
    const second = first.map((b) => (rng() < 0.3 ? randomBead(rng, b.id, 25) : { ...b }))
      .filter(() => rng() > 0.1);
    const options = { now: NOW, scoring: SCORING_DEFAULTS };
    const graph = new TaskGraph("/ws", first, options);
    const queue = graph.apply(diffBeads(first, second));
    assert.deepEqual(queue, buildTaskQueue({ workspace: "/ws", beads: second }, options));
  }
});
