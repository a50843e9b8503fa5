/**
 * Acting from the dashboard for real: `n` spawns a worker, the command line spawns three after a
 * confirmation, `x` kills the selected one, and each shows up in the workers list and in the
 * audit trail: keys as done through the dashboard, the typed line as done through chat.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../../helpers/forge_env.ts";
import { waitFor } from "../../helpers/wait.ts";
import { openPane } from "./_pane.ts";

Deno.test({
  name: "dashboard e2e: spawning and killing from the keys and the command line",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using sb = await forgeSandbox("dashspawn");
    try {
      await Deno.mkdir(join(sb.workspace, ".beads"), { recursive: true });
      await Deno.writeTextFile(join(sb.workspace, ".beads", "issues.jsonl"), "");
      const pane = await openPane(sb, { args: [], width: 150, height: 40 });
      await pane.waitFor("━ Workers ━", 60_000);
      await pane.keys("n");
      await pane.waitFor(/spawned sim-alpha/, 60_000);
      await pane.waitFor(/● sim-alpha/, 30_000);

      await pane.keys(":");
      await pane.type("spawn sim 3");
      await pane.keys("Enter");
      await pane.waitFor("(y/n)");
      await pane.keys("y");
      await pane.waitFor(/spawned sim-\w+, sim-\w+, sim-\w+/, 60_000);
      // Esc and a letter in one write read as Alt+letter, as in any terminal: two writes.
      await pane.keys("Escape");
      await pane.waitFor(/━ (Overview|Workers) ━|Task queue/);
      await pane.keys("w");
      await pane.waitFor(/● sim-delta/, 30_000);

      await pane.keys("Home", "x");
      await pane.waitFor(/y\/Enter yes/);
      await pane.keys("y");
      await pane.waitFor(/killed sim-alpha/, 30_000);
      await pane.keys("q");
      const after = await pane.waitForExit(60_000);
      assert.match(after, /FORGE-EXIT=0/);

      const audit = await sb.forge(["audit", "--json"]);
      assert.equal(audit.code, 0, audit.stderr);
      const entries = JSON.parse(audit.stdout).entries as { action: string; interface: string }[];
      const via = (name: string) =>
        entries.filter((e) => e.interface === name).map((e) => e.action);
      assert.ok(via("tui").includes("spawn"), JSON.stringify(entries));
      assert.ok(via("tui").includes("kill"), JSON.stringify(entries));
      // Typed on the command line, the spawn went through chat.
      assert.ok(via("chat").includes("spawn"), JSON.stringify(entries));
    } finally {
      await sb.forge(["kill", "--all", "--yes"]);
      await waitFor(async () => (await sb.tmux(["ls"])).stdout.includes("sim-") === false, {
        what: "the workers' tmux sessions to end",
        timeoutMs: 30_000,
      }).catch(() => {});
    }
  },
});
