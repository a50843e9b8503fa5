import assert from "node:assert/strict";
import { join } from "node:path";
import { Store } from "../../src/store/mod.ts";
import { forgeSandbox } from "../helpers/forge_env.ts";
import type { ForgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { QUICK_SIM, readBeadStates, startForge, writeBeads, writeConfig } from "./_run.ts";

// Long enough that the workers are still at work after the first run stopped, on a slow machine too.
const SLOW_SIM = { ...QUICK_SIM, SIM_WORK_SECONDS: "20" };

/** Waits until a worker says it is at work (its signal traps are set by then). */
async function untilActive(sb: ForgeSandbox, workerId: string): Promise<void> {
  await waitFor(async () => {
    const text = await Deno.readTextFile(join(sb.home, "status", `${workerId}.json`))
      .catch(() => "");
    return /"status": *"active"/.test(text);
  }, { what: `${workerId} at work` });
}

function startedIds(lines: readonly string[]): string[] {
  return lines.flatMap((l) => /start\s+(\S+) on /.exec(l)?.[1] ?? []);
}

function assignmentCounts(sb: ForgeSandbox): [string, number][] {
  const store = Store.open(join(sb.home, "forge.db"));
  try {
    const rows = store.statement(
      "SELECT bead_id, count(*) AS n FROM assignments GROUP BY bead_id ORDER BY bead_id",
    ).all() as { bead_id: string; n: number }[];
    return rows.map((r) => [r.bead_id, Number(r.n)]);
  } finally {
    store.close();
  }
}

Deno.test("stopping forge run leaves its workers at work; the next run adopts them instead of starting others", async () => {
  await using sb = await forgeSandbox("adopt");
  await writeConfig(sb, "max_workers: 2\nrouting: {workers: [sim]}\n");
  await writeBeads(sb, [{ id: "a-1" }, { id: "a-2" }]);
  const first = startForge(sb, ["run", "--workspace", sb.workspace], SLOW_SIM);
  let ids: string[] = [];
  try {
    await waitFor(() => startedIds(first.lines).length === 2, { what: "two starts" });
    ids = startedIds(first.lines);
    for (const id of ids) await untilActive(sb, id);
  } finally {
    first.signal("SIGTERM");
  }
  assert.equal(await first.exited, 0);
  assert.ok(
    first.lines.some((l) => /left 2 workers running/.test(l)),
    first.lines.join("\n"),
  );
  for (const id of ids) {
    assert.equal((await sb.tmux(["has-session", "-t", `=${id}`])).code, 0, `${id} still runs`);
  }
  const second = startForge(sb, ["run", "--workspace", sb.workspace], SLOW_SIM);
  try {
    for (const id of ids) {
      await second.waitForLine(new RegExp(`finish\\s+${id}: completed`), 60_000);
    }
  } finally {
    second.signal("SIGTERM");
  }
  assert.equal(await second.exited, 0);
  assert.deepEqual(startedIds(second.lines), [], "nothing started twice");
  const states = await readBeadStates(sb);
  assert.deepEqual([states.get("a-1")?.status, states.get("a-2")?.status], ["closed", "closed"]);
  assert.deepEqual(assignmentCounts(sb), [["a-1", 1], ["a-2", 1]]);
});

Deno.test("forge run --drain starts nothing new after the signal and exits when its workers are done", async () => {
  await using sb = await forgeSandbox("drain");
  await writeConfig(sb, "max_workers: 1\nrouting: {workers: [sim]}\n");
  await writeBeads(sb, [{ id: "d-1" }, { id: "d-2" }]);
  const run = startForge(sb, ["run", "--drain", "--workspace", sb.workspace], {
    ...QUICK_SIM,
    SIM_WORK_SECONDS: "4",
  });
  const [id] = await waitFor(() => {
    const started = startedIds(run.lines);
    return started.length > 0 ? started : undefined;
  }, { what: "a start" });
  await untilActive(sb, id!);
  run.signal("SIGTERM");
  await run.waitForLine(/draining: waiting for running beads/);
  assert.equal(await run.exited, 0);
  assert.ok(run.lines.some((l) => new RegExp(`finish\\s+${id}: completed`).test(l)));
  assert.equal(startedIds(run.lines).length, 1, "the second bead was not started");
  const states = await readBeadStates(sb);
  const statuses = [...states.values()].map((b) => b.status).sort();
  assert.deepEqual(statuses, ["closed", "open"]);
});

Deno.test("a bead left in progress by a worker that died while no orchestrator ran is given back and finished", async () => {
  await using sb = await forgeSandbox("orphan");
  await writeConfig(
    sb,
    "max_workers: 1\nrouting: {workers: [sim]}\nrecovery: {restart_base_seconds: 1}\n",
  );
  await writeBeads(sb, [{ id: "o-1" }]);
  const first = startForge(sb, ["run", "--workspace", sb.workspace], SLOW_SIM);
  let id = "";
  try {
    id = (await waitFor(() => startedIds(first.lines)[0], { what: "a start" }))!;
    await untilActive(sb, id);
  } finally {
    first.signal("SIGTERM");
  }
  assert.equal(await first.exited, 0);
  // The worker dies with nobody watching: its bead stays in progress, assigned to it.
  await sb.tmux(["kill-session", "-t", `=${id}`]);
  await waitFor(async () => {
    const text = await Deno.readTextFile(join(sb.home, "status", `${id}.json`));
    return /"status": *"stopped"/.test(text);
  }, { what: "the worker stopped" });
  assert.equal((await readBeadStates(sb)).get("o-1")?.assignee, id);
  const second = startForge(sb, ["run", "--workspace", sb.workspace], QUICK_SIM);
  try {
    await second.waitForLine(new RegExp(`release o-1: ${id} is gone`));
    await second.waitForLine(/alert\s+\[info\] o-1 was held by .* FORGE put it back/);
    await waitFor(async () => (await readBeadStates(sb)).get("o-1")?.status === "closed", {
      timeoutMs: 60_000,
      what: "o-1 closed by a new worker",
    });
  } finally {
    second.signal("SIGTERM");
  }
  assert.equal(await second.exited, 0);
  assert.notEqual((await readBeadStates(sb)).get("o-1")?.assignee, id);
});

Deno.test("a usage limit parks the plan; the bead goes to a pay-per-token model at once, without a failure", async () => {
  await using sb = await forgeSandbox("limit");
  await Deno.mkdir(join(sb.home, "workers"), { recursive: true });
  await Deno.writeTextFile(
    join(sb.home, "workers", "capped.yaml"),
    "name: capped\nlauncher: sim\nmodel: sim-max\ntier: budget\n" +
      "environment: {SIM_LIMIT_PCT: '100', SIM_LIMIT_RESET_SECONDS: '3600'}\n",
  );
  await writeConfig(
    sb,
    "max_workers: 1\nrouting: {workers: [capped, sim]}\n" +
      "subscriptions: [{name: max-plan, models: [sim-max], unit: unlimited}]\n",
  );
  await writeBeads(sb, [{ id: "u-1" }]);
  const run = startForge(sb, ["run", "--workspace", sb.workspace], QUICK_SIM);
  try {
    const planned = await run.waitForLine(/start\s+\S+ on u-1 .*max-plan/);
    const planWorker = /start\s+(\S+)/.exec(planned)?.[1] as string;
    await run.waitForLine(/alert\s+\[warning\] .* usage limit on max-plan; max-plan parked until/);
    await run.waitForLine(new RegExp(`finish\\s+${planWorker}: rate_limited`));
    const paid = await run.waitForLine(/start\s+\S+ on u-1 .*pay-per-token/);
    assert.ok(run.lines.indexOf(paid) > run.lines.indexOf(planned));
    await waitFor(async () => (await readBeadStates(sb)).get("u-1")?.status === "closed", {
      timeoutMs: 60_000,
      what: "u-1 closed on the pay-per-token model",
    });
    assert.ok(!run.lines.some((l) => /retry in/.test(l)), "a usage limit is not a failure");
  } finally {
    run.signal("SIGTERM");
  }
  assert.equal(await run.exited, 0);
});
