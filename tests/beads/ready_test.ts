import assert from "node:assert/strict";
import { SCORING_DEFAULTS } from "../../src/domain/mod.ts";
import { bead, DAY, dep, entry, idsIn, NOW, queueOf } from "./_graph_fixtures.ts";

Deno.test("buildTaskQueue() blocks on every blocking edge type until the blocker closes", async (t) => {
  for (const type of ["blocks", "conditional-blocks", "waits-for"]) {
    await t.step(type, () => {
      const open = queueOf([bead("a"), bead("b", { deps: [dep("a", type)] })]);
      assert.equal(entry(open, "b").state, "blocked");
      assert.deepEqual(entry(open, "b").blockers, [{ id: "a", status: "open", via: type }]);
      assert.equal(entry(open, "b").reason, "blocked by a (open)");
      const closed = queueOf([
        bead("a", { status: "closed" }),
        bead("b", { deps: [dep("a", type)] }),
      ]);
      assert.equal(entry(closed, "b").state, "ready");
      assert.deepEqual(entry(closed, "b").blockers, []);
    });
  }
});

Deno.test("buildTaskQueue() never blocks on informational edges", async (t) => {
  for (const type of ["related", "discovered-from", "relates-to", "supersedes", "duplicates"]) {
    await t.step(type, () => {
      const queue = queueOf([bead("a"), bead("b", { deps: [dep("a", type)] })]);
      assert.deepEqual(idsIn(queue, "ready").sort(), ["a", "b"]);
    });
  }
});

Deno.test("buildTaskQueue() lets only closed and tombstone blockers through", async (t) => {
  const cases: [string, "ready" | "blocked"][] = [
    ["closed", "ready"],
    ["tombstone", "ready"],
    ["open", "blocked"],
    ["in_progress", "blocked"],
    ["deferred", "blocked"],
    ["blocked", "blocked"],
    ["pinned", "blocked"],
    ["in_review", "blocked"],
  ];
  for (const [status, state] of cases) {
    await t.step(`a ${status} blocker`, () => {
      const queue = queueOf([bead("a", { status }), bead("b", { deps: ["a"] })]);
      assert.equal(entry(queue, "b").state, state);
    });
  }
});

Deno.test("buildTaskQueue() counts a blocker that names no bead as blocking and lists it", () => {
  const queue = queueOf([bead("a"), bead("b", { deps: ["a", "bd-9", "gone"] })]);
  assert.equal(entry(queue, "b").state, "blocked");
  assert.equal(entry(queue, "b").reason, "blocked by a (open), bd-9 (missing), gone (missing)");
  assert.deepEqual(queue.missingBlockers, ["bd-9", "gone"]);
});

Deno.test("buildTaskQueue() ignores a missing blocker named only by a closed bead", () => {
  const queue = queueOf([bead("a", { status: "closed", deps: ["gone"] })]);
  assert.deepEqual(queue.missingBlockers, []);
  assert.deepEqual(queue.beads, []);
});

Deno.test("buildTaskQueue() blocks children of a blocked parent, to any depth", () => {
  // x blocks p; p ← c1 ← c2 ← c3 through parent-child.
  const queue = queueOf([
    bead("x"),
    bead("p", { deps: ["x"] }),
    bead("c1", { deps: [dep("p", "parent-child")] }),
    bead("c2", { deps: [dep("c1", "parent-child")] }),
    bead("c3", { deps: [dep("c2", "parent-child")] }),
  ]);
  assert.deepEqual(idsIn(queue, "ready"), ["x"]);
  assert.equal(entry(queue, "p").reason, "blocked by x (open)");
  assert.equal(entry(queue, "c1").reason, "parent p is blocked");
  assert.equal(entry(queue, "c3").reason, "parent c2 is blocked");
  assert.deepEqual(entry(queue, "c3").blockers, [{
    id: "c2",
    status: "open",
    via: "parent-child",
  }]);
});

Deno.test("buildTaskQueue() unblocks the whole tree when the parent's blocker closes", () => {
  const queue = queueOf([
    bead("x", { status: "closed" }),
    bead("p", { deps: ["x"] }),
    bead("c1", { deps: [dep("p", "parent-child")] }),
    bead("c2", { deps: [dep("c1", "parent-child")] }),
    bead("c3", { deps: [dep("c2", "parent-child")] }),
  ]);
  assert.deepEqual(idsIn(queue, "ready").sort(), ["c1", "c2", "c3", "p"]);
});

Deno.test("buildTaskQueue() does not block children of an open parent, nor a parent of open children", () => {
  const queue = queueOf([
    bead("p", { deps: [] }),
    bead("c", { deps: [dep("p", "parent-child")] }),
  ]);
  assert.deepEqual(idsIn(queue, "ready").sort(), ["c", "p"]);
});

Deno.test("buildTaskQueue() does not block children of a parent that is only waiting otherwise", async (t) => {
  const parents = [
    ["in progress", { status: "in_progress" }],
    ["deferred", { status: "deferred" }],
    ["assigned", { assignee: "w1" }],
    ["an epic", { issueType: "epic" }],
    ["missing", undefined],
    ["closed", { status: "closed" }],
  ] as const;
  for (const [name, fields] of parents) {
    await t.step(name, () => {
      const beads = [bead("c", { deps: [dep("p", "parent-child")] })];
      if (fields !== undefined) beads.push(bead("p", fields));
      assert.equal(entry(queueOf(beads), "c").state, "ready");
    });
  }
});

Deno.test("buildTaskQueue() takes states from status and type, in that precedence", async (t) => {
  const cases: [string, Parameters<typeof bead>[1], string, string][] = [
    ["open", {}, "ready", "ready"],
    ["closed", { status: "closed" }, "closed", "closed"],
    [
      "in_progress",
      { status: "in_progress", assignee: "w1" },
      "in_progress",
      "in progress, assigned to w1",
    ],
    ["hooked", { status: "hooked" }, "in_progress", "hooked, unassigned"],
    ["deferred without a date", { status: "deferred" }, "deferred", "deferred"],
    [
      "deferred until a later date",
      { status: "deferred", deferUntil: Date.UTC(2026, 11, 1) },
      "deferred",
      "deferred until 2026-12-01",
    ],
    [
      "open with defer_until ahead",
      { deferUntil: NOW + 90 * 60_000 },
      "deferred",
      "deferred until 2026-11-25T13:30Z",
    ],
    ["open with defer_until passed", { deferUntil: NOW - DAY }, "ready", "ready"],
    [
      "deferred with defer_until passed",
      { status: "deferred", deferUntil: NOW - DAY },
      "deferred",
      "deferred",
    ],
    ["an epic", { issueType: "epic" }, "not_work", 'type "epic" is not work for an agent'],
    ["a gate", { issueType: "gate" }, "not_work", 'type "gate" is not work for an agent'],
    [
      "an Epic in any case",
      { issueType: "Epic" },
      "not_work",
      'type "Epic" is not work for an agent',
    ],
    ["an unknown type", { issueType: "alternative" }, "ready", "ready"],
    [
      "assigned but open",
      { assignee: "sonnet-alpha" },
      "blocked",
      "assigned to sonnet-alpha but open",
    ],
    ["manually blocked", { status: "blocked" }, "blocked", "marked blocked"],
    ["pinned status", { status: "pinned" }, "blocked", "pinned"],
    ["pinned flag", { pinned: true }, "blocked", "pinned"],
    ["ephemeral", { ephemeral: true }, "blocked", "ephemeral"],
    ["an unknown status", { status: "in_review" }, "blocked", 'status "in_review" is not open'],
    ["a draft", { status: "draft" }, "blocked", 'status "draft" is not open'],
  ];
  for (const [name, fields, state, reason] of cases) {
    await t.step(name, () => {
      const q = entry(queueOf([bead("a", fields)], { includeClosed: true }), "a");
      assert.deepEqual([q.state, q.reason], [state, reason]);
    });
  }
});

Deno.test("buildTaskQueue() says every reason a bead waits, graph first", () => {
  const queue = queueOf([
    bead("x"),
    bead("p", { deps: ["x"] }),
    bead("a", { assignee: "w2", deps: ["x", dep("p", "parent-child")] }),
    bead("d", { status: "deferred", deferUntil: Date.UTC(2026, 11, 1), deps: ["x"] }),
  ]);
  assert.equal(
    entry(queue, "a").reason,
    "blocked by x (open); parent p is blocked; assigned to w2 but open",
  );
  assert.equal(entry(queue, "d").reason, "deferred until 2026-12-01; blocked by x (open)");
  assert.equal(entry(queue, "d").state, "deferred");
});

Deno.test("buildTaskQueue() honours configured not-work types", () => {
  const beads = [bead("e", { issueType: "epic" }), bead("s", { issueType: "spike" })];
  const scoring = { ...SCORING_DEFAULTS, not_work_types: ["spike"] };
  const queue = queueOf(beads, { scoring });
  assert.deepEqual(idsIn(queue, "ready"), ["e"]);
  assert.deepEqual(idsIn(queue, "not_work"), ["s"]);
});

Deno.test("buildTaskQueue() still lets an epic block its dependents until it closes", () => {
  const queue = queueOf([bead("e", { issueType: "epic" }), bead("b", { deps: ["e"] })]);
  assert.equal(entry(queue, "e").state, "not_work");
  assert.equal(entry(queue, "b").reason, "blocked by e (open)");
});

Deno.test("buildTaskQueue() lists closed beads only when asked", () => {
  const beads = [bead("a"), bead("c", { status: "closed" }), bead("t", { status: "tombstone" })];
  assert.deepEqual(queueOf(beads).beads.map((q) => q.bead.id), ["a"]);
  const all = queueOf(beads, { includeClosed: true });
  assert.deepEqual(all.beads.map((q) => [q.bead.id, q.state, q.score.total]), [
    ["a", "ready", 20],
    ["c", "closed", 0],
    ["t", "closed", 0],
  ]);
  assert.equal(entry(all, "t").reason, "deleted");
});

Deno.test("buildTaskQueue() keeps the last bead of a repeated id", () => {
  const queue = queueOf([bead("a"), bead("a", { status: "closed" }), bead("b", { deps: ["a"] })]);
  assert.deepEqual(idsIn(queue, "ready"), ["b"]);
});
