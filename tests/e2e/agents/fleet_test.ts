/**
 * The proof that FORGE orchestrates real agents: `forge run` over six beads with two Claude Code
 * workers and one Codex, OpenCode and Gemini worker each, all real CLIs against scripted servers.
 * Codex hits a usage limit on its first bead: its plan is parked and the bead finishes elsewhere.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../../helpers/forge_env.ts";
import { waitFor } from "../../helpers/wait.ts";
import { readBeadStates, startForge, writeBeads, writeConfig } from "../../integration/_run.ts";
import { setupAgents, storeRows, withWorkerLogs } from "./_agent_run.ts";
import { claudeCodeKit } from "./_kit_claude_code.ts";
import { codexKit } from "./_kit_codex.ts";
import { geminiKit } from "./_kit_gemini.ts";
import { opencodeKit } from "./_kit_opencode.ts";
import { fail, ledgerBy, say, type ScriptedStep, shell } from "./_scenario.ts";
import { readCosts, sumsOf } from "./_costs.ts";

const BEADS = ["f-1", "f-2", "f-3", "f-4", "f-5", "f-6"];

/** The work every agent does on a bead: write a file that names it, then say so. */
function work(agent: string, closeItself = false) {
  return (bead: string, _order: number): ScriptedStep[] => {
    const close = closeItself
      ? ` && "$FORGE_BIN" bead close ${bead} --workspace "$FORGE_WORKSPACE" --reason "closed by the agent"`
      : "";
    return [
      shell(`echo ${agent} > ${bead}.txt${close}`, {
        input: 1000 + bead.length,
        output: 40,
        cacheRead: 200,
      }),
      say(`${bead} done.`, { input: 1300, output: 12 }),
    ];
  };
}

Deno.test("forge run finishes six beads with real Claude Code, Codex, OpenCode and Gemini workers", async () => {
  await using sb = await forgeSandbox("fleet");
  await withWorkerLogs(sb, async () => {
    await using fleet = await setupAgents(sb, [
      { kit: claudeCodeKit, scenarios: work("claude-code", true) },
      {
        kit: codexKit,
        // The first bead Codex gets hits the plan's usage limit; the plan resets in an hour.
        scenarios: (bead, order) =>
          order === 0 ? [fail("usage-limit", { resetSeconds: 3600 })] : work("codex")(bead, order),
      },
      { kit: opencodeKit, scenarios: work("opencode"), config: { max_workers: 1 } },
      { kit: geminiKit, scenarios: work("gemini") },
    ]);
    await writeConfig(
      sb,
      [
        "max_workers: 5",
        "routing: {workers: [claude-code, codex, gemini, opencode]}",
        "subscriptions:",
        "  - {name: claude-max, models: [sonnet], unit: unlimited, max_workers: 2}",
        "  - {name: chatgpt-plus, models: [gpt-5.5], unit: unlimited, max_workers: 1}",
        "  - {name: gemini-plan, models: [gemini-2.5-pro], unit: unlimited, max_workers: 1}",
        "",
      ].join("\n"),
    );
    await writeBeads(sb, BEADS.map((id) => ({ id, priority: 0 })));
    const run = startForge(sb, ["run", "--workspace", sb.workspace]);
    try {
      await waitFor(
        async () => [...(await readBeadStates(sb)).values()].every((b) => b.status === "closed"),
        { timeoutMs: 240_000, what: "every bead closed" },
      );
      await waitFor(() => run.lines.filter((l) => /finish\s+\S+: completed/.test(l)).length === 6, {
        timeoutMs: 60_000,
        what: "six completed workers",
      });
    } finally {
      run.signal("SIGTERM");
    }
    assert.equal(await run.exited, 0);

    // Every bead's file exists and names the agent that did the work.
    const doneBy = new Map<string, string>();
    for (const id of BEADS) {
      doneBy.set(id, (await Deno.readTextFile(join(sb.workspace, `${id}.txt`))).trim());
    }
    const agents = new Set(doneBy.values());
    for (const a of ["claude-code", "opencode", "gemini"]) {
      assert.ok(agents.has(a), `${a} did a bead`);
    }

    // Codex's bead hit the usage limit, and another agent finished it.
    const codex = fleet.servers.get("codex");
    const limited = codex?.requests.find((r) => r.served === "usage-limit")?.beadId;
    assert.ok(limited !== undefined, "codex hit the usage limit");
    assert.notEqual(doneBy.get(limited), "codex");
    const alerts = JSON.parse((await sb.forge(["alerts", "--json"])).stdout);
    const park = (alerts.alerts ?? alerts).find((a: { kind?: string; alert?: string }) =>
      (a.kind ?? a.alert) === "usage_limit"
    );
    assert.match(park?.message ?? "", /chatgpt-plus parked until/);

    // Closed by the agent's own tool call (Claude Code) or by the launcher after a clean exit.
    const reasons = await closeReasons(join(sb.workspace, ".beads", "issues.jsonl"));
    for (const [id, agent] of doneBy) {
      assert.match(
        reasons.get(id) ?? "",
        agent === "claude-code" ? /closed by the agent/ : /Completed by /,
        `${id} (${agent})`,
      );
    }

    // Tokens by model and by bead are exactly what the servers reported.
    const ledger = [...fleet.servers.values()].flatMap((s) => s.ledger);
    assert.deepEqual(
      sumsOf(await readCosts(sb, "model")),
      Object.fromEntries(ledgerBy(ledger, "model")),
    );
    assert.deepEqual(
      sumsOf(await readCosts(sb, "bead")),
      Object.fromEntries(ledgerBy(ledger, "beadId")),
    );
    // Each worker worked one bead; the one stopped by the usage limit spent nothing.
    const byBead = ledgerBy(ledger, "beadId");
    const workers = storeRows(
      sb,
      "SELECT worker_id, bead_id FROM assignments WHERE outcome = 'completed'",
    );
    assert.deepEqual(
      sumsOf(await readCosts(sb, "worker")),
      Object.fromEntries(workers.map((w) => [w["worker_id"], byBead.get(String(w["bead_id"]))])),
    );
  });
});

async function closeReasons(path: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const line of (await Deno.readTextFile(path)).split("\n")) {
    if (line.trim() === "") continue;
    const o = JSON.parse(line);
    out.set(o.id, o.close_reason ?? "");
  }
  return out;
}
