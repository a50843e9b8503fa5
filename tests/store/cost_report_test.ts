import assert from "node:assert/strict";
import type { SubscriptionPlan } from "../../src/domain/mod.ts";
import { defaultConfig } from "../../src/domain/mod.ts";
import { costBreakdown, costReport, monthProjection, planUsage } from "../../src/store/mod.ts";
import { handSum, tempStore, type UsageInput, writeRows } from "./_query_fixtures.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const USD = 1e9;

function plan(p: Partial<SubscriptionPlan> & Pick<SubscriptionPlan, "name">): SubscriptionPlan {
  return {
    models: ["*"],
    unit: "tokens",
    limit: 1_000_000,
    window: { kind: "monthly", day: 1 },
    monthly_cost: 0,
    enabled: true,
    ...p,
  } as SubscriptionPlan;
}

Deno.test("costReport() sums today, this week (from Monday) and this month (UTC) exactly", async () => {
  await using t = await tempStore();
  const now = Date.UTC(2026, 11, 2, 15); // Wednesday 2 December 2026, 15:00
  const rows: UsageInput[] = [
    { at: Date.UTC(2026, 10, 30, 23, 59, 59, 999), costNanos: 1, input: 1 }, // Monday, November
    { at: Date.UTC(2026, 11, 1, 0, 0, 0, 0), costNanos: 20, output: 2 }, // Tuesday, December
    { at: Date.UTC(2026, 11, 1, 23, 59, 59, 999), costNanos: 300, cacheRead: 3, plan: "max" },
    { at: Date.UTC(2026, 11, 2, 0, 0, 0, 0), costNanos: 4_000, cacheWrite: 4 }, // today
    { at: Date.UTC(2026, 11, 2, 14, 59, 59, 999), costNanos: 50_000, input: 5 },
    { at: Date.UTC(2026, 10, 29, 23, 59, 59, 999), costNanos: 600_000 }, // the Sunday before
  ];
  writeRows(t.store, { usage: rows });
  const config = await defaultConfig();
  const r = costReport(t.store, { now, config });
  assert.equal(r.generated_at, "2026-12-02T15:00:00.000Z");
  assert.deepEqual([r.today.since, r.today.until], [
    "2026-12-02T00:00:00.000Z",
    "2026-12-03T00:00:00.000Z",
  ]);
  assert.equal(r.week.since, "2026-11-30T00:00:00.000Z");
  assert.equal(r.month.since, "2026-12-01T00:00:00.000Z");
  assert.equal(r.today.cost_nanos, 54_000);
  assert.equal(r.week.cost_nanos, 54_321);
  assert.equal(r.month.cost_nanos, 54_320);
  assert.equal(r.month.billed_nanos, 54_020);
  assert.deepEqual(r.month.tokens, {
    input: 5,
    output: 2,
    cache_read: 3,
    cache_write: 4,
    total: 14,
  });
  assert.equal(r.month.calls, 4);
  assert.equal(r.range, null);
  // A range ending 1 ms into December 1st is counted to 01:00 (whole hours), and says so.
  const ranged = costReport(t.store, {
    now,
    config,
    range: { since: Date.UTC(2026, 10, 29, 12, 30), until: Date.UTC(2026, 11, 1, 0, 0, 0, 1) },
  });
  assert.deepEqual([ranged.range?.since, ranged.range?.until], [
    "2026-11-29T12:00:00.000Z",
    "2026-12-01T01:00:00.000Z",
  ]);
  assert.equal(ranged.range?.cost_nanos, handSum([rows[5]!, rows[0]!, rows[1]!]).costNanos);
  assert.equal(ranged.range?.cost_nanos, 600_000 + 1 + 20);
});

Deno.test("monthProjection() is billed month-to-date / elapsed days × days in the month, plus plan fees", async (t) => {
  await using s = await tempStore();
  // 10 days into November (30 days): $10 billed, $5 more through a plan.
  writeRows(s.store, {
    usage: [
      { at: Date.UTC(2026, 10, 3), costNanos: 4 * USD },
      { at: Date.UTC(2026, 10, 9, 7), costNanos: 6 * USD },
      { at: Date.UTC(2026, 10, 10, 23), costNanos: 5 * USD, plan: "max" },
      { at: Date.UTC(2026, 9, 31, 23), costNanos: 99 * USD }, // October: not this month
    ],
  });
  const plans = [
    plan({ name: "max", monthly_cost: 100 }),
    plan({ name: "pro", monthly_cost: 20 }),
    plan({ name: "old", monthly_cost: 50, enabled: false }),
  ];
  await t.step("day 10 of 30", () => {
    const p = monthProjection(s.store, { now: Date.UTC(2026, 10, 11), plans });
    assert.equal(p.month, "2026-11");
    assert.equal(p.days_elapsed, 10);
    assert.equal(p.days_in_month, 30);
    assert.equal(p.confidence, 1);
    assert.equal(p.billed_nanos, 10 * USD);
    assert.equal(p.billed_usd, 10);
    assert.equal(p.cost_usd, 15);
    assert.equal(p.projected_billed_nanos, 30 * USD);
    assert.equal(p.projected_billed_usd, 30);
    assert.equal(p.projected_cost_usd, 45);
    assert.equal(p.subscription_fees_usd, 120);
    assert.equal(p.projected_total_usd, 150);
  });
  await t.step("a fractional day: 12 h into day 8 of 30", () => {
    const p = monthProjection(s.store, { now: Date.UTC(2026, 10, 8, 12), plans: [] });
    assert.equal(p.days_elapsed, 7.5);
    // Every row dated this month counts, also one a clock running ahead dated later.
    assert.equal(p.billed_nanos, 10 * USD);
    assert.equal(p.projected_billed_nanos, 40 * USD);
    assert.equal(p.confidence, 1);
    assert.equal(p.subscription_fees_usd, 0);
  });
  await t.step("the first hours count as one whole day", () => {
    const p = monthProjection(s.store, { now: Date.UTC(2026, 10, 1, 3), plans: [] });
    assert.equal(p.days_elapsed, 1);
    assert.equal(p.confidence, 0.1429);
    assert.equal(p.projected_billed_nanos, 300 * USD);
  });
  await t.step("February of a leap year has 29 days", () => {
    const p = monthProjection(s.store, { now: Date.UTC(2028, 1, 15), plans: [] });
    assert.equal(p.days_in_month, 29);
    assert.equal(p.days_elapsed, 14);
  });
});

Deno.test("planUsage() counts each plan's usage in its window and unit, with limit, reset and pace", async (t) => {
  await using s = await tempStore();
  const now = Date.UTC(2026, 10, 25, 12); // Wednesday 25 November 2026, 12:00
  const rows: UsageInput[] = [
    // tokens, monthly from the 15th: window 15 Nov .. 15 Dec
    { at: Date.UTC(2026, 10, 14, 23), plan: "monthly", input: 1_000_000 }, // before the window
    {
      at: Date.UTC(2026, 10, 15),
      plan: "monthly",
      input: 100,
      output: 20,
      cacheRead: 3,
      cacheWrite: 1,
    },
    { at: Date.UTC(2026, 10, 20), plan: "monthly", input: 876, costNanos: 2 * USD },
    // requests, the last 5 hours: 07:00 .. 12:00
    { at: now - 5 * HOUR - 1, plan: "rolling", input: 9 },
    { at: now - 5 * HOUR, plan: "rolling", input: 9 },
    { at: now - 1, plan: "rolling", input: 9 },
    { at: now - 2 * HOUR, plan: "other", input: 9 },
    // messages, weekly from Monday 08:00: window Mon 23 Nov 08:00 .. Mon 30 Nov 08:00
    { at: Date.UTC(2026, 10, 23, 7, 59), plan: "weekly" },
    { at: Date.UTC(2026, 10, 23, 8), plan: "weekly" },
    { at: Date.UTC(2026, 10, 24, 8), plan: "weekly" },
    // unlimited
    { at: now - HOUR, plan: "flat", input: 5, output: 5 },
  ];
  writeRows(s.store, { usage: rows });
  const plans = [
    plan({
      name: "monthly",
      limit: 10_000,
      window: { kind: "monthly", day: 15 },
      monthly_cost: 200,
    }),
    plan({ name: "rolling", unit: "requests", limit: 8, window: { kind: "rolling", hours: 5 } }),
    plan({
      name: "weekly",
      unit: "messages",
      limit: 4,
      window: { kind: "weekly", weekday: 1, hour: 8 },
    }),
    plan({ name: "flat", unit: "unlimited", window: { kind: "monthly", day: 1 } }),
    plan({ name: "off", enabled: false }),
  ];
  const [monthly, rolling, weekly, flat, ...rest] = planUsage(s.store, { plans, now });
  assert.equal(rest.length, 0, "disabled plans are left out");
  await t.step("tokens in a monthly window", () => {
    assert.equal(monthly?.used, 1_000);
    assert.equal(monthly?.limit, 10_000);
    assert.equal(monthly?.percent_used, 10);
    assert.equal(monthly?.window_start, "2026-11-15T00:00:00.000Z");
    assert.equal(monthly?.resets_at, "2026-12-15T00:00:00.000Z");
    assert.equal(monthly?.percent_elapsed, 35); // 10.5 of 30 days
    assert.equal(monthly?.pace, "behind");
    assert.equal(monthly?.cost_usd, 2);
    assert.equal(monthly?.monthly_cost_usd, 200);
  });
  await t.step("requests in a rolling window", () => {
    assert.equal(rolling?.used, 2);
    assert.equal(rolling?.percent_used, 25);
    assert.equal(rolling?.resets_at, null);
    assert.equal(rolling?.percent_elapsed, null);
    assert.equal(rolling?.pace, null);
    assert.equal(rolling?.window_end, "2026-11-25T12:00:00.000Z");
  });
  await t.step("messages in a weekly window", () => {
    assert.equal(weekly?.used, 2);
    assert.equal(weekly?.percent_used, 50);
    assert.equal(weekly?.window_start, "2026-11-23T08:00:00.000Z");
    assert.equal(weekly?.percent_elapsed, 30.95); // 52 of 168 hours
    assert.equal(weekly?.pace, "ahead");
  });
  await t.step("unlimited: tokens counted, no limit", () => {
    assert.equal(flat?.used, 10);
    assert.equal(flat?.limit, null);
    assert.equal(flat?.percent_used, null);
    assert.equal(flat?.pace, null);
  });
});

Deno.test("planUsage() counts a rolling window in whole hours and states the widened window", async () => {
  await using s = await tempStore();
  const now = Date.UTC(2026, 10, 25, 12, 20); // the last 5 hours: 07:20 .. 12:20
  writeRows(s.store, {
    usage: [
      { at: Date.UTC(2026, 10, 25, 6, 59, 59, 999), plan: "rolling" }, // before 07:00
      { at: Date.UTC(2026, 10, 25, 7, 10), plan: "rolling" }, // before 07:20, in the 07:00 hour
      { at: Date.UTC(2026, 10, 25, 7, 30), plan: "rolling" },
      { at: now - 1, plan: "rolling" },
    ],
  });
  const [rolling] = planUsage(s.store, {
    plans: [
      plan({ name: "rolling", unit: "requests", limit: 10, window: { kind: "rolling", hours: 5 } }),
    ],
    now,
  });
  assert.deepEqual([rolling?.window_start, rolling?.window_end], [
    "2026-11-25T07:00:00.000Z",
    "2026-11-25T13:00:00.000Z",
  ]);
  assert.equal(rolling?.used, 3);
  assert.equal(rolling?.percent_used, 30);
});

Deno.test("costBreakdown() rows add up to the total, with null keys for no bead and pay-per-token", async () => {
  await using t = await tempStore();
  const at = Date.UTC(2026, 10, 25, 10, 30);
  const rows: UsageInput[] = [
    { at, beadId: "b-1", plan: "max", costNanos: 5 },
    { at: at + 1, beadId: null, costNanos: 7 },
    { at: at + DAY, beadId: "b-2", costNanos: 11, workspace: "/other" },
  ];
  writeRows(t.store, { usage: rows });
  const span = { since: at - HOUR, until: at + 2 * DAY, now: at };
  const bead = costBreakdown(t.store, { ...span, by: "bead" });
  assert.deepEqual(
    bead.rows.map((r) => [r.key, r.workspace, r.cost_nanos]),
    [["b-2", "/other", 11], [null, undefined, 7], ["b-1", "/ws", 5]],
  );
  assert.equal(bead.total.cost_nanos, handSum(rows).costNanos);
  const byPlan = costBreakdown(t.store, { ...span, by: "plan" });
  assert.deepEqual(byPlan.rows.map((r) => [r.key, r.cost_nanos, r.billed_nanos]), [
    [null, 18, 18],
    ["max", 5, 0],
  ]);
  assert.equal(byPlan.total.billed_nanos, 18);
  assert.equal(byPlan.total.cost_nanos, 23);
});
