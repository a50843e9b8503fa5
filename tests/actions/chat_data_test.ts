/**
 * createChatData() against a real FORGE home and SQLite store: breakdowns over today, this week
 * and this month as `forge costs` counts them, spawn estimates from the month's own average per
 * finished task (once enough ran) or else the price table, nothing for a plan-covered model, and
 * the store lent or opened per call.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ASSUMED_TASK_TOKENS, createChatData } from "../../src/actions/mod.ts";
import type { ActionContext } from "../../src/actions/mod.ts";
import type { FleetSnapshot } from "../../src/domain/mod.ts";
import { configSchemas, costOf, homeLayout } from "../../src/domain/mod.ts";
import { denoFs, denoProcesses, envFrom } from "../../src/platform/mod.ts";
import { Store } from "../../src/store/mod.ts";
import { ManualClock } from "../helpers/manual_clock.ts";
import { tempDir } from "../helpers/temp.ts";
import { type TaskInput, writeRows } from "../store/_query_fixtures.ts";

/** Wednesday 25 November 2026, 12:30 UTC. */
const NOW = Date.UTC(2026, 10, 25, 12, 30);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const WORKERS: Record<string, string> = {
  "opus-pay": "claude-opus-4-5",
  "sonnet-new": "claude-sonnet-4-5",
  "glm-plan": "glm-4.6",
  "house": "house-model-1",
  "mystery": "mystery-9000",
};

async function chatHome() {
  const dir = await tempDir("forge_chat_data_");
  const layout = homeLayout(join(dir.path, "home"));
  await Deno.mkdir(layout.workers, { recursive: true });
  for (const [name, model] of Object.entries(WORKERS)) {
    await Deno.writeTextFile(
      join(layout.workers, `${name}.yaml`),
      `name: ${name}\nlauncher: sim\nmodel: ${model}\ntier: standard\n`,
    );
  }
  const config = (await configSchemas()).config.parse({
    subscriptions: [{ name: "glm-coding", models: ["glm-*"], limit: 1_000_000 }],
    prices: { "house-*": { input: 1, output: 10 } },
  });
  const ctx: ActionContext = {
    fs: denoFs,
    processes: denoProcesses,
    clock: new ManualClock(NOW),
    env: envFrom({}),
    layout,
    config,
    cwd: dir.path,
    actor: { who: "tester@host", via: "chat" },
    forgeBin: "/bin/false",
    secrets: () => Promise.resolve(undefined),
    beadStore: () => Promise.reject(new Error("chat data changes no bead")),
    audit: () => Promise.resolve(),
  };
  return { dir, layout, ctx };
}

/**
 * This month: opus $4 over 3 completed and 1 failed tasks (plus $100 and 5 tasks last month,
 * which must not count); sonnet $50 over only 2 tasks. Today, this week and before the week:
 * usage at known costs for the breakdowns.
 */
function seed(store: Store): void {
  const usage = (at: number, model: string, dollars: number, workerId = "w1") => ({
    at,
    model,
    workerId,
    costNanos: dollars * 1e9,
  });
  writeRows(store, {
    usage: [
      usage(NOW - HOUR, "claude-opus-4-5", 1, "opus-a"), // today
      usage(NOW - DAY, "claude-opus-4-5", 2, "opus-a"), // Tuesday: this week
      usage(NOW - 10 * DAY, "claude-opus-4-5", 1, "opus-b"), // 15 Nov: this month
      usage(NOW - HOUR, "claude-sonnet-4-5", 50, "sonnet-a"), // today
      usage(Date.UTC(2026, 9, 31, 12), "claude-opus-4-5", 100, "opus-old"), // October
    ],
    tasks: [
      ...[1, 2, 3].map((d) => ({
        at: NOW - d * DAY,
        model: "claude-opus-4-5",
        phase: "completed",
      })),
      { at: NOW - 4 * DAY, model: "claude-opus-4-5", phase: "failed" },
      ...[1, 2, 3, 4, 5].map((h) => ({
        at: Date.UTC(2026, 9, 31, h),
        model: "claude-opus-4-5",
        phase: "completed",
      })),
      ...[1, 2].map((h) => ({
        at: NOW - h * HOUR,
        model: "claude-sonnet-4-5",
        phase: "completed",
      })),
    ] as TaskInput[],
  });
}

function priceTable(input: number, output: number): number {
  return costOf(ASSUMED_TASK_TOKENS, { input, output });
}

Deno.test("createChatData() breaks a period's costs down as forge costs counts it", async (t) => {
  const h = await chatHome();
  await using _ = h.dir;
  const store = Store.open(h.layout.database);
  try {
    seed(store);
  } finally {
    store.close();
  }
  const data = createChatData(h.ctx, { gather: () => Promise.reject(new Error("unused")) });
  const cases: [
    "today" | "week" | "month",
    string,
    string,
    [string | null, number][],
  ][] = [
    ["today", "2026-11-25T00:00:00.000Z", "2026-11-26T00:00:00.000Z", [
      ["claude-sonnet-4-5", 50],
      ["claude-opus-4-5", 1],
    ]],
    ["week", "2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z", [
      ["claude-sonnet-4-5", 50],
      ["claude-opus-4-5", 3],
    ]],
    ["month", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z", [
      ["claude-sonnet-4-5", 50],
      ["claude-opus-4-5", 4],
    ]],
  ];
  for (const [period, since, until, rows] of cases) {
    await t.step(period, async () => {
      const report = await data.breakdown(period, "model");
      assert.equal(report.by, "model");
      assert.deepEqual([report.since, report.until], [since, until]);
      assert.deepEqual(report.rows.map((r) => [r.key, r.cost_usd]), rows);
      assert.equal(report.total.cost_usd, rows.reduce((n, [, c]) => n + c, 0));
    });
  }
  await t.step("by worker", async () => {
    const report = await data.breakdown("month", "worker");
    assert.deepEqual(report.rows.map((r) => [r.key, r.cost_usd]), [
      ["sonnet-a", 50],
      ["opus-a", 3],
      ["opus-b", 1],
    ]);
  });
});

Deno.test("createChatData() estimates what spawning workers would cost", async (t) => {
  const h = await chatHome();
  await using _ = h.dir;
  const store = Store.open(h.layout.database);
  try {
    seed(store);
    const lent = createChatData(h.ctx, {
      gather: () => Promise.reject(new Error("unused")),
      store,
    });
    const cases: [string, string, number, number | undefined][] = [
      ["the month's average per finished task ($4 / 4)", "opus-pay", 2, 2],
      ["the price table under 3 finished tasks", "sonnet-new", 3, 3 * priceTable(3, 15)],
      ["nothing for a model a plan covers", "glm-plan", 5, 0],
      ["a price from the configuration", "house", 1, priceTable(1, 10)],
      ["the default price for a model no table knows", "mystery", 1, priceTable(3, 15)],
      ["undefined for an unknown worker config", "nope", 1, undefined],
    ];
    for (const [name, worker, count, expected] of cases) {
      await t.step(name, async () => {
        const got = await lent.estimateSpawnCostUsd(worker, count);
        if (expected === undefined) assert.equal(got, undefined);
        else assert.ok(Math.abs((got ?? NaN) - expected) < 1e-6, `${got} ≠ ${expected}`);
      });
    }
    await t.step("the lent store stays open", () => {
      assert.ok(store.statement("SELECT 1 AS one").get() !== undefined);
    });
  } finally {
    store.close();
  }
  await t.step("the database opened for the call gives the same", async () => {
    const own = createChatData(h.ctx, { gather: () => Promise.reject(new Error("unused")) });
    assert.equal(await own.estimateSpawnCostUsd("opus-pay", 1), 1);
  });
});

Deno.test("createChatData() falls back to the price table when the store cannot be read", async () => {
  const h = await chatHome();
  await using _ = h.dir;
  // A directory where the database should be: SQLite cannot open it.
  const database = join(h.dir.path, "not-a-db");
  await Deno.mkdir(database);
  const ctx = { ...h.ctx, layout: { ...h.layout, database } };
  const data = createChatData(ctx, { gather: () => Promise.reject(new Error("unused")) });
  assert.ok(
    Math.abs((await data.estimateSpawnCostUsd("opus-pay", 1) ?? NaN) - priceTable(5, 25)) < 1e-6,
  );
  await assert.rejects(() => data.breakdown("today", "model"));
});

Deno.test("createChatData() hands out the gathered snapshot", async () => {
  const h = await chatHome();
  await using _ = h.dir;
  const snapshot = { at: NOW } as FleetSnapshot;
  let gathers = 0;
  const data = createChatData(h.ctx, {
    gather: () => {
      gathers++;
      return Promise.resolve(snapshot);
    },
  });
  assert.equal(await data.snapshot(), snapshot);
  assert.equal(gathers, 1);
});
