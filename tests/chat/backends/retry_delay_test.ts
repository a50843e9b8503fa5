import assert from "node:assert/strict";
import { backoffMs, retryAfterMs } from "../../../src/chat/backends/_retry_delay.ts";

Deno.test("backoffMs() doubles from 500 ms, caps at 30 s and jitters by 25 %", async (t) => {
  const cases: [retry: number, random: number, expected: number][] = [
    [1, 0.5, 500],
    [2, 0.5, 1_000],
    [3, 0.5, 2_000],
    [7, 0.5, 30_000],
    [20, 0.5, 30_000],
    [1, 0, 375],
    [1, 0.999999, 625],
    [7, 0, 22_500],
  ];
  for (const [retry, random, expected] of cases) {
    await t.step(`retry ${retry}, random ${random}`, () => {
      assert.equal(backoffMs(retry, random), expected);
    });
  }
});

Deno.test("retryAfterMs() reads seconds, HTTP dates and retry-after-ms, capped at 60 s", async (t) => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  const cases: [name: string, headers: Record<string, string>, expected: number | undefined][] = [
    ["seconds", { "retry-after": "7" }, 7_000],
    ["fractional seconds", { "retry-after": "1.5" }, 1_500],
    ["an HTTP date", { "retry-after": "Sun, 01 Mar 2026 12:00:20 GMT" }, 20_000],
    ["a date in the past", { "retry-after": "Sun, 01 Mar 2026 11:00:00 GMT" }, 0],
    ["over the cap", { "retry-after": "3600" }, 60_000],
    ["retry-after-ms wins", { "retry-after-ms": "250", "retry-after": "1" }, 250],
    ["nothing", {}, undefined],
    ["garbage", { "retry-after": "soon" }, undefined],
    ["empty", { "retry-after": "", "retry-after-ms": "" }, undefined],
  ];
  for (const [name, headers, expected] of cases) {
    await t.step(name, () => assert.equal(retryAfterMs(new Headers(headers), now), expected));
  }
});
