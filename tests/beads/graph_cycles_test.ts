import assert from "node:assert/strict";
import { bead, dep, entry, idsIn, queueOf } from "./_graph_fixtures.ts";

Deno.test("buildTaskQueue() reports a cycle of two and blocks both members", () => {
  const queue = queueOf([bead("a", { deps: ["b"] }), bead("b", { deps: ["a"] }), bead("c")]);
  assert.deepEqual(queue.cycles, [["a", "b"]]);
  assert.deepEqual(idsIn(queue, "ready"), ["c"]);
  assert.deepEqual(entry(queue, "a").cycle, ["a", "b"]);
  assert.deepEqual(entry(queue, "b").cycle, ["b", "a"]);
  assert.equal(entry(queue, "a").reason, "in a dependency cycle: a → b → a; blocked by b (open)");
  assert.equal(entry(queue, "c").cycle, undefined);
});

Deno.test("buildTaskQueue() reports a cycle of three from its smallest id", () => {
  const queue = queueOf([
    bead("c", { deps: ["a"] }),
    bead("b", { deps: [dep("c", "waits-for")] }),
    bead("a", { deps: [dep("b", "conditional-blocks")] }),
    bead("d", { deps: ["c"] }),
  ]);
  assert.deepEqual(queue.cycles, [["a", "b", "c"]]);
  assert.deepEqual(entry(queue, "b").cycle, ["b", "c", "a"]);
  assert.equal(entry(queue, "d").cycle, undefined, "d waits on the cycle but is not in it");
  assert.equal(entry(queue, "d").reason, "blocked by c (open)");
});

Deno.test("buildTaskQueue() reports a bead that waits on itself", () => {
  const queue = queueOf([bead("a", { deps: ["a"] })]);
  assert.deepEqual(queue.cycles, [["a"]]);
  assert.equal(entry(queue, "a").reason, "in a dependency cycle: a → a; blocked by a (open)");
});

Deno.test("buildTaskQueue() finds cycles through parent-child edges", async (t) => {
  await t.step("an epic that waits on its own child", () => {
    const queue = queueOf([
      bead("e", { deps: ["c"] }),
      bead("c", { deps: [dep("e", "parent-child")] }),
    ]);
    assert.deepEqual(queue.cycles, [["c", "e"]]);
    assert.deepEqual(idsIn(queue, "blocked"), ["c", "e"]);
    assert.equal(entry(queue, "c").reason, "in a dependency cycle: c → e → c; parent e is blocked");
  });
  await t.step("two beads that are each other's parent", () => {
    const queue = queueOf([
      bead("a", { deps: [dep("b", "parent-child")] }),
      bead("b", { deps: [dep("a", "parent-child")] }),
      bead("kid", { deps: [dep("a", "parent-child")] }),
    ]);
    assert.deepEqual(queue.cycles, [["a", "b"]]);
    assert.deepEqual(idsIn(queue, "ready"), []);
    assert.equal(entry(queue, "kid").reason, "parent a is blocked");
  });
});

Deno.test("buildTaskQueue() finds no cycle through a finished bead", () => {
  const queue = queueOf([
    bead("a", { deps: ["b"] }),
    bead("b", { status: "closed", deps: ["a"] }),
  ]);
  assert.deepEqual(queue.cycles, []);
  assert.deepEqual(idsIn(queue, "ready"), ["a"]);
});

Deno.test("buildTaskQueue() finds no cycle through informational edges", () => {
  const queue = queueOf([
    bead("a", { deps: [dep("b", "related")] }),
    bead("b", { deps: [dep("a", "discovered-from")] }),
  ]);
  assert.deepEqual(queue.cycles, []);
  assert.deepEqual(idsIn(queue, "ready"), ["a", "b"]);
});

Deno.test("buildTaskQueue() reports separate cycles separately, and blocks what hangs below", () => {
  const queue = queueOf([
    bead("x1", { deps: ["x2"] }),
    bead("x2", { deps: ["x1"] }),
    bead("y1", { deps: ["y2"] }),
    bead("y2", { deps: ["y3"] }),
    bead("y3", { deps: ["y1"] }),
    bead("kid", { deps: [dep("y2", "parent-child")] }),
  ]);
  assert.deepEqual(queue.cycles, [["x1", "x2"], ["y1", "y2", "y3"]]);
  assert.equal(entry(queue, "kid").state, "blocked");
});

Deno.test("buildTaskQueue() handles a chain of 20,000 beads without running out of stack", () => {
  const beads = Array.from(
    { length: 20_000 },
    (_, i) =>
      bead(`n${i}`, {
        deps: i === 0 ? [] : [i % 2 === 0 ? `n${i - 1}` : dep(`n${i - 1}`, "parent-child")],
      }),
  );
  beads[0] = bead("n0", { deps: ["n19999"] });
  const queue = queueOf(beads);
  assert.equal(queue.cycles.length, 1);
  assert.equal(queue.cycles[0]?.length, 20_000);
  assert.deepEqual(idsIn(queue, "ready"), []);
});
