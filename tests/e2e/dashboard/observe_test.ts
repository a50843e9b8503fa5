/**
 * The dashboard as an observer, for real in tmux: a second `forge` on a FORGE home whose
 * orchestrator runs elsewhere attaches read-only; and the overview of a fixed fleet at 199×55,
 * captured from the pane, is kept as a golden "screenshot" (clock masked).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type ForgeSandbox, forgeSandbox } from "../../helpers/forge_env.ts";
import { openPane } from "./_pane.ts";

const GOLDEN = new URL("../../golden/dashboard/capture-overview-199x55.txt", import.meta.url);

const TITLES = [
  "Rotate API signing keys without downtime",
  "Support SSO with OIDC",
  "Flaky test: scheduler drift under load",
  "Add rate limiting to the public API",
  "Cache compiled templates",
  "Document the release process",
  "Dark mode for the status page",
  "Typo sweep in onboarding emails",
];

async function writeFleet(sb: ForgeSandbox, sleeperPid: number): Promise<void> {
  const now = Date.now();
  const day = 86_400_000;
  const beads = TITLES.map((title, i) =>
    JSON.stringify({
      id: `cap-${i + 1}`,
      title,
      status: i < 2 ? "in_progress" : "open",
      priority: i % 4,
      issue_type: "task",
      assignee: i === 0 ? "sonnet-alpha" : i === 1 ? "opus-bravo" : undefined,
      created_at: new Date(now - 3 * day).toISOString(),
      dependencies: i === 7 ? [{ depends_on_id: "cap-3", type: "blocks" }] : [],
    })
  );
  await Deno.mkdir(join(sb.workspace, ".beads"), { recursive: true });
  await Deno.writeTextFile(join(sb.workspace, ".beads", "issues.jsonl"), beads.join("\n") + "\n");
  await Deno.mkdir(join(sb.home, "status"), { recursive: true });
  const workers = [
    ["sonnet-alpha", "active", "claude-sonnet-4-5", "cap-1"],
    ["opus-bravo", "active", "claude-opus-4-1", "cap-2"],
    ["haiku-charlie", "idle", "claude-haiku-4-5", null],
  ] as const;
  await Deno.mkdir(join(sb.home, "logs"), { recursive: true });
  // Usage a few seconds ago, so today's costs, the per-model table and the activity log have
  // rows (the capture masks clock times).
  for (const [i, [id, , model, task]] of workers.entries()) {
    const at = new Date(now - 5_000 + i * 1000).toISOString();
    const line = {
      timestamp: at,
      level: "info",
      worker_id: id,
      event: "api_call",
      message: `model call on ${task ?? "nothing"}`,
      model,
      bead_id: task,
      tokens: { input: 12_000 * (i + 1), output: 900, cache_read: 0, cache_write: 0 },
      cost_usd: [0.0495, 0.2475, 0.0129][i],
    };
    await Deno.writeTextFile(join(sb.home, "logs", `${id}.log`), JSON.stringify(line) + "\n");
  }
  for (const [id, state, model, task] of workers) {
    await Deno.writeTextFile(
      join(sb.home, "status", `${id}.json`),
      JSON.stringify({
        worker_id: id,
        status: state,
        model,
        workspace: sb.workspace,
        pid: sleeperPid,
        started_at: new Date(now - 2 * 3_600_000).toISOString(),
        last_activity: new Date(now).toISOString(),
        current_task: task,
        tasks_completed: 0,
      }),
    );
  }
}

/**
 * Clock times, the month-end projection (it depends on the day of the month) and the 24-hour
 * sparkline (its last bar moves at the hour) change from run to run; the rest must not.
 */
function normalize(screen: string): string {
  return screen.split("\n").map((l) =>
    l.replace(/\d\d:\d\d:\d\d/g, "hh:mm:ss")
      .replace(
        /Month-end \$[\d.]+ projected \(\$[\d.]+ billed/,
        "Month-end $#.## projected ($#.## billed",
      )
      .replace(/24 h [▁▂▃▄▅▆▇█]+/, (m) => m.replace(/[▁▂▃▄▅▆▇█]/g, "▁"))
      .trimEnd()
  ).join("\n").trimEnd() + "\n";
}

Deno.test({
  name: "dashboard e2e: a second forge attaches read-only to the running orchestrator",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using sb = await forgeSandbox("dashobs");
    await Deno.mkdir(join(sb.workspace, ".beads"), { recursive: true });
    await Deno.writeTextFile(join(sb.workspace, ".beads", "issues.jsonl"), "");
    const engine = await openPane(sb, { args: ["run"], width: 120, height: 30 });
    await engine.waitFor("orchestrating", 60_000);
    const pane = await openPane(sb, { args: [], width: 120, height: 40 });
    await pane.waitFor("observing (read-only)", 60_000);
    await pane.keys("n");
    await pane.waitFor(/read-only/);
    await pane.keys("q");
    assert.match(await pane.waitForExit(), /FORGE-EXIT=0/);
    assert.ok(!(await engine.capture()).includes("FORGE-EXIT"), "the orchestrator still runs");
  },
});

Deno.test({
  name: "dashboard e2e: the overview of a fixed fleet at 199×55 matches its golden capture",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using sb = await forgeSandbox("dashcap");
    const sleeper = new Deno.Command("sleep", { args: ["600"] }).spawn();
    try {
      await writeFleet(sb, sleeper.pid);
      const ingest = await sb.forge(["costs"]);
      assert.equal(ingest.code, 0, ingest.stderr);
      const pane = await openPane(sb, { args: ["--observe"], width: 199, height: 55 });
      const screen = normalize(await pane.waitFor("haiku-charlie", 60_000));
      if (Deno.env.get("FORGE_UPDATE_GOLDEN") === "1") await Deno.writeTextFile(GOLDEN, screen);
      assert.equal(screen, await Deno.readTextFile(GOLDEN));
      await pane.keys("q");
      assert.match(await pane.waitForExit(), /FORGE-EXIT=0/);
    } finally {
      sleeper.kill();
      await sleeper.status;
    }
  },
});
