import assert from "node:assert/strict";
import { parseTimestamp } from "../../src/domain/mod.ts";
import { isoInstant } from "../../src/beads/_iso_instant.ts";
import { parseBeadLines } from "../../src/beads/mod.ts";
import { classicLine } from "./_beads_fixtures.ts";

const MUTATIONS = "0123456789x:-+.TZz /";

/** What the general parser makes of a text (the reference the fast path must match). */
const general = (text: string): number | undefined => parseTimestamp(text)?.ms;

Deno.test("isoInstant() reads the common shapes exactly as the general parser", async (t) => {
  const cases = [
    "2026-02-17T00:45:22Z",
    "2026-02-17T00:45:22.5Z",
    "2026-02-17T00:45:22.12Z",
    "2026-02-17T00:45:22.123Z",
    "2026-02-17T00:45:22.1234Z",
    "2026-02-17T00:45:22.123456789Z",
    "2026-02-17T00:45:22.000000000Z",
    "2025-11-02T21:58:07.295058-08:00",
    "2026-02-17T01:45:22+01:00",
    "2026-02-16T19:15:22-05:30",
    "2026-02-17T00:45:22+00:00",
    "2026-02-17T00:45:22.999999+14:00",
    "2026-02-17T00:45:22-00:00",
    "2026-02-17T00:45:22+99:99",
    "2026-12-31T23:59:59.999Z",
    "2026-06-30T23:59:60Z",
    "2024-02-29T12:00:00Z",
    "2000-02-29T12:00:00Z",
    "1970-01-01T00:00:00Z",
    "1969-12-31T23:59:59.9Z",
    "1600-03-01T00:00:00Z",
    "0100-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
  ];
  for (const text of cases) {
    await t.step(text, () => {
      const ms = isoInstant(text);
      assert.notEqual(ms, undefined);
      assert.equal(ms, general(text));
    });
  }
});

Deno.test("isoInstant() leaves every other shape to the general parser", async (t) => {
  const cases = [
    "",
    "yesterday",
    "2026-02-17",
    "2026-02-17T00:45:22",
    "2026-02-17T00:45:22.250",
    "2026-02-17T00:45:22z",
    "2026-02-17 00:45:22Z",
    " 2026-02-17T00:45:22Z",
    "2026-02-17T00:45:22Z ",
    "2026-02-17T02:45:22+0200",
    "2026-02-17T00:45:22+5",
    "2026-02-17T00:45:22.Z",
    "2026-02-17T00:45:22.1234567890Z",
    "2026-02-17T00:45:22.12a4Z",
    "2026-13-01T00:00:00Z",
    "2026-00-10T00:00:00Z",
    "2026-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2026-04-31T00:00:00Z",
    "2026-02-17T24:00:00Z",
    "2026-02-17T23:60:00Z",
    "2026-02-17T23:59:61Z",
    "2026-02/17T00:45:22Z",
    "2026-02-17T00x45x22Z",
    "-026-02-17T00:45:22Z",
    "20x6-02-17T00:45:22Z",
    "2x26-02-17T00:45:22Z",
    "2026-0x-17T00:45:22Z",
    "2026-02-1xT00:45:22Z",
    "2026-02-17T0x:45:22Z",
    "2026-02-17T00:4x:22Z",
    "2026-02-17T00:45:2xZ",
    "2026-02-17T00:45:22+0x:00",
    "0050-01-01T00:00:00Z",
    "2026-02-17T00:45:22+01:0x",
    "2026-02-17T00:45:22*01:00",
    "２０２６-02-17T00:45:22Z",
  ];
  for (const text of cases) {
    await t.step(JSON.stringify(text), () => assert.equal(isoInstant(text), undefined));
  }
});

Deno.test("isoInstant() agrees with the general parser on 20,000 generated near-misses", () => {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((seed / 2_147_483_648) * n);
  };
  const pad = (v: number, width: number): string => String(v).padStart(width, "0");
  const zones = ["Z", "z", "+00:00", "-08:00", "+05:45", "+0200", "", "+1", "Q"];
  let accepted = 0;
  for (let i = 0; i < 20_000; i++) {
    const fraction = next(4) === 0 ? "" : "." + "1234567890".slice(0, next(11));
    let text = `${pad(next(3000), 4)}-${pad(next(14), 2)}-${pad(next(33), 2)}T` +
      `${pad(next(26), 2)}:${pad(next(62), 2)}:${pad(next(63), 2)}${fraction}` +
      `${zones[next(zones.length)]}`;
    if (next(3) === 0) {
      // One character swapped for another that could confuse a hand-written scanner.
      const at = next(text.length);
      text = text.slice(0, at) + MUTATIONS[next(MUTATIONS.length)] + text.slice(at + 1);
    }
    const fast = isoInstant(text);
    if (fast === undefined) continue;
    accepted++;
    assert.equal(fast, general(text), text);
  }
  assert.ok(accepted > 1_000, `only ${accepted} texts took the fast path`);
});

Deno.test("parseBeadLines() reads odd timestamps as before: offsets, no zone, invalid as unset", async (t) => {
  const cases: [string, number | undefined][] = [
    ["2026-02-17T01:45:22.5+01:00", Date.UTC(2026, 1, 17, 0, 45, 22, 500)],
    ["2026-02-17T00:45:22", Date.UTC(2026, 1, 17, 0, 45, 22)],
    ["2026-02-17 00:45:22z", Date.UTC(2026, 1, 17, 0, 45, 22)],
    ["2026-02-17T02:45:22+0200", Date.UTC(2026, 1, 17, 0, 45, 22)],
    ["1970-01-01T00:00:00Z", undefined],
    ["2026-02-30T00:00:00Z", undefined],
    ["soon", undefined],
  ];
  for (const [text, ms] of cases) {
    await t.step(text, () => {
      const line = classicLine({ id: "x-1", created_at: text });
      const { beads } = parseBeadLines(line + "\n", "issues.jsonl");
      assert.equal(beads[0]?.createdAt, ms);
    });
  }
});
