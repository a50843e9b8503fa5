/**
 * createSnapshotSource() against a real home: status files, logs, a SQLite store, bead files and
 * a private tmux server. Shapes and ordering, the store read at most every 5 s (manual clock),
 * parts that fail named in `problems` with their last values kept, and logs read incrementally.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createSnapshotSource, type SnapshotOptions } from "../../src/actions/mod.ts";
import type { ActivityLine, FleetSnapshot } from "../../src/domain/mod.ts";
import { initialState } from "../../src/orchestrator/mod.ts";
import type { EngineState, TrackedWorker } from "../../src/orchestrator/mod.ts";
import { acknowledgeAlerts, raiseAlert, recordRouting, Store } from "../../src/store/mod.ts";
import { queue, queued, settings } from "../orchestrator/_fixtures.ts";
import { writeRows } from "../store/_query_fixtures.ts";
import { logLine, NOW, type SnapshotHome, snapshotHome } from "./_snapshot_fixture.ts";

const WS_A = "/work/alpha";
const WS_B = "/work/bravo";
const HOUR = 3_600_000;

function source(home: SnapshotHome, options: Partial<SnapshotOptions> = {}) {
  return createSnapshotSource(home.ctx, {
    role: "orchestrator",
    workspaces: [WS_A, WS_B],
    version: "9.9.9-test",
    ...options,
  });
}

/** Usage today: sim-bravo $1.50 on m-a, sim-charlie $0.25 on m-b. */
function seedStore(home: SnapshotHome): void {
  const store = Store.open(home.layout.database);
  try {
    writeRows(store, {
      usage: [
        { at: NOW - 60_000, workerId: "sim-bravo", model: "m-a", costNanos: 1_500_000_000 },
        { at: NOW - 60_000, workerId: "sim-charlie", model: "m-b", costNanos: 250_000_000 },
      ],
    });
    const alert = { severity: "warning" as const, kind: "crash", message: "worker crashed" };
    raiseAlert(store, { ...alert, at: NOW - 3 * HOUR, subject: "open", dedupeKey: "k1" });
    raiseAlert(store, { ...alert, at: NOW - 2 * HOUR, subject: "acked", dedupeKey: "k2" });
    raiseAlert(store, { ...alert, at: NOW - 50 * HOUR, subject: "old", dedupeKey: "k3" });
    acknowledgeAlerts(store, { ids: [2], by: "me", at: NOW - HOUR });
    acknowledgeAlerts(store, { ids: [3], by: "me", at: NOW - 49 * HOUR });
    for (const [i, bead] of ["r-1", "r-2", "r-3"].entries()) {
      recordRouting(store, {
        at: NOW - (3 - i) * 1000,
        beadId: bead,
        workspace: WS_A,
        score: 50 + i,
        tier: "budget",
        model: "sim",
        plan: undefined,
        outcome: i === 1 ? "waiting" : "assigned",
        reason: `reason ${i}`,
      });
    }
  } finally {
    store.close();
  }
}

function engineState(): EngineState {
  const tracked: TrackedWorker = {
    id: "sim-bravo",
    workspace: WS_A,
    beadId: "a3",
    workerType: "sim",
    model: "sim",
    plan: "max",
    tier: "budget",
    startedAt: NOW - 60_000,
    phase: "running",
  };
  const state = initialState(
    settings({ maxWorkers: 7, workspacePriority: new Map([[WS_B, 1], [WS_A, 5]]) }),
    { now: NOW },
  );
  const a = [
    queued("a1", { score: 50 }),
    queued("a3", { state: "in_progress" }),
    queued("a2", { state: "blocked" }),
    queued("a5", { state: "deferred" }),
    queued("a6", { state: "not_work" }),
    queued("a4", { state: "closed" }),
  ];
  const b = [queued("b2", { score: 80, workspace: WS_B }), queued("b1", { workspace: WS_B })];
  return {
    ...state,
    queues: new Map([[WS_A, queue(a, WS_A)], [WS_B, queue(b, WS_B)]]),
    workers: new Map([["sim-bravo", tracked]]),
    parked: new Map([["max", NOW + 60_000], ["gone", NOW - 1]]),
  };
}

async function seedWorkers(home: SnapshotHome): Promise<void> {
  const live = { pid: Deno.pid, started_at: NOW - 60_000, last_activity: NOW };
  await home.status("sim-alpha", { status: "stopped" });
  await home.status("sim-charlie", { status: "idle", ...live });
  await home.status("sim-bravo", { status: "active", workspace: "/from/status", ...live });
}

Deno.test("gather() joins workers, engine, store and logs in the snapshot's order", async () => {
  await using home = await snapshotHome();
  await seedWorkers(home);
  seedStore(home);
  await home.log(
    "sim-bravo",
    logLine({ event: "task_started", bead_id: "a3" }) +
      logLine({ event: "task_failed", bead_id: "a3", error: "boom" }) +
      logLine({ event: "rate_limited", message: "usage limit reached" }),
  );
  const engineLine: ActivityLine = {
    at: NOW - 1_000,
    level: "info",
    source: "forge",
    message: "start sim-bravo",
  };
  const src = source(home, { engine: engineState, engineLines: () => [engineLine] });
  const s = await src.gather();
  src.close();

  assert.deepEqual(s.problems, []);
  assert.deepEqual([s.version, s.home, s.role, s.at], [
    "9.9.9-test",
    home.layout.home,
    "orchestrator",
    NOW,
  ]);
  assert.deepEqual(s.engine, { running: true, pid: undefined, maxWorkers: 7, stopping: false });
  assert.deepEqual(s.workers.map((w) => w.view.id), ["sim-bravo", "sim-charlie", "sim-alpha"]);
  const [bravo, charlie, alpha] = s.workers;
  assert.deepEqual(
    { type: bravo?.workerType, tier: bravo?.tier, plan: bravo?.plan, ws: bravo?.workspace },
    { type: "sim", tier: "budget", plan: "max", ws: "/from/status" },
  );
  assert.deepEqual([bravo?.costTodayUsd, charlie?.costTodayUsd, alpha?.costTodayUsd], [
    1.5,
    0.25,
    0,
  ]);
  assert.equal(charlie?.workerType, undefined);

  assert.deepEqual(s.tasks.map((q) => q.bead.id), ["a3", "b2", "b1", "a1", "a2", "a5"]);
  assert.deepEqual(s.counts, { ready: 3, inProgress: 1, blocked: 1, deferred: 1 });
  assert.deepEqual(s.parked, [{ name: "max", until: NOW + 60_000 }]);

  assert.equal(s.costs?.today.cost_usd, 1.75);
  assert.deepEqual(s.costByModel.map((r) => [r.key, r.cost_usd]), [["m-a", 1.5], ["m-b", 0.25]]);
  assert.equal(s.hourlyCostUsd.length, 24);
  assert.equal(s.hourlyCostUsd[23], 1.75);
  assert.equal(s.hourlyCostUsd.reduce((a, b) => a + b, 0), 1.75);
  assert.ok(s.metrics !== undefined && s.metrics.since.endsWith("T13:00:00.000Z"));
  assert.deepEqual(s.alerts.map((a) => [a.subject, a.acknowledged]), [["acked", true], [
    "open",
    false,
  ]]);
  assert.deepEqual(s.routing.map((r) => [r.beadId, r.outcome]), [
    ["r-3", "assigned"],
    ["r-2", "waiting"],
    ["r-1", "assigned"],
  ]);

  assert.deepEqual(s.activity.map((l) => [l.source, l.level]), [
    ["forge", "info"],
    ["sim-bravo", "info"],
    ["sim-bravo", "error"],
    ["sim-bravo", "warn"],
  ]);
  assert.match(s.activity[3]?.message ?? "", /usage limit reached/);
});

Deno.test("gather() reads the store at most every 5 s and keeps its figures in between", async () => {
  await using home = await snapshotHome();
  seedStore(home);
  const src = source(home);
  const today = async () => (await src.gather()).costs?.today.cost_usd;
  assert.equal(await today(), 1.75);
  const store = Store.open(home.layout.database);
  writeRows(store, { usage: [{ at: NOW, workerId: "sim-delta", costNanos: 1_000_000_000 }] });
  store.close();
  home.clock.at = NOW + 4_999;
  assert.equal(await today(), 1.75, "read again before 5 s");
  home.clock.at = NOW + 5_000;
  assert.equal(await today(), 2.75);
});

Deno.test("a locked, damaged or missing store is named in problems; the last figures stay", async (t) => {
  await using home = await snapshotHome();
  seedStore(home);
  const src = source(home);
  const first = await src.gather();
  assert.equal(first.costs?.today.cost_usd, 1.75);
  const later = async (): Promise<FleetSnapshot> => {
    home.clock.at += 5_000;
    return await src.gather();
  };
  const kept = (s: FleetSnapshot) => {
    assert.equal(s.costs?.today.cost_usd, 1.75);
    assert.equal(s.routing.length, 3);
    assert.equal(s.alerts.length, 2);
  };

  await t.step("locked by another connection", async () => {
    const locker = new DatabaseSync(home.layout.database);
    locker.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;");
    try {
      const s = await later();
      assert.equal(s.problems.length, 1, s.problems.join("\n"));
      assert.match(s.problems[0] ?? "", /^store: .*another process holds its lock/);
      assert.match(s.problems[0] ?? "", /from the last good read$/);
      kept(s);
    } finally {
      locker.close();
    }
    assert.deepEqual((await later()).problems, [], "read again once the lock is gone");
  });

  await t.step("damaged", async () => {
    for (const suffix of ["-wal", "-shm"]) {
      await Deno.remove(home.layout.database + suffix).catch(() => {});
    }
    await Deno.writeTextFile(home.layout.database, "this is not a database ".repeat(200));
    const s = await later();
    assert.match(s.problems.join("\n"), /^store: .*it is damaged.*forge db check/);
    kept(s);
  });

  await t.step("missing", async () => {
    await Deno.remove(home.layout.database);
    const s = await later();
    assert.match(s.problems.join("\n"), /^store: no database at .*forge\.db yet/);
    kept(s);
    assert.equal(
      await Deno.stat(home.layout.database).catch(() => undefined),
      undefined,
      "not created",
    );
  });
});

Deno.test("a garbage status file keeps the worker's last readable state and names the file", async () => {
  await using home = await snapshotHome();
  await seedWorkers(home);
  const src = source(home);
  assert.equal((await src.gather()).workers[0]?.view.status.state, "active");
  await Deno.writeTextFile(join(home.layout.status, "sim-bravo.json"), '{"worker_id": "sim-br');
  await Deno.writeTextFile(join(home.layout.status, "sim-delta.json"), "garbage");
  const s = await src.gather();
  const bravo = s.workers.find((w) => w.view.id === "sim-bravo");
  assert.equal(bravo?.view.status.state, "active");
  const delta = s.workers.find((w) => w.view.id === "sim-delta");
  assert.equal(delta?.view.status.state, "error");
  assert.equal(s.problems.length, 2, s.problems.join("\n"));
  assert.match(
    s.problems.find((p) => p.includes("sim-bravo")) ?? "",
    /showing its last readable state/,
  );
  assert.match(
    s.problems.find((p) => p.includes("sim-delta")) ?? "",
    /shown as error.*forge validate status/,
  );
  await home.status("sim-bravo", { status: "idle", pid: Deno.pid });
  const again = await src.gather();
  assert.equal(again.workers.find((w) => w.view.id === "sim-bravo")?.view.status.state, "idle");
  assert.equal(again.problems.filter((p) => p.includes("sim-bravo")).length, 0);
});

Deno.test("worker logs are followed by byte offset: only appended lines are read", async (t) => {
  await using home = await snapshotHome();
  await home.status("sim-bravo", { status: "active", pid: Deno.pid, last_activity: NOW });
  const logFile = join(home.layout.logs, "sim-bravo.log");
  let text = "";
  for (let i = 1; i <= 30; i++) text += logLine({ message: `line ${i}` });
  await home.log("sim-bravo", text);
  const src = source(home);
  const messages = async () =>
    (await src.gather()).activity.filter((l) => l.source === "sim-bravo").map((l) => l.message);
  const logReads = () => home.reads.filter((r) => r.path === logFile);

  await t.step("a log met for the first time shows its last 20 lines", async () => {
    const shown = await messages();
    assert.equal(shown.length, 20);
    assert.deepEqual([shown[0], shown[19]], ["line 11", "line 30"]);
  });

  await t.step("appended lines are read from where the last read stopped", async () => {
    home.reads.length = 0;
    const size = (await Deno.stat(logFile)).size;
    await home.log("sim-bravo", logLine({ message: "line 31" }) + logLine({ message: "line 32" }));
    const shown = await messages();
    assert.deepEqual(shown.slice(-3), ["line 30", "line 31", "line 32"]);
    assert.equal(shown.filter((m) => m === "line 30").length, 1, "no line twice");
    assert.ok(
      logReads().length > 0 && logReads().every((r) => r.offset >= size),
      JSON.stringify(logReads()),
    );
  });

  await t.step("an unchanged log is not read at all", async () => {
    home.reads.length = 0;
    await messages();
    assert.deepEqual(logReads(), []);
  });

  await t.step(
    "malformed lines are skipped and named; good lines around them still show",
    async () => {
      await home.log("sim-bravo", '{"broken json\n' + logLine({ message: "line 33" }));
      const s = await src.gather();
      assert.equal(s.activity.at(-1)?.message, "line 33");
      assert.equal(s.problems.length, 1);
      assert.match(
        s.problems[0] ?? "",
        /^log of sim-bravo: 1 malformed line skipped \(first: at byte \d+: invalid JSON/,
      );
    },
  );

  await t.step("a line still being written waits for its newline and shows once", async () => {
    const line = logLine({ message: "line 34, written in two parts" });
    await home.log("sim-bravo", line.slice(0, 20));
    assert.equal((await messages()).at(-1), "line 33");
    await home.log("sim-bravo", line.slice(20));
    const shown = await messages();
    assert.equal(shown.at(-1), "line 34, written in two parts");
    assert.equal(shown.filter((m) => m.startsWith("line 34")).length, 1);
  });

  await t.step("a rotated log is read from its start", async () => {
    await Deno.remove(logFile);
    await Deno.writeTextFile(logFile, logLine({ message: "fresh 1" }));
    assert.equal((await messages()).at(-1), "fresh 1");
  });
});

Deno.test("an observer reads bead files at most every 2 s, only when changed, and keeps the last queue", async () => {
  await using home = await snapshotHome();
  const ws = join(home.root, "ws");
  const beadsFile = join(ws, ".beads", "issues.jsonl");
  await Deno.mkdir(join(ws, ".beads"), { recursive: true });
  const bead = (id: string, priority: number) =>
    JSON.stringify({ id, title: id, status: "open", priority, issue_type: "task" }) + "\n";
  await Deno.writeTextFile(beadsFile, bead("w-1", 1) + bead("w-2", 0));
  const src = source(home, { role: "observer", workspaces: [ws] });
  const ids = async () => (await src.gather()).tasks.map((q) => q.bead.id);
  const beadReads = () => home.reads.filter((r) => r.path === beadsFile).length;

  assert.deepEqual(await ids(), ["w-2", "w-1"]);
  await Deno.writeTextFile(beadsFile, bead("w-3", 0), { append: true });
  home.clock.at = NOW + 1_999;
  assert.deepEqual(await ids(), ["w-2", "w-1"], "not read again before 2 s");
  home.clock.at = NOW + 2_000;
  assert.deepEqual(await ids(), ["w-2", "w-3", "w-1"]);
  home.reads.length = 0;
  home.clock.at = NOW + 4_000;
  await ids();
  assert.equal(beadReads(), 0, "unchanged files are not read");

  home.failing.add(beadsFile);
  await Deno.writeTextFile(beadsFile, bead("w-4", 0), { append: true });
  home.clock.at = NOW + 6_000;
  const s = await src.gather();
  assert.deepEqual(s.tasks.map((q) => q.bead.id), ["w-2", "w-3", "w-1"]);
  assert.match(s.problems.join("\n"), /^beads of .*ws: .*EIO.*; showing the tasks read before$/);
  assert.equal(s.engine.running, false);
  home.failing.clear();
  home.clock.at = NOW + 8_000;
  const healed = await src.gather();
  assert.equal(healed.tasks.length, 4);
  assert.deepEqual(healed.problems, []);
});

Deno.test("a worker done for good costs no liveness check until its status file changes", async () => {
  await using home = await snapshotHome();
  await seedWorkers(home); // sim-alpha stopped without a pid: only tmux can tell it is gone
  const src = source(home);
  const tmuxCalls = () => home.runs.filter((r) => r.startsWith("tmux ")).length;
  await src.gather();
  assert.equal(tmuxCalls(), 1);
  const second = await src.gather();
  assert.equal(tmuxCalls(), 1, "the settled worker was checked again");
  assert.equal(second.workers.find((w) => w.view.id === "sim-alpha")?.view.liveness, "dead");
  await home.status("sim-alpha", { status: "failed" });
  const third = await src.gather();
  assert.equal(tmuxCalls(), 2);
  assert.equal(third.workers.find((w) => w.view.id === "sim-alpha")?.view.status.state, "failed");
});

Deno.test("an observer finds the orchestrator's pid in its lock file, looked up every 5 s", async () => {
  await using home = await snapshotHome();
  const src = source(home, { role: "observer", workspaces: [] });
  assert.deepEqual((await src.gather()).engine, {
    running: false,
    pid: undefined,
    maxWorkers: 10,
    stopping: false,
  });
  await Deno.writeTextFile(join(home.layout.state, "orchestrator.lock"), `${Deno.pid} ${NOW}\n`);
  assert.equal((await src.gather()).engine.running, false, "looked up again before 5 s");
  home.clock.at += 5_000;
  assert.deepEqual((await src.gather()).engine, {
    running: true,
    pid: Deno.pid,
    maxWorkers: 10,
    stopping: false,
  });
});

Deno.test("an observer told the orchestrator's pid sees the engine stop when that process ends", async () => {
  await using home = await snapshotHome();
  const sleeper = new Deno.Command("sleep", { args: ["60"] }).spawn();
  try {
    const src = source(home, {
      role: "observer",
      workspaces: [],
      orchestratorPid: sleeper.pid,
    });
    assert.equal((await src.gather()).engine.running, true, "its process lives");
    sleeper.kill();
    await sleeper.status;
    home.clock.at += 5_000;
    assert.deepEqual((await src.gather()).engine, {
      running: false,
      pid: undefined,
      maxWorkers: 10,
      stopping: false,
    });
  } finally {
    try {
      sleeper.kill();
    } catch { /* already gone */ }
  }
});

Deno.test("two gathers at once share one read", async () => {
  await using home = await snapshotHome();
  await seedWorkers(home);
  const src = source(home);
  const [a, b] = await Promise.all([src.gather(), src.gather()]);
  assert.equal(a, b);
  assert.notEqual(await src.gather(), a);
});
