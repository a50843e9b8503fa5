import assert from "node:assert/strict";
import { findResetTime, LIMIT_WORDS } from "../../src/domain/mod.ts";

// A fixed "now" in the middle of a local day; clock times are local, like the agent's own clock.
const NOW = new Date(2026, 1, 17, 14, 0, 0).getTime();

function localToday(hours: number, minutes: number): number {
  const d = new Date(NOW);
  d.setHours(hours, minutes, 0, 0);
  return d.getTime();
}

function localTomorrow(hours: number, minutes: number): number {
  const d = new Date(localToday(hours, minutes));
  d.setDate(d.getDate() + 1);
  return d.getTime();
}

Deno.test("findResetTime() reads relative delays", async (t) => {
  const cases: [string, number][] = [
    ["Please retry in 20s.", 20_000],
    ["Please try again in 11.054s.", 11_054],
    ["Usage limit reached. It will reset in 5 minutes", 300_000],
    ["quota exceeded, retry after 2 hours", 7_200_000],
    ["rate limited; in 1.5h", 5_400_000],
    ["try again in 30 sec", 30_000],
    ["resets in 45 mins", 2_700_000],
  ];
  for (const [message, delay] of cases) {
    await t.step(message, () => assert.equal(findResetTime(message, NOW), NOW + delay));
  }
});

Deno.test("findResetTime() reads absolute ISO times and the epoch after 'limit reached|'", async (t) => {
  const cases: [string, number][] = [
    ["limit resets at 2026-02-17T18:00:00Z", Date.UTC(2026, 1, 17, 18)],
    ['{"resets_at": "2026-02-17T18:30:00+01:00"}', Date.UTC(2026, 1, 17, 17, 30)],
    ["blocked until 2026-02-18 06:00:00Z", Date.UTC(2026, 1, 18, 6)],
    ["Claude AI usage limit reached|1771351200", 1_771_351_200_000],
  ];
  for (const [message, at] of cases) {
    await t.step(message, () => assert.equal(findResetTime(message, NOW), at));
  }
});

Deno.test("findResetTime() reads a clock time as the next such local time", async (t) => {
  const cases: [string, number][] = [
    ["You've hit your usage limit. … or try again at 10:33 PM.", localToday(22, 33)],
    ["limit resets at 15:30", localToday(15, 30)],
    ["available again 9:05 am", localTomorrow(9, 5)],
    ["try again at 12:15 AM", localTomorrow(0, 15)],
    ["try again at 12:15 PM", localTomorrow(12, 15)],
    ["resets 14:00", localTomorrow(14, 0)],
  ];
  for (const [message, at] of cases) {
    await t.step(message, () => assert.equal(findResetTime(message, NOW), at));
  }
});

Deno.test("findResetTime() returns undefined when the message names no time", async (t) => {
  const cases = [
    "rate limit exceeded",
    "You have exhausted your daily quota on this model. Please wait and try again later.",
    "retry in 500ms? no unit it knows",
    "",
  ];
  for (const message of cases) {
    await t.step(JSON.stringify(message), () => {
      assert.equal(findResetTime(message, NOW), undefined);
    });
  }
});

Deno.test("LIMIT_WORDS recognises the agents' limit messages and nothing else", async (t) => {
  const hits = [
    "Claude AI usage limit reached|1771351200",
    "Rate limit reached for gpt-5.5",
    '{"error":"rate_limit"}',
    "429 Too Many Requests",
    "RESOURCE_EXHAUSTED",
    "You have exhausted your daily quota",
  ];
  for (const text of hits) await t.step(text, () => assert.ok(LIMIT_WORDS.test(text)));
  for (const text of ["finished bead fg-1", "HTTP 4290 bytes", "limited edition"]) {
    await t.step(`not: ${text}`, () => assert.equal(LIMIT_WORDS.test(text), false));
  }
});
