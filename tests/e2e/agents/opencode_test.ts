import assert from "node:assert/strict";
import {
  checkFailuresReleaseBeads,
  checkUsageLimitParksPlan,
  checkWorksBead,
} from "./_agent_checks.ts";
import { opencodeKit } from "./_kit_opencode.ts";

/** The cost the kit's OpenCode config declares for its model, which OpenCode reports per step. */
const FAKE_MODEL = { input: 3, output: 15, cacheRead: 0.3 };

Deno.test("forge run drives the real OpenCode through a bead: tool call, file, bead closed, per-step usage summed exactly", async () => {
  await checkWorksBead(opencodeKit, FAKE_MODEL);
});

Deno.test("OpenCode at a usage limit: the plan is parked for the time the provider named, the bead finishes elsewhere", async () => {
  const before = Date.now();
  const resets = await checkUsageLimitParksPlan(opencodeKit);
  // The provider said "Please try again in 3600s"; FORGE counts from the error line's own time.
  assert.ok(resets.length >= 1, String(resets));
  for (const at of resets) {
    assert.ok(
      at !== undefined && at >= before + 3_600_000 && at <= Date.now() + 3_600_000,
      String(at),
    );
  }
});

Deno.test("OpenCode failing on a 500 or a malformed stream: the worker fails, FORGE releases the bead", async () => {
  await checkFailuresReleaseBeads(opencodeKit);
});
