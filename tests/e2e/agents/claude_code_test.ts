import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../../helpers/forge_env.ts";
import { startForge, writeBeads, writeConfig } from "../../integration/_run.ts";
import { setupAgents, storeRows, withWorkerLogs } from "./_agent_run.ts";
import { claudeCodeKit } from "./_kit_claude_code.ts";
import { fail, say, shell } from "./_scenario.ts";
import {
  checkFailuresReleaseBeads,
  checkUsageLimitParksPlan,
  checkWorksBead,
} from "./_agent_checks.ts";

/** Claude Code 2.1's own list price for claude-sonnet-5-5 (USD per million), which FORGE keeps. */
const SONNET = { input: 2, output: 10, cacheRead: 0.1 };

Deno.test("forge run drives the real Claude Code through a bead: tool call, file, bead closed, usage exact", async () => {
  await checkWorksBead(claudeCodeKit, SONNET);
});

Deno.test("a 429 Claude Code retries is a rate limit: the plan is parked until the retry, the bead still finishes", async () => {
  await using sb = await forgeSandbox("claude429");
  await withWorkerLogs(sb, async () => {
    await using fleet = await setupAgents(sb, [{
      kit: claudeCodeKit,
      scenarios: {
        "r-1": [
          fail("rate-limit", { resetSeconds: 1, times: 1 }),
          shell("echo after-retry > r-1.txt", { input: 100, output: 10 }),
          say("Done.", { input: 120, output: 5 }),
        ],
      },
    }]);
    await writeConfig(
      sb,
      "routing: {workers: [claude-code]}\nsubscriptions:\n  - {name: claude-max, models: [sonnet], unit: unlimited}\n",
    );
    await writeBeads(sb, [{ id: "r-1", priority: 0 }]);
    const run = startForge(sb, ["run", "--workspace", sb.workspace]);
    try {
      await run.waitForLine(/finish\s+\S+: completed/, 90_000);
    } finally {
      run.signal("SIGTERM");
    }
    assert.equal(await run.exited, 0);
    assert.equal(await Deno.readTextFile(join(sb.workspace, "r-1.txt")), "after-retry\n");
    assert.deepEqual(fleet.servers.get("claude-code")?.requests.map((r) => r.served), [
      "rate-limit",
      "shell",
      "text",
    ]);
    const limits = storeRows(sb, "SELECT detail FROM worker_events WHERE kind = 'rate_limit'")
      .map((r) => JSON.parse(String(r["detail"])));
    assert.equal(limits.length, 1);
    assert.equal(limits[0].retrying, true);
    assert.match(limits[0].message, /API retry 1\/2: rate_limit \(HTTP 429\)/);
    const alerts = storeRows(sb, "SELECT message FROM alerts WHERE kind = 'usage_limit'");
    assert.match(String(alerts[0]?.["message"]), /claude-max parked until/);
  });
});

Deno.test("Claude Code at a usage limit: its plan is parked and the bead finishes on another worker", async () => {
  // The message names no reset time: FORGE parks the plan for recovery.park_minutes.
  const resets = await checkUsageLimitParksPlan(claudeCodeKit);
  assert.ok(resets.length >= 1 && resets.every((at) => at === undefined), String(resets));
});

Deno.test("Claude Code failing on a 500, a malformed stream or a hung server: beads released, the hung worker killed as stuck", async () => {
  await checkFailuresReleaseBeads(claudeCodeKit, { hang: true });
});
