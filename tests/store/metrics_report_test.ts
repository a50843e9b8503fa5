import assert from "node:assert/strict";
import {
  mergeTaskStats,
  metricsReport,
  percentiles,
  taskDurations,
  taskStats,
} from "../../src/store/mod.ts";
import { type TaskInput, tempStore, writeRows } from "./_query_fixtures.ts";

const HOUR = 3_600_000;
const USD = 1e9;
const NOW = Date.UTC(2026, 10, 25, 12, 30); // 25 November 2026, 12:30
const SINCE = NOW - 10 * HOUR;

/** Nearest rank by hand: the value at rank ⌈p/100 × n⌉ of the sorted values. */
function nearestRank(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
}

Deno.test("taskDurations() gives nearest-rank p50/p95/p99 of completed tasks, per model", async (t) => {
  await using s = await tempStore();
  const a = Array.from({ length: 20 }, (_, i) => (i + 1) * 100); // 100 … 2000
  const b = [7, 3, 5, 1, 9, 8, 2, 6, 4, 10, 30, 20, 50, 40, 60, 90, 70, 80, 100, 200, 300];
  const tasks: TaskInput[] = [
    ...a.map((d, i) => ({
      at: SINCE + i * 1000,
      model: "a",
      phase: "completed" as const,
      durationMs: d,
    })),
    ...b.map((d, i) => ({
      at: SINCE + i * 1000,
      model: "b",
      phase: "completed" as const,
      durationMs: d,
    })),
    { at: SINCE, model: "c", phase: "completed", durationMs: 42 },
    { at: SINCE, model: "a", phase: "failed", durationMs: 99_999 }, // not a completion
    { at: SINCE, model: "a", phase: "completed", durationMs: null }, // no start seen
    { at: SINCE - 1, model: "a", phase: "completed", durationMs: 88_888 }, // before the span
  ];
  writeRows(s.store, { tasks });
  const d = taskDurations(s.store, { since: SINCE, until: NOW });
  await t.step("twenty values 100 … 2000", () => {
    assert.deepEqual(d.get("a"), { samples: 20, p50: 1000, p95: 1900, p99: 2000 });
  });
  await t.step("unsorted values match a hand computation", () => {
    assert.deepEqual(d.get("b"), {
      samples: b.length,
      p50: nearestRank(b, 50),
      p95: nearestRank(b, 95),
      p99: nearestRank(b, 99),
    });
    assert.equal(d.get("b")?.p50, 20); // rank 11 of 21
  });
  await t.step(
    "counts: failed tasks and completions without a duration count, starts do not",
    () => {
      const a = taskStats(s.store, { since: SINCE, until: NOW }).get("a");
      assert.deepEqual([a?.completed, a?.failed, a?.durations.length], [21, 1, 20]);
    },
  );
  await t.step("one value is every percentile", () => {
    assert.deepEqual(d.get("c"), { samples: 1, p50: 42, p95: 42, p99: 42 });
  });
  await t.step("over all models", () => {
    const stats = taskStats(s.store, { since: SINCE, until: NOW });
    const all = percentiles(mergeTaskStats(stats.values()).durations);
    const every = [...a, ...b, 42];
    assert.deepEqual(all, {
      samples: every.length,
      p50: nearestRank(every, 50),
      p95: nearestRank(every, 95),
      p99: nearestRank(every, 99),
    });
  });
});

Deno.test("metricsReport() gives success rate, throughput, hourly completions and cost per task over the widened period", async () => {
  await using s = await tempStore();
  const tasks: TaskInput[] = [
    ...Array.from({ length: 6 }, (_, i) => ({
      at: NOW - (i + 1) * HOUR, // 11:30, 10:30 … 06:30
      model: "opus",
      phase: "completed" as const,
      durationMs: 1000 * (i + 1),
    })),
    { at: NOW - 2 * HOUR + 1, model: "opus", phase: "failed" },
    { at: NOW - 3 * HOUR, model: "opus", phase: "failed" },
    { at: NOW - 3 * HOUR, model: "opus", phase: "started" },
    { at: NOW - 30 * 60_000, model: "glm", phase: "failed" },
    // 02:29:59.999: before the asked 02:30, inside the widened period (from 02:00).
    { at: SINCE - 1, model: "opus", phase: "completed", durationMs: 5 },
    { at: SINCE - 31 * 60_000, model: "opus", phase: "completed", durationMs: 7 }, // 01:59: before
  ];
  writeRows(s.store, {
    tasks,
    usage: [
      { at: NOW - 5 * HOUR, model: "opus", costNanos: 2 * USD },
      { at: NOW - 60_000, model: "opus", costNanos: 1 * USD },
      { at: SINCE - 1, model: "opus", costNanos: 4 * USD }, // widened period
      { at: SINCE - 31 * 60_000, model: "opus", costNanos: 50 * USD }, // before the period
      { at: NOW - 60_000, model: "haiku", costNanos: 123 },
    ],
  });
  const r = metricsReport(s.store, { since: SINCE, until: NOW, now: NOW });
  // 02:30 .. 12:30 asked; whole hours 02:00 .. 13:00 counted, and said so.
  assert.deepEqual([r.since, r.until], ["2026-11-25T02:00:00.000Z", "2026-11-25T13:00:00.000Z"]);
  assert.deepEqual(r.models.map((m) => m.model), ["glm", "haiku", "opus"]);
  const [glm, haiku, opus] = r.models;
  assert.equal(opus?.tasks_completed, 7);
  assert.equal(opus?.tasks_failed, 2);
  assert.equal(opus?.success_rate, 0.7778);
  // Tasks and cost over the same span: 7 tasks for $7.
  assert.equal(opus?.cost_nanos, 7 * USD);
  assert.equal(opus?.cost_per_task_usd, 1);
  // 7 in the 10.5 hours of the period that have passed (02:00 .. 12:30), not in all 11.
  assert.equal(opus?.throughput_per_hour, 0.6667);
  assert.deepEqual(opus?.duration, { samples: 7, p50_ms: 3000, p95_ms: 6000, p99_ms: 6000 });
  assert.equal(opus?.hourly.length, 24);
  assert.equal(opus?.hourly[23]?.hour, "2026-11-25T12:00:00.000Z");
  assert.equal(opus?.hourly[0]?.hour, "2026-11-24T13:00:00.000Z");
  assert.deepEqual(
    opus?.hourly.slice(17).map((h) => h.completed),
    [1, 1, 1, 1, 1, 1, 0], // 06:00 … 11:00 one each, 12:00 none
  );
  assert.equal(opus?.hourly[13]?.completed, 1); // 02:29
  // The hourly series is the last 24 hours, whatever the period: the 01:59 task is in it.
  assert.equal(opus?.hourly[12]?.completed, 1);
  assert.equal(opus?.hourly.reduce((n, h) => n + h.completed, 0), 8);
  assert.deepEqual([glm?.tasks_completed, glm?.tasks_failed, glm?.success_rate], [0, 1, 0]);
  assert.equal(glm?.duration, null);
  assert.equal(glm?.cost_per_task_usd, null);
  assert.deepEqual([haiku?.tasks_completed, haiku?.success_rate, haiku?.cost_nanos], [
    0,
    null,
    123,
  ]);
  assert.equal(r.total.tasks_completed, 7);
  assert.equal(r.total.tasks_failed, 3);
  assert.equal(r.total.success_rate, 0.7);
  assert.equal(r.total.cost_nanos, 7 * USD + 123);
  assert.equal(r.total.cost_per_task_usd, 1); // 1.0000000176, rounded to 6 decimals
});

Deno.test("metricsReport() divides throughput by the part of the period that has passed", async (t) => {
  await using s = await tempStore();
  const done = (at: number): TaskInput => ({ at, phase: "completed", durationMs: 1 });
  // Three tasks in the last hour and a half before 12:30.
  writeRows(s.store, { tasks: [done(NOW - 80 * 60_000), done(NOW - HOUR), done(NOW - 1)] });
  await t.step("--since 1h at 12:30: 11:00 .. 13:00, of which 1.5 hours passed", () => {
    const r = metricsReport(s.store, { since: NOW - HOUR, until: NOW, now: NOW });
    assert.deepEqual([r.since, r.until], ["2026-11-25T11:00:00.000Z", "2026-11-25T13:00:00.000Z"]);
    assert.equal(r.total.throughput_per_hour, 2);
  });
  await t.step("a period over before now: its whole length", () => {
    const r = metricsReport(s.store, { since: NOW - 2 * HOUR, until: NOW, now: NOW + 5 * HOUR });
    assert.equal(r.until, "2026-11-25T13:00:00.000Z");
    assert.equal(r.total.throughput_per_hour, 1); // 3 in 10:00 .. 13:00
  });
});

Deno.test("metricsReport() of an empty store has no models and zero totals", async () => {
  await using s = await tempStore();
  const r = metricsReport(s.store, { since: SINCE, until: NOW, now: NOW });
  assert.deepEqual(r.models, []);
  assert.equal(r.total.tasks_completed, 0);
  assert.equal(r.total.success_rate, null);
  assert.equal(r.total.duration, null);
  assert.equal(r.total.throughput_per_hour, 0);
  assert.equal(r.total.hourly.length, 24);
});
