/**
 * The checks every real agent goes through, as functions the per-agent test files call: it works a
 * bead to closed with its own tool call and its usage lands in the store exactly; and a usage
 * limit parks its plan while the bead finishes on another worker.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../../helpers/forge_env.ts";
import { waitFor } from "../../helpers/wait.ts";
import {
  QUICK_SIM,
  readBeadStates,
  startForge,
  writeBeads,
  writeConfig,
} from "../../integration/_run.ts";
import type { AgentKit } from "./_agent_kit.ts";
import { outcomesByBead, setupAgents, storeRows, withWorkerLogs } from "./_agent_run.ts";
import { readCosts, sumsOf } from "./_costs.ts";
import { fail, ledgerBy, say, shell } from "./_scenario.ts";

/** USD per million tokens. */
export interface Price {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
}

/**
 * `forge run` with one bead and the agent: the agent runs the shell command the model asks for,
 * the bead gets closed, and `forge costs` shows exactly the tokens the server reported (and their
 * cost at `price`, the agent's own or FORGE's table).
 *
 * @param kit the agent
 * @param price the price the cost must follow
 */
export async function checkWorksBead(kit: AgentKit, price: Price): Promise<void> {
  await using sb = await forgeSandbox(kit.name);
  return await withWorkerLogs(sb, async () => {
    await using fleet = await setupAgents(sb, [{
      kit,
      scenarios: {
        "a-1": [
          shell(`echo made-by-${kit.name} > a-1.txt`, { input: 1200, output: 60, cacheRead: 300 }),
          say("Created a-1.txt.", { input: 1500, output: 25, cacheRead: 700 }),
        ],
      },
    }]);
    await writeConfig(sb, `max_workers: 1\nrouting: {workers: [${kit.name}]}\n`);
    await writeBeads(sb, [{ id: "a-1", priority: 0 }]);
    const run = startForge(sb, ["run", "--workspace", sb.workspace]);
    try {
      await run.waitForLine(/finish\s+\S+: completed/, 120_000);
    } finally {
      run.signal("SIGTERM");
    }
    assert.equal(await run.exited, 0);
    assert.equal((await readBeadStates(sb)).get("a-1")?.status, "closed");
    assert.equal(await Deno.readTextFile(join(sb.workspace, "a-1.txt")), `made-by-${kit.name}\n`);
    // The launcher kept the status file: the worker ended stopped, one task done, on its model.
    const statuses = [];
    for await (const e of Deno.readDir(join(sb.home, "status"))) {
      if (e.name.endsWith(".json")) {
        statuses.push(JSON.parse(await Deno.readTextFile(join(sb.home, "status", e.name))));
      }
    }
    assert.deepEqual(
      statuses.map((s) => [s.status, s.tasks_completed, s.model, s.launcher]),
      [["stopped", 1, kit.model, kit.name]],
    );
    const server = fleet.servers.get(kit.name);
    assert.deepEqual(
      server?.requests.filter((r) => r.beadId === "a-1" && r.served !== "side")
        .map((r) => r.served),
      [
        "shell",
        "text",
      ],
    );
    const ledger = server?.ledger ?? [];
    const byModel = await readCosts(sb, "model");
    assert.deepEqual(sumsOf(byModel), Object.fromEntries(ledgerBy(ledger, "model")));
    assert.deepEqual(
      sumsOf(await readCosts(sb, "bead")),
      Object.fromEntries(ledgerBy(ledger, "beadId")),
    );
    const t = { input: 2700, output: 85, cacheRead: 1000 };
    const usd = (t.input * price.input + t.output * price.output + t.cacheRead * price.cacheRead) /
      1e6;
    const cost = byModel.reduce((sum, r) => sum + r.cost_usd, 0);
    assert.ok(Math.abs(cost - usd) < 1e-6, `cost ${cost}, expected ${usd}`);
  });
}

/**
 * `forge run` where the agent's model answers with its usage limit: the worker ends rate-limited,
 * its plan is parked, and the bead is finished by the simulated worker instead.
 *
 * @param kit the agent
 * @returns the reset times FORGE read from the agent's output (epoch ms; undefined when none)
 */
export async function checkUsageLimitParksPlan(kit: AgentKit): Promise<(number | undefined)[]> {
  await using sb = await forgeSandbox(`${kit.name}-limit`);
  return await withWorkerLogs(sb, async () => {
    await using fleet = await setupAgents(sb, [{
      kit,
      scenarios: { "*": [fail("usage-limit", { resetSeconds: 3600 })] },
    }]);
    // A P0 bead scores standard first, so the agent (standard) is tried before sim (budget).
    const plan = `${kit.name}-plan`;
    await writeConfig(
      sb,
      [
        `routing: {workers: [${kit.name}, sim]}`,
        "scoring: {priority_points: [80, 60, 40, 20, 10]}",
        "subscriptions:",
        `  - {name: ${plan}, models: ["${kit.model}"], unit: unlimited}`,
        "",
      ].join("\n"),
    );
    await writeBeads(sb, [{ id: "u-1", priority: 0 }]);
    const run = startForge(sb, ["run", "--workspace", sb.workspace], QUICK_SIM);
    try {
      await run.waitForLine(/finish\s+\S+: completed/, 120_000);
    } finally {
      run.signal("SIGTERM");
    }
    assert.equal(await run.exited, 0);
    const served = fleet.servers.get(kit.name)?.requests.filter((r) =>
      r.beadId !== undefined && r.served !== "side"
    );
    assert.ok((served?.length ?? 0) > 0 && served?.every((r) => r.served === "usage-limit"));
    const tried = storeRows(sb, "SELECT model, plan, outcome FROM assignments ORDER BY id");
    assert.deepEqual(tried.map((r) => [r["model"], r["plan"], r["outcome"]]), [
      [kit.model, plan, "rate_limited"],
      ["sim", null, "completed"],
    ]);
    const alerts = storeRows(sb, "SELECT message FROM alerts WHERE kind = 'usage_limit'");
    assert.match(String(alerts[0]?.["message"]), new RegExp(`${plan} parked until`));
    assert.equal((await readBeadStates(sb)).get("u-1")?.status, "closed");
    return storeRows(sb, "SELECT detail FROM worker_events WHERE kind = 'rate_limit'").map((r) =>
      JSON.parse(String(r["detail"])).reset_at ?? undefined
    );
  });
}

/**
 * `forge run` where the model server answers one bead with HTTP 500 and another with a broken
 * stream (and, with `hang`, a third with a stream that never goes on): the agent gives up, the
 * launcher reports the failure, FORGE releases the beads; the hung worker is killed as stuck.
 *
 * @param kit the agent
 * @param options whether to include the hung server
 */
export async function checkFailuresReleaseBeads(
  kit: AgentKit,
  options: { readonly hang?: boolean } = {},
): Promise<void> {
  await using sb = await forgeSandbox(`${kit.name}-fail`);
  return await withWorkerLogs(sb, async () => {
    const beads = options.hang === true ? ["e-1", "m-1", "h-1"] : ["e-1", "m-1"];
    await using fleet = await setupAgents(sb, [{
      kit,
      scenarios: {
        "e-1": [fail("server-error")],
        "m-1": [fail("malformed")],
        "h-1": [fail("hang")],
      },
    }]);
    await writeConfig(
      sb,
      [
        `max_workers: ${beads.length}`,
        `routing: {workers: [${kit.name}]}`,
        // Failed beads wait a minute before a retry.
        "recovery: {restart_base_seconds: 60}",
        // With a hung server, a worker quiet on its bead for 20 s is stuck; the failing ones end well
        // before that, even on a loaded machine (Claude Code logs its retries as it goes).
        options.hang === true ? "health: {stuck_minutes: 0.33, starting_grace_minutes: 0}" : "",
        "",
      ].join("\n"),
    );
    await writeBeads(sb, beads.map((id) => ({ id, priority: 0 })));
    const run = startForge(sb, ["run", "--workspace", sb.workspace]);
    try {
      await waitFor(() => {
        const o = outcomesByBead(sb);
        return beads.every((b) => (o.get(b) ?? [null]).every((x) => x !== null));
      }, { timeoutMs: 120_000, what: `${beads.length} ended assignments` });
    } finally {
      run.signal("SIGTERM");
    }
    assert.equal(await run.exited, 0);
    const outcomes = outcomesByBead(sb);
    assert.deepEqual(
      beads.map((b) => outcomes.get(b)),
      beads.map((b) => [b === "h-1" ? "stuck" : "failed"]),
    );
    const states = await readBeadStates(sb);
    assert.deepEqual(beads.map((b) => states.get(b)?.status), beads.map(() => "open"));
    const served = new Set(fleet.servers.get(kit.name)?.requests.map((r) => r.served));
    assert.ok(served.has("server-error") && served.has("malformed"), [...served].join(","));
    const alerts = storeRows(sb, "SELECT kind FROM alerts WHERE kind LIKE 'worker_%'");
    assert.equal(alerts.length, beads.length, JSON.stringify(alerts));
  });
}
