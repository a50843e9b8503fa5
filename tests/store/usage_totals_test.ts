import assert from "node:assert/strict";
import type { CostDimension } from "../../src/domain/mod.ts";
import { COST_DIMENSIONS } from "../../src/domain/mod.ts";
import { costBreakdown, usageGroups, usageTotals } from "../../src/store/mod.ts";
import { handSum, tempStore, type UsageInput, widened, writeRows } from "./_query_fixtures.ts";
import { seededRandom } from "../helpers/seeded_random.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Saturday 31 October 2026 00:00 UTC: the data crosses a month end and a week start. */
const START = Date.UTC(2026, 9, 31);

function generate(count: number, seed: number): UsageInput[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: count }, () => ({
    at: START + Math.floor(rnd() * 3 * DAY),
    workerId: pick(["w1", "w2", "w3", "w4"]),
    workspace: pick(["/a", "/b"]),
    beadId: pick([null, "b-1", "b-2", "b-3", 'b, "4"']),
    model: pick(["claude-opus-4-5", "gpt-5", "glm-4.6"]),
    plan: pick(["", "", "max"]),
    input: Math.floor(rnd() * 50_000),
    output: Math.floor(rnd() * 8_000),
    cacheRead: Math.floor(rnd() * 100_000),
    cacheWrite: Math.floor(rnd() * 2_000),
    costNanos: Math.floor(rnd() * 2e9),
  }));
}

function keyOf(by: CostDimension, r: UsageInput): string {
  switch (by) {
    case "model":
      return r.model ?? "";
    case "worker":
      return r.workerId ?? "";
    case "workspace":
      return r.workspace ?? "";
    case "plan":
      return r.plan ?? "";
    case "bead":
      return `${r.beadId ?? "(none)"}|${(r.beadId ?? null) === null ? "" : r.workspace}`;
  }
}

function handGroups(by: CostDimension, rows: readonly UsageInput[]) {
  const groups = new Map<string, UsageInput[]>();
  for (const r of rows) groups.set(keyOf(by, r), [...(groups.get(keyOf(by, r)) ?? []), r]);
  return new Map([...groups].map(([k, rs]) => [k, handSum(rs)]));
}

/** Spans with every kind of edge: aligned, inside one hour, across hours, days and the month. */
function spans(seed: number): [number, number][] {
  const rnd = seededRandom(seed);
  const fixed: [number, number][] = [
    [START, START + 3 * DAY],
    [START - DAY, START + 4 * DAY],
    [START + 10 * HOUR, START + 11 * HOUR],
    [START + 10 * HOUR + 1, START + 10 * HOUR + 2 * 60_000],
    [START + 10 * HOUR - 1, START + 10 * HOUR + 1],
    [START + DAY - 1, START + DAY + 1],
    [START + 90 * 60_000, START + 2 * DAY + 30 * 60_000],
    [START + DAY, START + 2 * DAY],
    [START + 5, START + 5],
  ];
  const random = Array.from({ length: 40 }, (): [number, number] => {
    const a = START - HOUR + Math.floor(rnd() * (3 * DAY + 2 * HOUR));
    return [a, a + Math.floor(rnd() * rnd() * 3 * DAY)];
  });
  return [...fixed, ...random];
}

/** The raw rows of `[since, until)` widened to whole UTC hours, as a person would pick them. */
function inWidened(rows: readonly UsageInput[], since: number, until: number): UsageInput[] {
  const w = widened(since, until);
  return rows.filter((r) => r.at >= w.since && r.at < w.until);
}

Deno.test("usageTotals() equals a hand sum of the raw rows over the widened span, for every kind of edge", async () => {
  await using t = await tempStore();
  const rows = generate(3_000, 7);
  writeRows(t.store, { usage: rows.slice(0, 1_700) });
  writeRows(t.store, { usage: rows.slice(1_700) });
  for (const [since, until] of spans(11)) {
    assert.deepEqual(
      { ...usageTotals(t.store, { since, until }) },
      handSum(inWidened(rows, since, until)),
      `span ${new Date(since).toISOString()} .. ${new Date(until).toISOString()}`,
    );
  }
});

Deno.test("usageGroups() by each dimension equals a hand grouping, the no-bead group included", async (t) => {
  await using s = await tempStore();
  const rows = generate(2_000, 3);
  writeRows(s.store, { usage: rows });
  for (const by of COST_DIMENSIONS) {
    await t.step(by, () => {
      for (const [since, until] of spans(5).slice(0, 20)) {
        const hand = handGroups(by, inWidened(rows, since, until));
        const got = usageGroups(s.store, { since, until, by });
        assert.equal(got.length, hand.size);
        for (const g of got) {
          const key = by === "bead" ? `${g.key ?? "(none)"}|${g.workspace ?? ""}` : g.key ?? "";
          const { key: _k, workspace: _w, ...sums } = g;
          assert.deepEqual(sums, hand.get(key), `${by}=${key}`);
        }
        const costs = got.map((g) => g.costNanos);
        assert.deepEqual(costs, [...costs].sort((a, b) => b - a), "biggest cost first");
        for (const limit of [1, 2]) {
          assert.deepEqual(usageGroups(s.store, { since, until, by, limit }), got.slice(0, limit));
        }
      }
    });
  }
});

Deno.test("usageTotals() widens a span to whole UTC hours and is exact for the widened span", async (t) => {
  await using s = await tempStore();
  const h = START + 12 * HOUR;
  const at = [h - 1, h, h + 1, h + HOUR - 1, h + HOUR, h + 2 * HOUR + 30_000];
  writeRows(s.store, { usage: at.map((a, i) => ({ at: a, costNanos: 10 ** i })) });
  const cost = (since: number, until: number) => usageTotals(s.store, { since, until }).costNanos;
  const cases: [string, number, number, number][] = [
    ["whole hours are exact", h, h + HOUR, 10 + 100 + 1_000],
    ["a start 1 ms past the hour counts from the hour", h + 1, h + HOUR, 10 + 100 + 1_000],
    ["1 ms either side of an hour is both hours", h - 1, h + 1, 1 + 10 + 100 + 1_000],
    ["an end 30 s into an hour counts to its end", h + 1, h + 2 * HOUR + 30_001, 111_110],
    ["an end on a row's instant still takes its hour", h + 1, h + 2 * HOUR + 30_000, 111_110],
    ["an end on the hour is exact", h + 1, h + 2 * HOUR, 11_110],
    ["an empty span on the hour", h, h, 0],
    ["an empty span inside an hour stays empty", h + 1, h + 1, 0],
    ["a reversed span across hours", h + HOUR, h, 0],
    ["a reversed span inside an hour", h + 30 * 60_000, h + 10 * 60_000, 0],
  ];
  for (const [name, since, until, expected] of cases) {
    await t.step(name, () => {
      assert.equal(cost(since, until), expected);
      const hand = inWidened(at.map((a, i) => ({ at: a, costNanos: 10 ** i })), since, until);
      assert.equal(handSum(hand).costNanos, expected, "the hand pick agrees");
    });
  }
});

Deno.test("costBreakdown() states the widened span it sums", async () => {
  await using s = await tempStore();
  writeRows(s.store, { usage: [{ at: START + 10 * HOUR + 5, costNanos: 3 }] });
  const r = costBreakdown(s.store, {
    since: START + 10 * HOUR + 17 * 60_000,
    until: START + 12 * HOUR + 1,
    by: "model",
    now: START,
  });
  assert.equal(r.since, "2026-10-31T10:00:00.000Z");
  assert.equal(r.until, "2026-10-31T13:00:00.000Z");
  assert.equal(r.total.cost_nanos, 3, "the row before the asked start is in the widened span");
});

Deno.test("usageGroups() by bead for sub-day spans equals a hand grouping over the widened span", async (t) => {
  await using s = await tempStore();
  const rows = generate(2_500, 17);
  writeRows(s.store, { usage: rows });
  const day2 = START + DAY;
  const cases: [string, number, number][] = [
    ["minutes inside one hour", day2 + 10 * HOUR + 5 * 60_000, day2 + 10 * HOUR + 7 * 60_000],
    ["a few hours, ragged edges", day2 + 3 * HOUR + 17 * 60_000, day2 + 9 * HOUR + 2 * 60_000],
    ["across midnight", day2 - 90 * 60_000 + 1, day2 + 45 * 60_000],
    ["25 hours across midnight, no whole day", START - 2 * HOUR - 1, START + 21 * HOUR + 1],
    ["one millisecond", day2 + 5 * HOUR + 1, day2 + 5 * HOUR + 2],
  ];
  // The second pass runs with every raw row deleted: the answers come from usage_bead_hourly.
  for (const raw of ["with raw rows", "raw rows deleted"]) {
    if (raw === "raw rows deleted") s.store.exec("DELETE FROM usage");
    for (const [name, since, until] of cases) {
      await t.step(`${name}, ${raw}`, () => {
        const hand = handGroups("bead", inWidened(rows, since, until));
        const got = usageGroups(s.store, { since, until, by: "bead" });
        assert.ok(hand.size > 1, "the span holds several beads");
        assert.deepEqual(
          new Map(
            got.map((
              { key, workspace, ...sums },
            ) => [`${key ?? "(none)"}|${workspace ?? ""}`, sums]),
          ),
          hand,
        );
        const b = costBreakdown(s.store, { since, until, by: "bead", now: START });
        const w = widened(since, until);
        assert.deepEqual(
          [b.since, b.until],
          [w.since, w.until].map((ms) => new Date(ms).toISOString()),
        );
        assert.equal(b.total.cost_nanos, handSum(inWidened(rows, since, until)).costNanos);
      });
    }
  }
  assert.equal(
    Number((s.store.statement("SELECT count(*) AS n FROM usage").get() as { n: number }).n),
    0,
  );
});

Deno.test("usageTotals() with a plan counts only that plan's rows; billed excludes every plan", async () => {
  await using t = await tempStore();
  const rows: UsageInput[] = [
    { at: START, plan: "", costNanos: 5, input: 1 },
    { at: START + 1, plan: "max", costNanos: 7, input: 2 },
    { at: START + HOUR, plan: "max", costNanos: 11, input: 4 },
    { at: START + HOUR + 1, plan: "pro", costNanos: 13, input: 8 },
  ];
  writeRows(t.store, { usage: rows });
  const span = { since: START, until: START + DAY };
  assert.deepEqual(usageTotals(t.store, span), handSum(rows));
  assert.equal(usageTotals(t.store, span).billedNanos, 5);
  assert.deepEqual(usageTotals(t.store, { ...span, plan: "max" }), handSum([rows[1]!, rows[2]!]));
  assert.equal(usageTotals(t.store, { ...span, plan: "" }).costNanos, 5);
});
