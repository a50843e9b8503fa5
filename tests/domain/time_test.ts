import assert from "node:assert/strict";
import { formatDuration, parseTimestamp, timestampOf, toIso } from "../../src/domain/mod.ts";

const T = Date.UTC(2026, 1, 17, 0, 45, 22);

Deno.test("parseTimestamp() reads RFC 3339 with any offset and 0-9 fraction digits", async (t) => {
  const cases: [string, number][] = [
    ["2026-02-17T00:45:22Z", T],
    ["2026-02-17T00:45:22z", T],
    ["2026-02-17T00:45:22+00:00", T],
    ["2026-02-17T01:45:22+01:00", T],
    ["2026-02-16T19:15:22-05:30", T],
    ["2026-02-17T02:45:22+0200", T],
    ["2026-02-17 00:45:22Z", T],
    ["  2026-02-17T00:45:22Z\n", T],
    ["2026-02-17T00:45:22.5Z", T + 500],
    ["2026-02-17T00:45:22.12Z", T + 120],
    ["2026-02-17T00:45:22.123Z", T + 123],
    ["2026-02-17T00:45:22.123456789Z", T + 123],
    ["2026-02-17T00:45:22.999999+00:00", T + 999],
  ];
  for (const [text, ms] of cases) {
    await t.step(JSON.stringify(text), () => {
      assert.deepEqual(parseTimestamp(text), { ms, naive: false });
    });
  }
});

Deno.test("parseTimestamp() reads a timestamp without offset as UTC and flags it naive", () => {
  assert.deepEqual(parseTimestamp("2026-02-17T00:45:22"), { ms: T, naive: true });
  assert.deepEqual(parseTimestamp("2026-02-17T00:45:22.250"), { ms: T + 250, naive: true });
});

Deno.test("parseTimestamp() refuses what is not a timestamp", async (t) => {
  const cases = [
    "",
    "yesterday",
    "2026-02-17",
    "2026-13-01T00:00:00Z",
    "2026-00-10T00:00:00Z",
    "2026-02-32T00:00:00Z",
    "2026-02-17T24:00:00Z",
    "2026-02-17T23:60:00Z",
    "2026-02-17T23:59:61Z",
    "2026-02-17T00:45:22.Z",
    "2026-02-17T00:45:22.1234567890Z",
    "2026-02/17T00:45:22Z",
    "2026-02-17T00x45x22Z",
    "2026-02-17X00:45:22Z",
    "2026-02-17T00:45:22+5",
    "1771289122",
  ];
  for (const text of cases) {
    await t.step(JSON.stringify(text), () => assert.equal(parseTimestamp(text), undefined));
  }
});

Deno.test("parseTimestamp() gives the same instant on the fast path (…Z) as on the general path", async (t) => {
  // "Z" takes the hand-written fast path; "+00:00" the regular expression. They must agree on
  // every input, accepted or refused.
  const bodies = [
    "2026-02-17T00:45:22",
    "1999-12-31T23:59:59.9",
    "2024-02-29T12:00:00.01",
    "2026-02-17T00:45:22.000000001",
    "2026-02-17T00:45:60",
    "2026-02-17T00:45:22.",
    "2026-02-17T00:45:22.12a",
    "2026-02-17T0:45:22",
    "2026-02-17T00:45:2x",
    "2026-02-17T00-45-22",
    "2026_02_17T00:45:22",
    "20260-2-17T00:45:22",
  ];
  for (const body of bodies) {
    await t.step(body, () => {
      assert.deepEqual(parseTimestamp(`${body}Z`), parseTimestamp(`${body}+00:00`));
    });
  }
});

/**
 * Every way a timestamp can be written, each taking the fast path (…Z) or the general one, with
 * what its offset adds to 10:00 UTC of the written day.
 */
const SHAPES: readonly [string, (day: string) => string, number][] = [
  ["fast path, Z", (day) => `${day}T10:00:00Z`, 0],
  ["fast path, fraction", (day) => `${day}T10:00:00.123Z`, 123],
  ["general path, +00:00", (day) => `${day}T10:00:00+00:00`, 0],
  ["general path, lower-case z", (day) => `${day}T10:00:00z`, 0],
  ["general path, space", (day) => `${day} 10:00:00Z`, 0],
  ["general path, naive", (day) => `${day}T10:00:00`, 0],
  ["general path, -08:00", (day) => `${day}T10:00:00-08:00`, 8 * 3_600_000],
  ["general path, +0530", (day) => `${day}T10:00:00+0530`, -5.5 * 3_600_000],
];

Deno.test("parseTimestamp() refuses a day the calendar does not have, on every path", async (t) => {
  const days = ["2026-02-29", "2026-02-30", "2026-02-31", "2026-04-31", "2026-06-31"]
    .concat(["2026-09-31", "2026-11-31", "2100-02-29", "1900-02-29"]);
  for (const [shape, write] of SHAPES) {
    await t.step(shape, () => {
      for (const day of days) assert.equal(parseTimestamp(write(day)), undefined, write(day));
    });
  }
});

Deno.test("parseTimestamp() takes leap days and month ends, on every path", async (t) => {
  const days = ["2024-02-29", "2000-02-29", "2026-02-28", "2026-01-31", "2026-04-30"]
    .concat(["2026-12-31"]);
  for (const [shape, write, offset] of SHAPES) {
    await t.step(shape, () => {
      for (const day of days) {
        const [y, m, d] = day.split("-").map(Number) as [number, number, number];
        assert.equal(
          parseTimestamp(write(day))?.ms,
          Date.UTC(y, m - 1, d, 10) + offset,
          write(day),
        );
      }
    });
  }
  await t.step(
    "the fast path's cached day does not let a bad day of the same month through",
    () => {
      assert.equal(parseTimestamp("2026-02-28T23:00:00Z")?.ms, Date.UTC(2026, 1, 28, 23));
      assert.equal(parseTimestamp("2026-02-30T01:00:00Z"), undefined);
      assert.equal(parseTimestamp("2026-02-31T01:00:00Z"), undefined);
      assert.equal(parseTimestamp("2026-02-28T23:30:00Z")?.ms, Date.UTC(2026, 1, 28, 23, 30));
    },
  );
  await t.step("an offset that crosses into the next day keeps the written day", () => {
    assert.equal(parseTimestamp("2026-02-28T20:00:00-08:00")?.ms, Date.UTC(2026, 2, 1, 4));
    assert.equal(parseTimestamp("2026-03-01T00:30:00+01:00")?.ms, Date.UTC(2026, 1, 28, 23, 30));
  });
});

Deno.test("timestampOf() reads strings, epoch seconds and epoch milliseconds", async (t) => {
  const cases: [string, unknown, number | undefined][] = [
    ["an RFC 3339 string", "2026-02-17T00:45:22Z", T],
    ["epoch seconds", T / 1000, T],
    ["fractional epoch seconds", T / 1000 + 0.5, T + 500],
    ["epoch milliseconds", T, T],
    ["zero", 0, undefined],
    ["a negative number", -5, undefined],
    ["NaN", Number.NaN, undefined],
    ["Infinity", Number.POSITIVE_INFINITY, undefined],
    ["a non-timestamp string", "soon", undefined],
    ["null", null, undefined],
    ["an object", { ms: T }, undefined],
  ];
  for (const [name, value, expected] of cases) {
    await t.step(name, () => assert.equal(timestampOf(value), expected));
  }
});

Deno.test("toIso() writes UTC with milliseconds", () => {
  assert.equal(toIso(T + 7), "2026-02-17T00:45:22.007Z");
  assert.equal(parseTimestamp(toIso(T + 7))?.ms, T + 7);
});

Deno.test("formatDuration() shows the two largest units, zero-padded", async (t) => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const cases: [number, string][] = [
    [-5 * s, "0s"],
    [0, "0s"],
    [999, "0s"],
    [45 * s, "45s"],
    [59 * s + 999, "59s"],
    [60 * s, "1m00s"],
    [12 * m + 5 * s, "12m05s"],
    [59 * m + 59 * s, "59m59s"],
    [h, "1h00m"],
    [3 * h + 5 * m + 59 * s, "3h05m"],
    [23 * h + 59 * m, "23h59m"],
    [24 * h, "1d00h"],
    [2 * 24 * h + 4 * h + 30 * m, "2d04h"],
    [400 * 24 * h, "400d00h"],
  ];
  for (const [ms, text] of cases) {
    await t.step(`${ms} ms`, () => assert.equal(formatDuration(ms), text));
  }
});
