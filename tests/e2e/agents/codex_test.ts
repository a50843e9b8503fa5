import assert from "node:assert/strict";
import {
  checkFailuresReleaseBeads,
  checkUsageLimitParksPlan,
  checkWorksBead,
} from "./_agent_checks.ts";
import { codexKit } from "./_kit_codex.ts";

/** The price in the shipped codex worker config (USD per million): Codex reports no cost. */
const GPT_55 = { input: 1.25, output: 10, cacheRead: 0.125 };

Deno.test("forge run drives the real Codex CLI through a bead: tool call, file, bead closed, usage exact", async () => {
  await checkWorksBead(codexKit, GPT_55);
});

Deno.test("Codex at its usage limit: the plan is parked until the time Codex names, the bead finishes elsewhere", async () => {
  const before = Date.now();
  const resets = await checkUsageLimitParksPlan(codexKit);
  // The server said 3600 s; Codex prints the minute ("try again at 4:49 AM"), FORGE parks to its end.
  assert.ok(resets.length >= 1, String(resets));
  for (const at of resets) {
    assert.ok(
      at !== undefined && at >= before + 3_540_000 && at <= Date.now() + 3_660_000,
      String(at),
    );
  }
});

Deno.test("Codex failing on a 500 or a malformed stream: the worker fails, FORGE releases the bead", async () => {
  await checkFailuresReleaseBeads(codexKit);
});
