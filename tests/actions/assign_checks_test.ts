import assert from "node:assert/strict";
import { assignRefusal } from "../../src/actions/_assign_checks.ts";
import { bead, DAY, entry, NOW, queueOf } from "../beads/_graph_fixtures.ts";

const queue = queueOf([
  bead("r"),
  bead("b", { deps: ["r"] }),
  bead("d", { deferUntil: NOW + DAY }),
  bead("w", { status: "in_progress", assignee: "sim-alpha" }),
  bead("o", { assignee: "bob" }),
  bead("c", { status: "closed" }),
  bead("e", { issueType: "epic" }),
  bead("m", { status: "blocked" }),
  bead("p", { pinned: true }),
], { includeClosed: true });

Deno.test("assignRefusal() lets a ready bead through and names why others cannot go", async (t) => {
  const cases: [string, boolean, RegExp | undefined][] = [
    ["r", false, undefined],
    ["b", false, /blocked by r \(open\)/],
    ["b", true, undefined],
    ["d", false, /deferred until/],
    ["d", true, undefined],
    ["w", true, /already assigned to sim-alpha \(in progress\)/],
    ["o", true, /already assigned to bob/],
    ["c", true, /it is closed/],
    ["e", true, /type "epic" is not work/],
    ["m", true, /marked blocked; only an open bead can be claimed/],
    ["p", true, /pinned; only an open bead can be claimed/],
  ];
  for (const [id, force, expected] of cases) {
    await t.step(`${id}${force ? " with force" : ""}`, () => {
      const refusal = assignRefusal(entry(queue, id), { force });
      if (expected === undefined) {
        assert.equal(refusal, undefined);
        return;
      }
      assert.equal(refusal?.code, "CONFLICT");
      assert.match(refusal?.message ?? "", new RegExp(`^Cannot assign bead "${id}": `));
      assert.match(refusal?.message ?? "", expected);
      assert.ok(refusal?.hint !== undefined);
    });
  }
});

Deno.test("assignRefusal() hints at --force only where forcing would help", () => {
  assert.match(assignRefusal(entry(queue, "b"), { force: false })?.hint ?? "", /--force/);
  assert.doesNotMatch(assignRefusal(entry(queue, "m"), { force: false })?.hint ?? "", /--force/);
});
