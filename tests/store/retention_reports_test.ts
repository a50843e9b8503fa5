import assert from "node:assert/strict";
import type { SubscriptionPlan } from "../../src/domain/mod.ts";
import { COST_DIMENSIONS, defaultConfig } from "../../src/domain/mod.ts";
import {
  costBreakdown,
  costReport,
  metricsReport,
  monthProjection,
  planUsage,
  pruneStore,
  type Store,
  usageGroups,
  usageTotals,
} from "../../src/store/mod.ts";
import { tempStore, type UsageInput, writeRows } from "./_query_fixtures.ts";
import { seededRandom } from "../helpers/seeded_random.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Sunday 20 December 2026, 15:37:12.345 UTC: nothing about it is on the hour. */
const NOW = Date.UTC(2026, 11, 20, 15, 37, 12, 345);

const PLANS: SubscriptionPlan[] = [
  {
    name: "max",
    models: ["opus"],
    unit: "tokens",
    limit: 1e9,
    window: { kind: "monthly", day: 1 },
    monthly_cost: 100,
    enabled: true,
  },
  {
    name: "five",
    models: ["glm"],
    unit: "requests",
    limit: 50,
    window: { kind: "rolling", hours: 5 },
    monthly_cost: 0,
    enabled: true,
  },
];

/** 45 days of usage before NOW at any millisecond, with beads, plans and models. */
function generate(count: number): UsageInput[] {
  const rnd = seededRandom(2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: count }, () => {
    const model = pick(["opus", "gpt-5", "glm"]);
    return {
      at: NOW - 1 - Math.floor(rnd() * 45 * DAY),
      workerId: pick(["w1", "w2", "w3"]),
      workspace: pick(["/a", "/b"]),
      beadId: pick([null, "b-1", "b-2", "b-3"]),
      model,
      plan: model === "opus" ? "max" : model === "glm" ? "five" : "",
      input: Math.floor(rnd() * 20_000),
      output: Math.floor(rnd() * 3_000),
      cacheRead: Math.floor(rnd() * 40_000),
      cacheWrite: Math.floor(rnd() * 1_000),
      costNanos: Math.floor(rnd() * 3e9),
    };
  });
}

/** Spans in the pruned past, across the retention cutoff and up to now, with ragged edges. */
const SPANS: readonly [string, number, number][] = [
  ["days, all pruned", NOW - 44 * DAY + 17 * MINUTE, NOW - 31 * DAY - 3],
  ["hours, all pruned", NOW - 35 * DAY + 10 * HOUR + 1, NOW - 35 * DAY + 13 * HOUR + 1],
  ["3 ms, pruned", NOW - 40 * DAY - 1, NOW - 40 * DAY + 2],
  ["across the cutoff", NOW - 31 * DAY + 5 * MINUTE, NOW - 29 * DAY + 1],
  ["everything", NOW - 46 * DAY, NOW + 1],
];

/** Every usage report FORGE makes, for the spans above and the calendar ones at NOW. */
async function reports(store: Store): Promise<unknown> {
  const config = { ...(await defaultConfig()), subscriptions: PLANS };
  return {
    summary: SPANS.map(([, since, until]) =>
      costReport(store, { now: NOW, config, range: { since, until } })
    ),
    breakdowns: SPANS.flatMap(([, since, until]) =>
      COST_DIMENSIONS.map((by) => costBreakdown(store, { since, until, by, now: NOW }))
    ),
    top: SPANS.map(([, since, until]) =>
      usageGroups(store, { since, until, by: "bead", limit: 2 })
    ),
    plans: SPANS.map(([, since, until]) => usageTotals(store, { since, until, plan: "max" })),
    projection: monthProjection(store, { now: NOW, plans: PLANS }),
    planWindows: planUsage(store, { plans: PLANS, now: NOW }),
    // No task events here: task figures come from task_events, which retention deletes too.
    metrics: SPANS.map(([, since, until]) => metricsReport(store, { since, until, now: NOW })),
  };
}

Deno.test("pruneStore() deleting old raw usage changes no usage report, for spans it pruned or not", async (t) => {
  await using s = await tempStore();
  writeRows(s.store, { usage: generate(4_000) });
  const before = await reports(s.store);
  const rawLeft = () =>
    Number((s.store.statement("SELECT count(*) AS n FROM usage").get() as { n: number }).n);

  await t.step("after 30-day retention", async () => {
    const counts = pruneStore(s.store, { now: NOW, retentionDays: 30, auditRetentionDays: 365 });
    assert.ok(counts.usage > 1_000 && rawLeft() > 1_000, `pruned ${counts.usage}`);
    assert.deepEqual(await reports(s.store), before);
  });
  await t.step("after every raw row is gone", async () => {
    pruneStore(s.store, { now: NOW + 60 * DAY, retentionDays: 1, auditRetentionDays: 365 });
    assert.equal(rawLeft(), 0);
    assert.deepEqual(await reports(s.store), before);
  });
  await t.step("the reports are not empty", () => {
    const b = before as { breakdowns: { total: { calls: number } }[] };
    assert.ok(b.breakdowns.every((r) => r.total.calls > 0));
  });
});
