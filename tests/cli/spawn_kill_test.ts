import assert from "node:assert/strict";
import { waitFor } from "../helpers/wait.ts";
import {
  isRunning,
  listWorkers,
  logSize,
  readStatus,
  sandboxPids,
  spawnSim,
  workerSandbox,
} from "./_workers.ts";

Deno.test("forge spawn starts three sim workers whose logs grow, and forge kill --all --yes ends them", async (t) => {
  await using sb = await workerSandbox("spawnkill");
  const started = await spawnSim(sb, 3);
  const ids = started.map((w) => w.id);
  assert.equal(new Set(ids).size, 3);

  await t.step("forge workers --json shows all three alive", async () => {
    const workers = await listWorkers(sb);
    assert.deepEqual(workers.map((w) => w["id"]).sort(), [...ids].sort());
    for (const w of workers) {
      assert.equal(w["alive"], true);
      assert.equal(w["model"], "sim");
      assert.ok(["active", "idle"].includes(String(w["status"])), String(w["status"]));
      assert.equal(w["health"], "healthy");
      assert.equal(w["pid"], started.find((s) => s.id === w["id"])?.pid);
      assert.ok(Number.isInteger(w["uptime_seconds"]) && Number(w["uptime_seconds"]) >= 0);
    }
  });

  await t.step("their logs grow", async () => {
    for (const id of ids) {
      const before = await logSize(sb, id);
      assert.ok(before > 0, `${id} has an empty log`);
      await waitFor(async () => (await logSize(sb, id)) > before, { what: `${id}'s log to grow` });
    }
  });

  await t.step(
    "kill --all without --yes and without a terminal refuses and kills nothing",
    async () => {
      const run = await sb.forge(["kill", "--all"]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /without confirmation/);
      assert.match(run.stderr, /--yes/);
      assert.equal((await listWorkers(sb)).filter((w) => w["alive"] === true).length, 3);
      for (const { pid } of started) assert.ok(await isRunning(pid));
    },
  );

  await t.step("kill --all --yes stops every worker, its session and its processes", async () => {
    const run = await sb.forge(["kill", "--all", "--yes"]);
    assert.equal(run.code, 0, run.stderr);
    for (const id of ids) assert.match(run.stdout, new RegExp(`✓ ${id}: killed\\n`));
    assert.deepEqual(await listWorkers(sb), []);
    const all = await listWorkers(sb, true);
    assert.deepEqual(
      all.map((w) => [w["id"], w["status"], w["alive"]]).sort(),
      [
        ...ids.map((id) => [id, "stopped", false]),
      ].sort(),
    );
    for (const id of ids) {
      const status = await readStatus(sb, id);
      assert.equal(status["status"], "stopped");
      assert.equal(typeof status["stopped_at"], "string");
    }
    const sessions = await sb.tmux(["list-sessions", "-F", "#{session_name}"]);
    for (const id of ids) assert.doesNotMatch(sessions.stdout, new RegExp(`^${id}$`, "m"));
    await waitFor(async () => (await sandboxPids(sb)).length === 0, {
      what: "every worker process and the tmux server to end",
    });
  });
});
