/**
 * Dashboard queries on a store with 1,000,000 usage rows and 50,000 task events, written through
 * writeIngestBatch (so the rollups are the real ones): 100 workers, 8 models, 30 days, beads
 * changing every few hundred rows. Target: each dashboard query under 20 ms.
 *
 * The database is built once per run in a temporary directory (20-30 s) through the current
 * schema (every migration, so usage_bead_hourly and the covering task_events_at of migration 3).
 * No query reads raw usage rows: spans with ragged edges are widened to whole hours and answered
 * from the rollups, which the "widened spans" group measures.
 */
import { join } from "node:path";
import type { SubscriptionPlan } from "../../src/domain/mod.ts";
import {
  calendarPeriods,
  costBreakdown,
  costReport,
  createLogSource,
  metricsReport,
  monthProjection,
  recentHours,
  SCHEMA_VERSION,
  Store,
  taskDurations,
  type TaskRow,
  UsageColumns,
  writeIngestBatch,
} from "../../src/store/mod.ts";

const ROWS = 1_000_000;
const TASKS = 50_000;
const WORKERS = 100;
const DAYS = 30;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Fixed "now": 28 November 2026, 15:30 UTC; the data covers the 30 days before it. */
const NOW = Date.UTC(2026, 10, 28, 15, 30);
const MODELS = [
  "claude-opus-4-5",
  "claude-sonnet-4-5",
  "claude-haiku-4-5",
  "gpt-5",
  "gpt-5-mini",
  "gemini-2.5-pro",
  "glm-4.6",
  "deepseek-chat",
];
const PLANS: SubscriptionPlan[] = [{
  name: "max",
  models: ["claude-opus-*", "claude-sonnet-*"],
  unit: "tokens",
  limit: 500_000_000,
  window: { kind: "weekly", weekday: 1, hour: 8 },
  monthly_cost: 200,
  enabled: true,
}];

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One worker's whole history: its usage rows in time order, and its task events. */
function writeWorker(store: Store, w: number, rnd: () => number): void {
  const worker = `w-${String(w).padStart(3, "0")}`;
  const model = MODELS[w % MODELS.length] as string;
  const plan = model.startsWith("claude-opus") || model.startsWith("claude-sonnet") ? "max" : "";
  const workspace = `/work/ws-${w % 4}`;
  const path = `/bench/${worker}.log`;
  const sourceId = createLogSource(store, { path, ino: w + 1, workerId: worker, now: NOW });
  const perWorker = ROWS / WORKERS;
  const tasksPerWorker = TASKS / WORKERS;
  const step = (DAYS * DAY) / perWorker;
  const batch = 2_500;
  let bead = 0;
  let untilNextBead = 0;
  for (let from = 0; from < perWorker; from += batch) {
    const usage = new UsageColumns(batch);
    for (let i = from; i < from + batch; i++) {
      if (--untilNextBead <= 0) {
        bead++;
        untilNextBead = 200 + Math.floor(rnd() * 300);
      }
      const input = 500 + Math.floor(rnd() * 20_000);
      const output = 50 + Math.floor(rnd() * 3_000);
      usage.push({
        offset: i * 400,
        seq: 0,
        at: Math.floor(NOW - DAYS * DAY + i * step + rnd() * step),
        workerId: worker,
        workspace,
        beadId: `${worker}-b${bead}`,
        model,
        plan,
        input,
        output,
        cacheRead: Math.floor(rnd() * 40_000),
        cacheWrite: Math.floor(rnd() * 2_000),
        costUsd: (input * 3 + output * 15) / 1e6,
        costSource: "builtin",
      });
    }
    const tasks: TaskRow[] = [];
    const first = Math.floor((from / perWorker) * tasksPerWorker);
    const last = Math.floor(((from + batch) / perWorker) * tasksPerWorker);
    for (let k = first; k < last; k++) {
      const roll = rnd();
      tasks.push({
        offset: perWorker * 400 + k * 400,
        seq: 0,
        at: Math.floor(NOW - DAYS * DAY + (k + rnd()) * ((DAYS * DAY) / tasksPerWorker)),
        workerId: worker,
        workspace,
        beadId: `${worker}-b${k}`,
        model,
        phase: roll < 0.85 ? "completed" : "failed",
        durationMs: Math.floor(30_000 + rnd() * rnd() * 1_800_000),
        error: null,
      });
    }
    writeIngestBatch(store, {
      usage,
      tasks,
      events: [],
      position: {
        path,
        sourceId,
        ino: w + 1,
        offset: from + batch,
        lines: 0,
        malformed: 0,
        context: {},
      },
      now: NOW,
    });
  }
}

/** Fails the run unless the store has the schema the queries are written for. */
function checkSchema(store: Store): void {
  const index = (store.statement("PRAGMA index_info(task_events_at)").all() as { name: string }[])
    .map((c) => c.name).join(",");
  const beadHours = store.statement("SELECT sum(calls) AS n FROM usage_bead_hourly").get() as {
    n: number;
  };
  check(store.schemaVersion === SCHEMA_VERSION && SCHEMA_VERSION === 3, "schema version 3");
  check(index === "at,phase,model,duration_ms", `covering task_events_at, not (${index})`);
  check(Number(beadHours.n) === ROWS, "usage_bead_hourly holds every row (all have a bead)");
}

async function build(): Promise<{ dir: string; store: Store }> {
  const dir = await Deno.makeTempDir({ prefix: "forge_query_bench_" });
  const path = join(dir, "forge.db");
  const store = Store.open(path);
  const rnd = random(42);
  const started = performance.now();
  for (let w = 0; w < WORKERS; w++) writeWorker(store, w, rnd);
  store.exec("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
  const built = performance.now() - started;
  store.close();
  // deno-lint-ignore no-console
  console.log(
    `built ${ROWS} usage rows and ${TASKS} task events in ${(built / 1000).toFixed(1)} s`,
  );
  const reopened = Store.open(path);
  checkSchema(reopened);
  return { dir, store: reopened };
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`unexpected result: ${what}`);
}

const { dir, store: plain } = await build();
globalThis.addEventListener("unload", () => {
  plain.close();
  Deno.removeSync(dir, { recursive: true });
});

const periods = calendarPeriods(NOW);
const config = { budget: { monthly_usd: 50_000, alert_percents: [200_000] }, subscriptions: PLANS };

Deno.bench("today by model", { group: "dashboard", baseline: true }, () => {
  const r = costBreakdown(plain, { ...periods.today, by: "model", now: NOW });
  check(r.rows.length === MODELS.length, "8 models today");
});

Deno.bench("month projection", { group: "dashboard" }, () => {
  const p = monthProjection(plain, { now: NOW, plans: PLANS });
  check(p.billed_nanos > 0, "spend this month");
});

Deno.bench("p95 duration by model, today (~1,100 tasks)", { group: "dashboard" }, () => {
  const d = taskDurations(plain, periods.today);
  check(d.size === MODELS.length, "8 models today");
});

Deno.bench("p95 duration by model, last 7 days (~11,700 tasks)", { group: "dashboard" }, () => {
  const d = taskDurations(plain, { since: NOW - 7 * DAY, until: NOW });
  check(d.size === MODELS.length, "8 models");
});

Deno.bench("by bead, this month, top 20", { group: "dashboard" }, () => {
  const r = costBreakdown(plain, { ...periods.month, by: "bead", now: NOW, limit: 20 });
  check(r.rows.length === 20, "20 beads");
});

Deno.bench("by bead, this month, all ~2,900 beads", { group: "dashboard" }, () => {
  const r = costBreakdown(plain, { ...periods.month, by: "bead", now: NOW });
  check(r.rows.length > 1_000, "thousands of beads");
});

Deno.bench(
  "costReport(): today, week, month, projection, plan, budget",
  { group: "dashboard" },
  () => {
    const r = costReport(plain, { now: NOW, config });
    check(r.month.calls > 0, "usage this month");
  },
);

Deno.bench(
  "metricsReport(), last 7 days in whole hours (forge metrics)",
  { group: "dashboard" },
  () => {
    const r = metricsReport(plain, { ...recentHours(NOW, 7 * 24), now: NOW });
    check(r.models.length === MODELS.length, "8 models");
  },
);

Deno.bench("last 24 h by model (ragged: 15:30 .. 15:30)", {
  group: "widened spans",
  baseline: true,
}, () => {
  const r = costBreakdown(plain, { since: NOW - DAY, until: NOW, by: "model", now: NOW });
  check(r.rows.length === MODELS.length && r.since.endsWith("T15:00:00.000Z"), "widened, 8 models");
});

Deno.bench("by bead, last 3 h 17 min (usage_bead_hourly)", { group: "widened spans" }, () => {
  const r = costBreakdown(plain, { since: NOW - 197 * 60_000, until: NOW, by: "bead", now: NOW });
  check(r.rows.length > 100, "a few hundred beads");
});

Deno.bench("metricsReport(), now - 7 days .. now", { group: "widened spans" }, () => {
  const r = metricsReport(plain, { since: NOW - 7 * DAY, until: NOW, now: NOW });
  check(r.models.length === MODELS.length, "8 models");
});
