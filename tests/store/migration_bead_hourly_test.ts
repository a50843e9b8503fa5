import assert from "node:assert/strict";
import { join } from "node:path";
import { MIGRATIONS, Store, taskStats, usageGroups } from "../../src/store/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { rawSums, rollupSums } from "./_ingest_fixtures.ts";
import { handSum, type UsageInput, widened, writeRows } from "./_query_fixtures.ts";
import { seededRandom } from "../helpers/seeded_random.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 23 November 2026 00:00 UTC. */
const START = Date.UTC(2026, 10, 23);

/** Raw usage rows as a version-2 FORGE left them: beads, no beads, several hours and days. */
function generate(count: number): UsageInput[] {
  const rnd = seededRandom(99);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: count }, () => ({
    at: START + Math.floor(rnd() * 2 * DAY),
    workspace: pick(["/a", "/b"]),
    beadId: pick([null, "b-1", "b-2", "b-3"]),
    model: pick(["opus", "gpt-5"]),
    plan: pick(["", "max"]),
    input: Math.floor(rnd() * 10_000),
    output: Math.floor(rnd() * 1_000),
    cacheRead: Math.floor(rnd() * 5_000),
    cacheWrite: Math.floor(rnd() * 100),
    costNanos: Math.floor(rnd() * 1e9),
  }));
}

/** The rollups a version-2 FORGE kept, each summed from the raw rows by SQL. */
const V2_ROLLUPS = [
  ["usage_hourly", HOUR, "model, worker_id, workspace, plan", ""],
  ["usage_daily", DAY, "model, worker_id, workspace, plan", ""],
  ["usage_bead_daily", DAY, "bead_id, workspace, model, plan", "WHERE bead_id IS NOT NULL"],
] as const;

/**
 * Writes raw usage rows and the version-2 rollups with SQL, as a version-2 FORGE left them
 * (its ingestion cannot run here: today's rolls into usage_bead_hourly, which v2 lacks). The
 * rows get a source id no log source has, so later ingestion never takes them for duplicates.
 */
function writeV2(store: Store, rows: readonly UsageInput[]): void {
  store.transaction(() => {
    const insert = store.statement(
      `INSERT INTO usage (source_id, source_offset, seq, at, worker_id, workspace, bead_id, model,
         plan, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nanos,
         cost_source) VALUES (1000000, ?, 0, ?, 'w1', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'log')`,
    );
    rows.forEach((r, i) =>
      insert.run(
        i,
        r.at,
        r.workspace ?? "/ws",
        r.beadId ?? null,
        r.model ?? "m",
        r.plan ?? "",
        r.input ?? 0,
        r.output ?? 0,
        r.cacheRead ?? 0,
        r.cacheWrite ?? 0,
        r.costNanos ?? 0,
      )
    );
    for (const [table, bucket, dims, where] of V2_ROLLUPS) {
      store.exec(
        `INSERT INTO ${table} SELECT (at / ${bucket}) * ${bucket}, ${dims}, count(*),
           sum(input_tokens), sum(output_tokens), sum(cache_read_tokens),
           sum(cache_write_tokens), sum(cost_nanos)
         FROM usage ${where} GROUP BY 1, ${dims}`,
      );
    }
  });
}

/** The hourly per-bead groups a person would make of the raw rows. */
function handBeadHours(rows: readonly UsageInput[]): Map<string, ReturnType<typeof handSum>> {
  const groups = Map.groupBy(
    rows.filter((r) => r.beadId !== null),
    (r) => [Math.floor(r.at / HOUR) * HOUR, r.beadId, r.workspace, r.model, r.plan].join("|"),
  );
  return new Map([...groups].map(([k, rs]) => [k, handSum(rs)]));
}

function storedBeadHours(store: Store): Map<string, ReturnType<typeof handSum>> {
  const rows = store.statement(
    `SELECT hour, bead_id, workspace, model, plan, calls, input_tokens, output_tokens,
       cache_read_tokens, cache_write_tokens, cost_nanos,
       CASE WHEN plan = '' THEN cost_nanos ELSE 0 END AS billed FROM usage_bead_hourly`,
  ).all() as Record<string, number | string>[];
  return new Map(rows.map((r) => [
    [r["hour"], r["bead_id"], r["workspace"], r["model"], r["plan"]].join("|"),
    {
      calls: Number(r["calls"]),
      input: Number(r["input_tokens"]),
      output: Number(r["output_tokens"]),
      cacheRead: Number(r["cache_read_tokens"]),
      cacheWrite: Number(r["cache_write_tokens"]),
      costNanos: Number(r["cost_nanos"]),
      billedNanos: Number(r["billed"]),
    },
  ]));
}

function indexColumns(store: Store, index: string): string[] {
  return (store.statement(`PRAGMA index_info(${index})`).all() as { name: string }[])
    .map((c) => c.name);
}

Deno.test("Store.open() applies migration 3 to a version-2 database: usage_bead_hourly is backfilled from the raw rows", async (t) => {
  await using dir = await tempDir();
  const path = join(dir.path, "forge.db");
  const rows = generate(1_200);
  const v2 = Store.open(path, { migrations: MIGRATIONS.slice(0, 2) });
  assert.equal(v2.schemaVersion, 2);
  writeV2(v2, rows);
  v2.exec(
    `INSERT INTO task_events (source_id, source_offset, seq, at, worker_id, workspace, model,
       phase, duration_ms) VALUES (1000000, 5000, 0, ${START + HOUR}, 'w1', '/a', 'opus',
       'completed', 1234), (1000000, 5001, 0, ${START + HOUR}, 'w1', '/a', 'opus', 'failed', NULL)`,
  );
  assert.deepEqual(indexColumns(v2, "task_events_at"), ["at"]);
  v2.close();

  const store = Store.open(path);
  try {
    assert.equal(store.schemaVersion, 3);
    await t.step(
      "one row per hour, bead, workspace, model and plan, equal to a hand grouping",
      () => {
        const hand = handBeadHours(rows);
        assert.ok(hand.size > 100, "many groups");
        assert.deepEqual(storedBeadHours(store), hand);
      },
    );
    await t.step("usage without a bead is not in it; its sums are the bead rows' sums", () => {
      assert.deepEqual(
        rollupSums(store, "usage_bead_hourly"),
        rawSums(store, "bead_id IS NOT NULL"),
      );
    });
    await t.step(
      "task_events_at now covers (at, phase, model, duration_ms); the one-column index is gone",
      () => {
        assert.deepEqual(indexColumns(store, "task_events_at"), [
          "at",
          "phase",
          "model",
          "duration_ms",
        ]);
        const onTasks = store.statement(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'task_events' AND sql IS NOT NULL ORDER BY name",
        ).all() as { name: string }[];
        assert.deepEqual(onTasks.map((r) => r.name), ["task_events_at"]);
        const opus = taskStats(store, { since: START, until: START + DAY }).get("opus");
        assert.deepEqual([opus?.completed, opus?.failed, [...(opus?.durations ?? [])]], [1, 1, [
          1234,
        ]]);
      },
    );
    await t.step("a sub-day span by bead reads the backfill: equal to the raw rows", () => {
      const since = START + DAY + 3 * HOUR + 20 * 60_000;
      const until = START + DAY + 7 * HOUR + 1;
      const w = widened(since, until);
      const inside = rows.filter((r) => r.at >= w.since && r.at < w.until);
      const got = usageGroups(store, { since, until, by: "bead" });
      const hand = Map.groupBy(inside, (r) => `${r.beadId ?? "-"}|${r.beadId ? r.workspace : ""}`);
      assert.deepEqual(
        new Map(
          got.map(({ key, workspace, ...sums }) => [`${key ?? "-"}|${workspace ?? ""}`, sums]),
        ),
        new Map([...hand].map(([k, rs]) => [k, handSum(rs)])),
      );
    });
    await t.step("later batches add to the backfilled rows", () => {
      const more = generate(300).map((r) => ({ ...r, at: r.at + HOUR / 2 }));
      writeRows(store, { usage: more });
      assert.deepEqual(storedBeadHours(store), handBeadHours([...rows, ...more]));
    });
  } finally {
    store.close();
  }
});
