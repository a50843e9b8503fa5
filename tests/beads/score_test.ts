import assert from "node:assert/strict";
import { SCORING_DEFAULTS } from "../../src/domain/mod.ts";
import { scoreBead } from "../../src/beads/mod.ts";
import { bead, DAY, dep, entry, NOW, queueOf } from "./_graph_fixtures.ts";

const score = (
  fields: Parameters<typeof bead>[1],
  unblockedCount = 0,
  scoring = SCORING_DEFAULTS,
) => scoreBead(bead("a", fields), { now: NOW, unblockedCount, scoring });

Deno.test("scoreBead() gives 40/30/20/10/5 points for P0 to P4", async (t) => {
  for (const [priority, points] of [[0, 40], [1, 30], [2, 20], [3, 10], [4, 5]] as const) {
    await t.step(`P${priority}`, () => {
      const s = score({ priority });
      assert.equal(s.priority, points);
      assert.equal(s.total, points);
    });
  }
});

Deno.test("scoreBead() gives 10 per unblocked bead, at most 30", async (t) => {
  for (const [count, points] of [[0, 0], [1, 10], [3, 30], [4, 30], [100, 30]] as const) {
    await t.step(`${count} beads`, () => {
      const s = score({}, count);
      assert.deepEqual([s.unblocks, s.unblockedCount], [points, count]);
    });
  }
});

Deno.test("scoreBead() gives 3 per whole day waiting, at most 20", async (t) => {
  const cases: [string, number | undefined, number, number][] = [
    ["created now", NOW, 0, 0],
    ["23 hours ago", NOW - 23 * 3_600_000, 0, 0],
    ["one day ago", NOW - DAY, 1, 3],
    ["six days and a bit", NOW - 6.5 * DAY, 6, 18],
    ["seven days", NOW - 7 * DAY, 7, 20],
    ["a year", NOW - 365 * DAY, 365, 20],
    ["in the future", NOW + DAY, 0, 0],
    ["no creation time", undefined, 0, 0],
  ];
  for (const [name, createdAt, days, points] of cases) {
    await t.step(name, () => {
      const s = score({ createdAt });
      assert.deepEqual([s.ageDays, s.age], [days, points]);
    });
  }
});

Deno.test("scoreBead() adds 10 once for urgent labels, in any case", async (t) => {
  const cases: [string[], string[], number][] = [
    [[], [], 0],
    [["ui"], [], 0],
    [["urgent"], ["urgent"], 10],
    [["HotFix", "ui", "critical"], ["HotFix", "critical"], 10],
    [["blocker"], ["blocker"], 10],
  ];
  for (const [labels, found, points] of cases) {
    await t.step(labels.join(",") || "no labels", () => {
      const s = score({ labels });
      assert.deepEqual([s.urgentLabels, s.urgent], [found, points]);
    });
  }
});

Deno.test("scoreBead() caps the total at 100 and keeps every component", () => {
  const s = score({ priority: 0, labels: ["urgent"], createdAt: NOW - 30 * DAY }, 5);
  assert.deepEqual(s, {
    total: 100,
    priority: 40,
    unblocks: 30,
    age: 20,
    urgent: 10,
    unblockedCount: 5,
    ageDays: 30,
    urgentLabels: ["urgent"],
  });
});

Deno.test("scoreBead() uses configured weights", () => {
  const scoring = {
    ...SCORING_DEFAULTS,
    priority_points: [50, 40, 30, 20, 10],
    unblock_points: 5,
    unblock_cap: 12,
    age_points_per_day: 1,
    age_cap: 4,
    urgent_points: 25,
    urgent_labels: ["p0"],
    total_cap: 80,
  };
  const s = score({ priority: 1, labels: ["P0"], createdAt: NOW - 9 * DAY }, 3, scoring);
  assert.deepEqual([s.priority, s.unblocks, s.age, s.urgent, s.total], [40, 12, 4, 25, 80]);
  assert.equal(score({ labels: ["urgent"] }, 0, scoring).urgent, 0);
});

Deno.test("buildTaskQueue() counts the open beads a bead transitively unblocks", () => {
  // r blocks a; a blocks b; b is the parent of c1 and c2; c2 is the parent of g.
  // d waits on r too; x is related only; z is closed; the parent of r's children is not counted.
  const queue = queueOf([
    bead("r"),
    bead("a", { deps: ["r"] }),
    bead("b", { deps: [dep("a", "waits-for")] }),
    bead("c1", { deps: [dep("b", "parent-child")] }),
    bead("c2", { deps: [dep("b", "parent-child")] }),
    bead("g", { deps: [dep("c2", "parent-child")] }),
    bead("d", { deps: [dep("r", "conditional-blocks")] }),
    bead("x", { deps: [dep("r", "related")] }),
    bead("z", { status: "closed", deps: ["r"] }),
    bead("kid", { deps: [dep("r", "parent-child")] }),
  ]);
  const counts = Object.fromEntries(queue.beads.map((q) => [q.bead.id, q.score.unblockedCount]));
  // b and c2 are parents, but their children wait because b is blocked, not because it is open.
  assert.deepEqual(counts, { r: 6, a: 4, b: 0, c1: 0, c2: 0, g: 0, d: 0, x: 0, kid: 0 });
  assert.deepEqual(entry(queue, "r").score.unblocks, 30);
  assert.deepEqual(entry(queue, "r").score.total, 50);
});

Deno.test("buildTaskQueue() counts each bead once in a diamond and stops counting at 100", () => {
  const diamond = queueOf([
    bead("top"),
    bead("l", { deps: ["top"] }),
    bead("r", { deps: ["top"] }),
    bead("bottom", { deps: ["l", "r"] }),
  ]);
  assert.equal(entry(diamond, "top").score.unblockedCount, 3);
  const fan = [
    bead("hub"),
    ...Array.from({ length: 150 }, (_, i) => bead(`f${i}`, { deps: ["hub"] })),
  ];
  assert.equal(entry(queueOf(fan), "hub").score.unblockedCount, 100);
});

Deno.test("buildTaskQueue() orders ready beads by score, priority, age, then id", () => {
  const queue = queueOf([
    bead("late", { priority: 1, createdAt: NOW }),
    bead("early", { priority: 1, createdAt: NOW - 3_600_000 }),
    bead("b-same", { priority: 1, createdAt: NOW }),
    bead("urgent-p2", { labels: ["urgent"], createdAt: NOW }),
    bead("top", { priority: 0 }),
    bead("waits", { priority: 0, deps: ["top"] }),
    bead("nodate", { priority: 1, createdAt: undefined }),
  ]);
  assert.deepEqual(queue.beads.map((q) => [q.bead.id, q.score.total]), [
    ["top", 50],
    ["early", 30],
    ["b-same", 30],
    ["late", 30],
    ["nodate", 30],
    ["urgent-p2", 30],
    ["waits", 40],
  ]);
});
