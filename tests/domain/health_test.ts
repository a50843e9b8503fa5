import assert from "node:assert/strict";
import {
  assessHealth,
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthInput,
  type HealthVerdict,
} from "../../src/domain/mod.ts";

const NOW = Date.UTC(2026, 1, 17, 12);
const MIN = 60_000;

function input(overrides: Partial<HealthInput>): HealthInput {
  return {
    state: "active",
    liveness: "alive",
    now: NOW,
    startedAt: NOW - 60 * MIN,
    lastActivity: NOW - MIN,
    currentTask: undefined,
    rssBytes: undefined,
    ...overrides,
  };
}

const healthy: HealthVerdict = { health: "healthy", reason: undefined };

Deno.test("assessHealth() decides health from state, liveness, activity and memory", async (t) => {
  const cases: [string, Partial<HealthInput>, HealthVerdict][] = [
    ["an active worker with recent activity", {}, healthy],
    ["stopped is dead whatever the process does", { state: "stopped" }, {
      health: "dead",
      reason: "stopped",
    }],
    ["failed is dead", { state: "failed", liveness: "unknown" }, {
      health: "dead",
      reason: "failed",
    }],
    ["an unreadable status file with a live process is degraded", { state: "error" }, {
      health: "degraded",
      reason: "status file unreadable",
    }],
    ["an unreadable status file without a process is dead", {
      state: "error",
      liveness: "dead",
    }, { health: "dead", reason: "status file unreadable" }],
    ["a healthy state whose process is gone", { state: "idle", liveness: "dead" }, {
      health: "dead",
      reason: "process gone",
    }],
    ["unknown liveness is not taken for dead", { liveness: "unknown" }, healthy],
    ["memory over the limit", { rssBytes: 5 * 1024 ** 3 }, {
      health: "degraded",
      reason: "memory 5120 MiB",
    }],
    ["memory at the limit", { rssBytes: DEFAULT_HEALTH_THRESHOLDS.maxRssBytes }, healthy],
    ["no activity and no start time", { lastActivity: undefined, startedAt: undefined }, healthy],
    ["quiet longer than 15 min", { state: "idle", lastActivity: NOW - 16 * MIN }, {
      health: "degraded",
      reason: "no activity for 16 min",
    }],
    ["quiet exactly 15 min", { state: "idle", lastActivity: NOW - 15 * MIN }, healthy],
    ["the start time counts when there is no activity", {
      lastActivity: undefined,
      startedAt: NOW - 20 * MIN,
    }, { health: "degraded", reason: "no activity for 20 min" }],
    ["active on a task and quiet for 31 min is stuck", {
      currentTask: "fg-12",
      lastActivity: NOW - 31 * MIN,
    }, { health: "stuck", reason: "no activity on fg-12 for 31 min" }],
    ["active without a task and quiet for 31 min is only degraded", {
      lastActivity: NOW - 31 * MIN,
    }, { health: "degraded", reason: "no activity for 31 min" }],
    ["idle with a leftover task is never stuck", {
      state: "idle",
      currentTask: "fg-12",
      lastActivity: NOW - 31 * MIN,
    }, { health: "degraded", reason: "no activity for 31 min" }],
    [
      "paused is healthy however quiet",
      { state: "paused", lastActivity: NOW - 600 * MIN },
      healthy,
    ],
    [
      "starting is healthy within its grace",
      { state: "starting", lastActivity: NOW - MIN },
      healthy,
    ],
    ["starting past its grace is judged like any worker", {
      state: "starting",
      lastActivity: NOW - 20 * MIN,
    }, { health: "degraded", reason: "no activity for 20 min" }],
  ];
  for (const [name, overrides, verdict] of cases) {
    await t.step(name, () => assert.deepEqual(assessHealth(input(overrides)), verdict));
  }
});

Deno.test("assessHealth() applies custom thresholds", async (t) => {
  const strict = {
    staleMs: MIN,
    startingGraceMs: 5 * MIN,
    stuckMs: 2 * MIN,
    maxRssBytes: 100 * 1024 ** 2,
  };
  await t.step("staleness", () => {
    assert.deepEqual(assessHealth(input({ state: "idle", lastActivity: NOW - 2 * MIN }), strict), {
      health: "degraded",
      reason: "no activity for 2 min",
    });
  });
  await t.step("a starting worker is exempt from staleness during its grace", () => {
    assert.deepEqual(
      assessHealth(input({ state: "starting", lastActivity: NOW - 4 * MIN }), strict),
      healthy,
    );
  });
  await t.step("stuck", () => {
    assert.equal(
      assessHealth(input({ currentTask: "b-1", lastActivity: NOW - 3 * MIN }), strict).health,
      "stuck",
    );
  });
  await t.step("memory", () => {
    assert.deepEqual(assessHealth(input({ rssBytes: 150 * 1024 ** 2 }), strict), {
      health: "degraded",
      reason: "memory 150 MiB",
    });
  });
});
