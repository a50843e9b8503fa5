import assert from "node:assert/strict";
import { PRUNE_INTERVAL_MS, pruneIfDue, pruneStore, type Store } from "../../src/store/mod.ts";
import { NOW, rawSums, rollupSums, rows, tempHome, usageLine } from "./_ingest_fixtures.ts";

const DAY = 86_400_000;
const KEEP = { retentionDays: 30, auditRetentionDays: 365 };

/** Inserts rows of every pruned kind at `at`, tagged so tests can tell them apart. */
function insertAt(store: Store, at: number, tag: number): void {
  store.transaction(() => {
    store.statement(
      `INSERT INTO task_events (source_id, source_offset, seq, at, worker_id, workspace, bead_id, model, phase)
       VALUES (1, ?, 0, ?, 'w1', '/ws', 'bd-1', 'm', 'completed')`,
    ).run(tag, at);
    store.statement(
      "INSERT INTO worker_events (source_id, source_offset, seq, at, worker_id, kind) VALUES (1, ?, 0, ?, 'w1', 'started')",
    ).run(tag, at);
    store.statement(
      "INSERT INTO routing_decisions (at, bead_id, workspace, outcome, reason) VALUES (?, 'bd-1', '/ws', 'assigned', ?)",
    ).run(at, String(tag));
    store.statement(
      "INSERT INTO audit (at, actor, interface, action, target, outcome, details) VALUES (?, 'a@b', 'cli', 'spawn', ?, 'ok', '{}')",
    ).run(at, String(tag));
    for (const acknowledged of [null, at + 1]) {
      store.statement(
        "INSERT INTO alerts (at, severity, kind, subject, message, dedupe_key, acknowledged_at) VALUES (?, 'warn', 'budget', 's', 'm', ?, ?)",
      ).run(at, `${tag}-${acknowledged === null ? "open" : "ack"}`, acknowledged);
    }
  });
}

function count(store: Store, table: string): number {
  return Number(rows(store, `SELECT count(*) AS n FROM ${table}`)[0]?.["n"]);
}

async function homeWithUsage(): Promise<Awaited<ReturnType<typeof tempHome>>> {
  const home = await tempHome();
  // Usage 100, 40, 31, 29 and 1 days old: the first three are past a 30-day retention.
  const lines = [100, 40, 31, 29, 1].map((days, i) =>
    usageLine({ input: 10 ** i, output: 1 }, {
      timestamp: new Date(NOW - days * DAY).toISOString(),
    })
  );
  await home.writeLog("w1", lines.join(""));
  await home.ingest();
  return home;
}

Deno.test("pruneStore() deletes raw rows past retention and keeps the rollups", async () => {
  await using home = await homeWithUsage();
  const store = home.store;
  insertAt(store, NOW - 400 * DAY, 1); // past both retentions
  insertAt(store, NOW - 100 * DAY, 2); // past raw retention only
  insertAt(store, NOW - DAY, 3);
  const rollupsBefore = rollupSums(store, "usage_daily");

  const counts = pruneStore(store, { now: NOW, ...KEEP });

  assert.deepEqual(counts, {
    usage: 3,
    taskEvents: 2,
    workerEvents: 2,
    routingDecisions: 2,
    alerts: 2,
    audit: 1,
  });
  assert.deepEqual(rawSums(store), { ...rawSums(store), calls: 2, input: 1_000 + 10_000 });
  assert.deepEqual(rollupSums(store, "usage_daily"), rollupsBefore);
  assert.deepEqual(rollupSums(store, "usage_hourly"), rollupsBefore);
  assert.equal(rollupsBefore.calls, 5);
  assert.deepEqual(rows(store, "SELECT target FROM audit ORDER BY at").map((r) => r["target"]), [
    "2",
    "3",
  ]);
  // Open alerts stay, however old: nobody has looked at them yet.
  assert.deepEqual(
    rows(store, "SELECT dedupe_key FROM alerts ORDER BY id").map((r) => r["dedupe_key"]),
    ["1-open", "2-open", "3-open", "3-ack"],
  );
  assert.deepEqual(pruneStore(store, { now: NOW, ...KEEP }), {
    usage: 0,
    taskEvents: 0,
    workerEvents: 0,
    routingDecisions: 0,
    alerts: 0,
    audit: 0,
  });
});

Deno.test("pruneStore() gives the same result in batches of any size", async (t) => {
  for (const batchRows of [1, 7, 5_000]) {
    await t.step(`${batchRows} rows per transaction`, async () => {
      await using home = await tempHome();
      const store = home.store;
      // Old and new rows interleaved, so every batch window holds both.
      for (let i = 0; i < 60; i++) insertAt(store, i % 3 === 0 ? NOW - 50 * DAY : NOW, i);
      const lines = Array.from({ length: 45 }, (_, i) =>
        usageLine({ input: i, output: 1 }, {
          timestamp: new Date(i % 3 === 0 ? NOW - 50 * DAY : NOW - i).toISOString(),
        }));
      await home.writeLog("w1", lines.join(""));
      await home.ingest();
      const counts = pruneStore(store, { now: NOW, ...KEEP, batchRows });
      assert.equal(counts.usage, 15);
      assert.equal(counts.taskEvents, 20);
      assert.equal(counts.alerts, 20);
      assert.equal(count(store, "usage"), 30);
      assert.equal(count(store, "task_events"), 40);
      assert.equal(rows(store, `SELECT id FROM usage WHERE at < ${NOW - 30 * DAY}`).length, 0);
    });
  }
});

Deno.test("pruneIfDue() runs at most once a day, and again after the clock was set back", async () => {
  await using home = await homeWithUsage();
  const store = home.store;
  const first = pruneIfDue(store, { now: NOW, ...KEEP });
  assert.equal(first?.usage, 3);
  insertAt(store, NOW - 100 * DAY, 9);
  assert.equal(pruneIfDue(store, { now: NOW + 3_600_000, ...KEEP }), undefined);
  assert.equal(pruneIfDue(store, { now: NOW + PRUNE_INTERVAL_MS - 1, ...KEEP }), undefined);
  assert.equal(count(store, "task_events"), 1);
  assert.equal(pruneIfDue(store, { now: NOW + PRUNE_INTERVAL_MS, ...KEEP })?.taskEvents, 1);
  insertAt(store, NOW - 100 * DAY, 10);
  assert.equal(pruneIfDue(store, { now: NOW - DAY, ...KEEP })?.taskEvents, 1);
  // The last run is remembered in the file, not in the process.
  home.reopen();
  assert.equal(pruneIfDue(home.store, { now: NOW - DAY + 3_600_000, ...KEEP }), undefined);
});
