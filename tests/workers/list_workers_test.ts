import assert from "node:assert/strict";
import { join } from "node:path";
import { type Clock, DEFAULT_HEALTH_THRESHOLDS, homeLayout } from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { listWorkers, readAllStatuses } from "../../src/workers/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { tmuxSandbox } from "./_tmux_sandbox.ts";

const MIN = 60_000;

function fixedClock(now: number): Clock {
  return { now: () => now, sleep: () => Promise.resolve() };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

async function writeStatus(dir: string, name: string, body: unknown): Promise<void> {
  await Deno.writeTextFile(
    join(dir, name),
    typeof body === "string" ? body : JSON.stringify(body),
  );
}

/** A pid that existed and is gone now. */
async function deadPid(): Promise<number> {
  const child = new Deno.Command("true", { stdout: "null", stderr: "null" }).spawn();
  await child.status;
  return child.pid;
}

Deno.test("readAllStatuses() reads *.json named after worker ids, in id order", async () => {
  await using dir = await tempDir();
  const layout = homeLayout(dir.path);
  await Deno.mkdir(layout.status, { recursive: true });
  await writeStatus(layout.status, "zeta.json", { worker_id: "zeta", status: "idle" });
  await writeStatus(layout.status, "alpha.json", { worker_id: "alpha", status: "active" });
  await writeStatus(layout.status, "broken.json", "{");
  for (
    const ignored of ["bad name.json", ".hidden.json", "forge.json", "notes.txt", "a.json.tmp"]
  ) {
    await writeStatus(layout.status, ignored, { status: "idle" });
  }
  await Deno.mkdir(join(layout.status, "folder.json"));
  const statuses = await readAllStatuses({ fs: denoFs, layout });
  assert.deepEqual(statuses.map((s) => [s.workerId, s.state]), [
    ["alpha", "active"],
    ["broken", "error"],
    ["zeta", "idle"],
  ]);
});

Deno.test("readAllStatuses() returns nothing when the status folder does not exist", async () => {
  await using dir = await tempDir();
  assert.deepEqual(await readAllStatuses({ fs: denoFs, layout: homeLayout(dir.path) }), []);
});

Deno.test("listWorkers() combines status files with tmux sessions, pids and log activity", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const layout = homeLayout(dir.path);
  await Deno.mkdir(layout.status, { recursive: true });
  await Deno.mkdir(layout.logs, { recursive: true });
  const now = Date.now();
  const sleeper = new Deno.Command("sleep", { args: ["300"], stdout: "null", stderr: "null" })
    .spawn();
  try {
    const gone = await deadPid();
    assert.equal((await sandbox.tmux(["new-session", "-d", "-s", "in-tmux", "sleep 300"])).code, 0);
    assert.equal((await sandbox.tmux(["new-session", "-d", "-s", "quiet", "sleep 300"])).code, 0);
    assert.equal((await sandbox.tmux(["new-session", "-d", "-s", "logging", "sleep 300"])).code, 0);
    const s = layout.status;
    await writeStatus(s, "in-tmux.json", {
      worker_id: "in-tmux",
      status: "active",
      started_at: iso(now - 10 * MIN),
      last_activity: iso(now - MIN),
    });
    await writeStatus(s, "by-pid.json", { worker_id: "by-pid", status: "idle", pid: sleeper.pid });
    await writeStatus(s, "gone.json", { worker_id: "gone", status: "active", pid: gone });
    await writeStatus(s, "no-pid.json", { worker_id: "no-pid", status: "idle" });
    await writeStatus(s, "broken.json", '{"worker_id": "broken", "status": "act');
    await writeStatus(s, "done.json", { worker_id: "done", status: "stopped" });
    await writeStatus(s, "quiet.json", {
      worker_id: "quiet",
      status: "idle",
      last_activity: iso(now - 20 * MIN),
    });
    await writeStatus(s, "logging.json", {
      worker_id: "logging",
      status: "idle",
      last_activity: iso(now - 20 * MIN),
    });
    const log = join(layout.logs, "logging.log");
    await Deno.writeTextFile(log, "{}\n");
    await Deno.utime(log, new Date(now - 2 * MIN), new Date(now - 2 * MIN));

    const views = await listWorkers({
      fs: denoFs,
      processes: sandbox.processes,
      clock: fixedClock(now),
      layout,
    });
    assert.deepEqual(
      views.map((v) => [v.id, v.status.state, v.liveness, v.health, v.healthReason]),
      [
        ["broken", "error", "dead", "dead", "status file unreadable"],
        ["by-pid", "idle", "alive", "healthy", undefined],
        ["done", "stopped", "dead", "dead", "stopped"],
        ["gone", "active", "dead", "dead", "process gone"],
        ["in-tmux", "active", "alive", "healthy", undefined],
        ["logging", "idle", "alive", "healthy", undefined],
        ["no-pid", "idle", "dead", "dead", "process gone"],
        ["quiet", "idle", "alive", "degraded", "no activity for 20 min"],
      ],
    );
    const byId = new Map(views.map((v) => [v.id as string, v]));
    assert.equal(byId.get("in-tmux")?.uptimeMs, 10 * MIN);
    assert.equal(byId.get("gone")?.uptimeMs, undefined, "no uptime for a dead worker");
    assert.equal(byId.get("by-pid")?.status.pid, sleeper.pid);
    assert.equal(
      byId.get("broken")?.status.error?.startsWith("status file is not valid JSON"),
      true,
    );
  } finally {
    sleeper.kill("SIGKILL");
    await sleeper.status;
  }
});

Deno.test("listWorkers() applies the given health thresholds", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const layout = homeLayout(dir.path);
  await Deno.mkdir(layout.status, { recursive: true });
  const now = Date.now();
  assert.equal((await sandbox.tmux(["new-session", "-d", "-s", "w1", "sleep 300"])).code, 0);
  await writeStatus(layout.status, "w1.json", {
    worker_id: "w1",
    status: "idle",
    last_activity: iso(now - 3 * MIN),
  });
  const options = { fs: denoFs, processes: sandbox.processes, clock: fixedClock(now), layout };
  assert.equal((await listWorkers(options))[0]?.health, "healthy");
  const strict = { ...DEFAULT_HEALTH_THRESHOLDS, staleMs: 2 * MIN };
  assert.deepEqual(
    (await listWorkers({ ...options, thresholds: strict })).map((v) => [v.health, v.healthReason]),
    [["degraded", "no activity for 3 min"]],
  );
});

Deno.test("listWorkers() lists nothing for an empty FORGE home", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  assert.deepEqual(
    await listWorkers({
      fs: denoFs,
      processes: sandbox.processes,
      clock: fixedClock(Date.now()),
      layout: homeLayout(dir.path),
    }),
    [],
  );
});

Deno.test("listWorkers() takes the last status a worker wrote before exiting over an older read", async () => {
  await using dir = await tempDir();
  await using tmux = await tmuxSandbox();
  const layout = homeLayout(dir.path);
  await Deno.mkdir(layout.status, { recursive: true });
  const pid = await deadPid();
  const status = { worker_id: "exiting", status: "active", pid, current_task: "b-1" };
  await writeStatus(layout.status, "exiting.json", status);
  const older = await readAllStatuses({ fs: denoFs, layout });
  // Between that read and the liveness check, the worker wrote "failed" and exited.
  await writeStatus(layout.status, "exiting.json", { ...status, status: "failed" });
  const [view] = await listWorkers({
    fs: denoFs,
    processes: tmux.processes,
    clock: fixedClock(Date.now()),
    layout,
    thresholds: DEFAULT_HEALTH_THRESHOLDS,
    statuses: older,
  });
  assert.equal(view?.liveness, "dead");
  assert.equal(view?.status.state, "failed");
});
