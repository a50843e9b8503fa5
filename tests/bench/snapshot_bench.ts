/**
 * The dashboard's snapshot: gather() on a fleet of 100 workers (80 live, each with a log of a few
 * hundred lines; 20 stopped, so liveness also asks tmux), an engine state with 10,000 beads over
 * two workspaces, 500 engine lines, and a store with 30 days of usage from those 100 workers
 * (200,000 usage rows and their rollups, 10,000 task events, 5,000 routing decisions, 300
 * alerts). Target: well under 50 ms per call once the store figures are cached (they are read
 * at most every 5 s); the call that reads the store is measured on its own.
 *
 * Run: deno bench -A tests/bench/snapshot_bench.ts
 */
import { createSnapshotSource } from "../../src/actions/mod.ts";
import type { ActivityLine, QueuedBead, TaskQueue } from "../../src/domain/mod.ts";
import { initialState } from "../../src/orchestrator/mod.ts";
import type { EngineState, TrackedWorker } from "../../src/orchestrator/mod.ts";
import {
  createLogSource,
  raiseAlert,
  recordRouting,
  Store,
  type TaskRow,
  UsageColumns,
  writeIngestBatch,
} from "../../src/store/mod.ts";
import { queue, queued, settings } from "../orchestrator/_fixtures.ts";
import { logLine, NOW, snapshotHome } from "../actions/_snapshot_fixture.ts";
import { seededRandom } from "../helpers/seeded_random.ts";

const WORKERS = 100;
const LIVE = 80;
const USAGE_ROWS = 200_000;
const TASKS = 10_000;
const BEADS = 10_000;
const DAY = 86_400_000;
const MODELS = ["claude-sonnet-4-5", "claude-opus-4-5", "gpt-5", "glm-4.6"];
const WS = ["/work/alpha", "/work/bravo"];

const id = (w: number) => `sim-w${String(w).padStart(3, "0")}`;

function fillStore(path: string): void {
  const store = Store.open(path);
  const rnd = seededRandom(7);
  const perWorker = USAGE_ROWS / WORKERS;
  for (let w = 0; w < WORKERS; w++) {
    const worker = id(w);
    const model = MODELS[w % MODELS.length] as string;
    const sourceId = createLogSource(store, {
      path: `/bench/${worker}.log`,
      ino: w + 1,
      workerId: worker,
      now: NOW,
    });
    const usage = new UsageColumns(perWorker);
    for (let i = 0; i < perWorker; i++) {
      usage.push({
        offset: i * 300,
        seq: 0,
        at: Math.floor(NOW - 30 * DAY + (i / perWorker) * 30 * DAY),
        workerId: worker,
        workspace: WS[w % 2] as string,
        beadId: `b-${w}-${Math.floor(i / 50)}`,
        model,
        plan: model.startsWith("claude") ? "max" : "",
        input: 1_000 + Math.floor(rnd() * 10_000),
        output: 100 + Math.floor(rnd() * 2_000),
        cacheRead: Math.floor(rnd() * 20_000),
        cacheWrite: 0,
        costUsd: rnd() / 100,
        costSource: "builtin",
      });
    }
    const tasks: TaskRow[] = Array.from({ length: TASKS / WORKERS }, (_, k) => ({
      offset: perWorker * 300 + k,
      seq: 0,
      at: Math.floor(NOW - 30 * DAY + (k / (TASKS / WORKERS)) * 30 * DAY),
      workerId: worker,
      workspace: WS[w % 2] as string,
      beadId: `b-${w}-${k}`,
      model,
      phase: rnd() < 0.9 ? "completed" : "failed",
      durationMs: 60_000 + Math.floor(rnd() * 1_200_000),
      error: null,
    }));
    writeIngestBatch(store, {
      usage,
      tasks,
      events: [],
      position: {
        path: `/bench/${worker}.log`,
        sourceId,
        ino: w + 1,
        offset: perWorker * 300,
        lines: perWorker,
        malformed: 0,
        context: {},
      },
      now: NOW,
    });
  }
  for (let i = 0; i < 5_000; i++) {
    recordRouting(store, {
      at: NOW - (5_000 - i) * 60_000,
      beadId: `b-${i}`,
      workspace: WS[i % 2] as string,
      score: 40 + (i % 60),
      tier: "standard",
      model: "claude-sonnet-4-5",
      plan: "max",
      outcome: i % 3 === 0 ? "waiting" : "assigned",
      reason: "plan max (40% left) with claude-sonnet-4-5 via sonnet",
    });
  }
  for (let i = 0; i < 300; i++) {
    raiseAlert(store, {
      at: NOW - i * 600_000,
      severity: i % 10 === 0 ? "critical" : "warning",
      kind: "crash",
      subject: id(i % WORKERS),
      message: "worker crashed (exit 1)",
      dedupeKey: `crash:${i}`,
    });
  }
  store.exec("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
  store.close();
}

function engineState(): EngineState {
  const rnd = seededRandom(11);
  const states = [
    "ready",
    "ready",
    "blocked",
    "blocked",
    "blocked",
    "deferred",
    "in_progress",
  ] as const;
  const queues = WS.map((ws, n) => {
    const beads: QueuedBead[] = [];
    for (let i = 0; i < BEADS / WS.length; i++) {
      const state = states[Math.floor(rnd() * states.length)] ?? "ready";
      beads.push(queued(`bd-${n}-${i}`, { state, score: Math.floor(rnd() * 100), workspace: ws }));
    }
    const rank = (q: QueuedBead) =>
      ["ready", "in_progress", "blocked", "deferred"].indexOf(q.state);
    beads.sort((a, b) => rank(a) - rank(b) || b.score.total - a.score.total);
    return queue(beads, ws);
  });
  const workers = new Map<string, TrackedWorker>();
  for (let w = 0; w < LIVE; w++) {
    workers.set(id(w), {
      id: id(w),
      workspace: WS[w % 2] as string,
      beadId: `bd-0-${w}`,
      workerType: "sonnet",
      model: "claude-sonnet-4-5",
      plan: "max",
      tier: "standard",
      startedAt: NOW - 600_000,
      phase: "running",
    });
  }
  return {
    ...initialState(settings({ maxWorkers: 120 }), { now: NOW }),
    queues: new Map(queues.map((q: TaskQueue) => [q.workspace, q])),
    workers,
  };
}

const home = await snapshotHome();
globalThis.addEventListener("unload", () => {
  // No tmux server was started (no worker has a session): removing the folders is enough.
  for (const dir of [home.root, home.tmuxDir]) Deno.removeSync(dir, { recursive: true });
});
fillStore(home.layout.database);
for (let w = 0; w < WORKERS; w++) {
  const live = w < LIVE;
  await home.status(id(w), {
    status: live ? "active" : "stopped",
    ...(live ? { pid: Deno.pid } : {}),
    started_at: NOW - 600_000,
    last_activity: NOW,
    workspace: WS[w % 2],
    current_task: live ? `bd-0-${w}` : null,
  });
  let text = "";
  for (let i = 0; i < 300; i++) {
    text += logLine({
      event: "api_call",
      model: "claude-sonnet-4-5",
      tokens: { input: 1200, output: 300 },
    });
  }
  await home.log(id(w), text);
}
const state = engineState();
const lines: ActivityLine[] = Array.from({ length: 500 }, (_, i) => ({
  at: NOW - (500 - i) * 1_000,
  level: "info",
  source: "forge",
  message: `start ${id(i % LIVE)} on bd-0-${i}`,
}));
const options = {
  role: "orchestrator" as const,
  workspaces: WS,
  version: "bench",
  engine: () => state,
  engineLines: () => lines,
};
const warm = createSnapshotSource(home.ctx, options);
const cold = createSnapshotSource(home.ctx, options);
const first = await warm.gather();
await cold.gather();
if (first.problems.length > 0 || first.workers.length !== WORKERS || first.tasks.length === 0) {
  throw new Error(`unexpected first snapshot: ${first.problems.join("; ")}`);
}
let appended = 0;

Deno.bench(
  "gather(), store cached, 10 logs grew by a line",
  { group: "snapshot", baseline: true },
  async (b) => {
    for (let w = 0; w < 10; w++) {
      await home.log(id((appended + w) % LIVE), logLine({ message: `progress ${appended}` }));
    }
    appended += 10;
    b.start();
    const s = await warm.gather();
    b.end();
    if (s.workers.length !== WORKERS) throw new Error("workers missing");
  },
);

Deno.bench(
  "gather(), store cached, all 80 live logs grew by a line",
  { group: "snapshot" },
  async (b) => {
    for (let w = 0; w < LIVE; w++) await home.log(id(w), logLine({ message: `busy ${appended}` }));
    appended += 1;
    b.start();
    await warm.gather();
    b.end();
  },
);

Deno.bench("gather(), store cached, nothing changed", { group: "snapshot" }, async () => {
  await warm.gather();
});

Deno.bench(
  "gather(), engine queues replaced (10,000 beads flattened again)",
  { group: "snapshot" },
  async (b) => {
    const queues = new Map([...state.queues].map(([ws, q]) => [ws, { ...q }]));
    (state as { queues: EngineState["queues"] }).queues = queues;
    b.start();
    await warm.gather();
    b.end();
  },
);

Deno.bench("gather() that reads the store (every 5 s)", { group: "snapshot" }, async () => {
  home.clock.at += 5_000;
  const s = await cold.gather();
  if (s.problems.length > 0) throw new Error(s.problems.join("; "));
});
