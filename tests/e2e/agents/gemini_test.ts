import assert from "node:assert/strict";
import {
  checkFailuresReleaseBeads,
  checkUsageLimitParksPlan,
  checkWorksBead,
} from "./_agent_checks.ts";
import { geminiKit } from "./_kit_gemini.ts";

/** FORGE's table price for gemini-2.5-pro (USD per million): the Gemini CLI reports no cost. */
const GEMINI_25_PRO = { input: 1.25, output: 10, cacheRead: 0.31 };

Deno.test("forge run drives the real Gemini CLI through a bead: tool call, file, bead closed, usage exact", async () => {
  await checkWorksBead(geminiKit, GEMINI_25_PRO);
});

Deno.test("the Gemini CLI out of daily quota (exit 173): the plan is parked until Pacific midnight, the bead finishes elsewhere", async () => {
  const resets = await checkUsageLimitParksPlan(geminiKit);
  // The result line says "daily quota" (reset at Pacific midnight); the launcher adds the exit code.
  const now = Date.now();
  assert.ok(
    resets.some((at) => at !== undefined && at > now && at <= now + 24 * 3_600_000),
    String(resets),
  );
});

Deno.test("the Gemini CLI failing on a 500 or a malformed stream: the worker fails, FORGE releases the bead", async () => {
  await checkFailuresReleaseBeads(geminiKit);
});
