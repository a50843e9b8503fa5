import assert from "node:assert/strict";
import { calendarPeriods, recentHours } from "../../src/store/mod.ts";

const iso = (ms: number) => new Date(ms).toISOString();

Deno.test("calendarPeriods() gives the UTC day, the week from Monday 00:00 and the calendar month", async (t) => {
  const cases: [string, string, [string, string], [string, string], [string, string]][] = [
    [
      "a Wednesday",
      "2026-11-25T10:20:30.000Z",
      ["2026-11-25T00:00:00.000Z", "2026-11-26T00:00:00.000Z"],
      ["2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z"],
      ["2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    ],
    [
      "Sunday one millisecond before the week ends",
      "2026-11-29T23:59:59.999Z",
      ["2026-11-29T00:00:00.000Z", "2026-11-30T00:00:00.000Z"],
      ["2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z"],
      ["2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    ],
    [
      "Monday 00:00 starts a new week in a new month",
      "2026-11-30T00:00:00.000Z",
      ["2026-11-30T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
      ["2026-11-30T00:00:00.000Z", "2026-12-07T00:00:00.000Z"],
      ["2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    ],
    [
      "a week across the new year",
      "2027-01-01T08:00:00.000Z",
      ["2027-01-01T00:00:00.000Z", "2027-01-02T00:00:00.000Z"],
      ["2026-12-28T00:00:00.000Z", "2027-01-04T00:00:00.000Z"],
      ["2027-01-01T00:00:00.000Z", "2027-02-01T00:00:00.000Z"],
    ],
    [
      "February of a leap year",
      "2028-02-29T12:00:00.000Z",
      ["2028-02-29T00:00:00.000Z", "2028-03-01T00:00:00.000Z"],
      ["2028-02-28T00:00:00.000Z", "2028-03-06T00:00:00.000Z"],
      ["2028-02-01T00:00:00.000Z", "2028-03-01T00:00:00.000Z"],
    ],
  ];
  for (const [name, now, day, week, month] of cases) {
    await t.step(name, () => {
      const p = calendarPeriods(Date.parse(now));
      assert.deepEqual([iso(p.today.since), iso(p.today.until)], day);
      assert.deepEqual([iso(p.week.since), iso(p.week.until)], week);
      assert.deepEqual([iso(p.month.since), iso(p.month.until)], month);
    });
  }
});

Deno.test("recentHours() ends with the current hour and spans whole hours", () => {
  const span = recentHours(Date.UTC(2026, 10, 25, 10, 20), 24);
  assert.deepEqual([iso(span.since), iso(span.until)], [
    "2026-11-24T11:00:00.000Z",
    "2026-11-25T11:00:00.000Z",
  ]);
  const onTheHour = recentHours(Date.UTC(2026, 10, 25, 10), 168);
  assert.equal(iso(onTheHour.until), "2026-11-25T10:00:00.000Z");
  assert.equal(onTheHour.until - onTheHour.since, 7 * 86_400_000);
});
