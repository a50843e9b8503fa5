import assert from "node:assert/strict";
import { join } from "node:path";
import { jsonLine, NOW, rows, tempHome, testConfig, usageLine } from "./_ingest_fixtures.ts";

const PRICED = { prices: { "claude-sonnet-4-5": { input: 2, output: 10 } } };

Deno.test("ingestLogs() stores negative and absurd token counts as 0", async () => {
  await using home = await tempHome();
  await home.writeLog(
    "w1",
    usageLine({ input: -50, output: 40, cache_read: 5e12, cache_write: 7 }),
  );
  await home.ingest({ config: await testConfig(PRICED) });
  const [row] = rows(
    home.store,
    "SELECT input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nanos FROM usage",
  );
  assert.deepEqual({ ...row }, {
    input_tokens: 0,
    output_tokens: 40,
    cache_read_tokens: 0,
    cache_write_tokens: 7,
    // 40 output at 10 USD/M, 7 cache writes at the input price (2 USD/M).
    cost_nanos: 40 * 10_000 + 7 * 2_000,
  });
});

Deno.test("ingestLogs() prices an unknown model at default_price and reports it", async () => {
  await using home = await tempHome();
  await home.writeLog(
    "w1",
    usageLine({ input: 1_000_000, output: 0 }, { model: "acme-zeta-1" }) +
      usageLine({ input: 0, output: 1_000 }, { model: "claude-sonnet-4-5" }),
  );
  const config = await testConfig({ ...PRICED, default_price: { input: 4, output: 8 } });
  const report = await home.ingest({ config });
  assert.deepEqual(report.unknownModels, ["acme-zeta-1"]);
  assert.deepEqual(
    rows(home.store, "SELECT model, cost_nanos, cost_source FROM usage ORDER BY id").map((r) => ({
      ...r,
    })),
    [
      { model: "acme-zeta-1", cost_nanos: 4_000_000_000, cost_source: "default" },
      { model: "claude-sonnet-4-5", cost_nanos: 10_000_000, cost_source: "config" },
    ],
  );
});

Deno.test("ingestLogs() gives a line without timestamp the previous line's time, else the file's mtime", async () => {
  await using home = await tempHome();
  const at = Date.UTC(2026, 2, 9, 8, 30);
  const noTime = { timestamp: undefined };
  await home.writeLog("w1", usageLine({ input: 1, output: 1 }, noTime));
  const mtime = new Date(NOW - 3 * 3_600_000);
  await Deno.utime(join(home.layout.logs, "w1.log"), mtime, mtime);
  await home.writeLog(
    "w2",
    usageLine({ input: 2, output: 1 }, { timestamp: new Date(at).toISOString() }) +
      usageLine({ input: 3, output: 1 }, noTime),
  );
  await home.ingest();
  const times = rows(home.store, "SELECT input_tokens AS n, at FROM usage ORDER BY n");
  assert.deepEqual(times.map((r) => Number(r["at"])), [mtime.getTime(), at, at]);
});

Deno.test("ingestLogs() counts malformed lines and ingests the rest", async () => {
  await using home = await tempHome();
  await home.writeLog(
    "w1",
    "{broken json\n" + usageLine({ input: 1, output: 1 }) + "[1,2]\n\n" +
      usageLine({ input: 2, output: 1 }),
  );
  const report = await home.ingest();
  assert.equal(report.malformed, 3);
  assert.equal(report.lines, 5);
  assert.equal(report.usageInserted, 2);
});

Deno.test("ingestLogs() takes the log's own cost_usd over the price table", async () => {
  await using home = await tempHome();
  await home.writeLog("w1", usageLine({ input: 1_000, output: 1_000 }, { cost_usd: 0.123456789 }));
  await home.ingest({ config: await testConfig(PRICED) });
  const [row] = rows(home.store, "SELECT cost_nanos, cost_source FROM usage");
  assert.deepEqual({ ...row }, { cost_nanos: 123_456_789, cost_source: "log" });
});

Deno.test("ingestLogs() attributes usage to the bead named only by an earlier task_started line", async () => {
  await using home = await tempHome();
  const started = jsonLine({
    timestamp: "2026-03-10T09:00:00Z",
    event: "task_started",
    bead_id: "bd-7",
  });
  await home.writeLog("w1", usageLine({ input: 1, output: 1 }) + started);
  await home.ingest();
  // The bead must carry over from the first pass to the next one (context saved with the offset).
  home.reopen();
  await home.appendLog("w1", usageLine({ input: 2, output: 1 }));
  await home.ingest();
  const beads = rows(home.store, "SELECT input_tokens AS n, bead_id FROM usage ORDER BY n");
  assert.deepEqual(beads.map((r) => r["bead_id"]), [null, "bd-7"]);
  const daily = rows(home.store, "SELECT bead_id, calls FROM usage_bead_daily");
  assert.deepEqual(daily.map((r) => ({ ...r })), [{ bead_id: "bd-7", calls: 1 }]);
});

Deno.test("ingestLogs() names the subscription plan that covers a model", async () => {
  await using home = await tempHome();
  await home.writeLog(
    "w1",
    usageLine({ input: 1, output: 1 }, { model: "claude-sonnet-4-5" }) +
      usageLine({ input: 2, output: 1 }, { model: "gpt-5" }),
  );
  const config = await testConfig({
    subscriptions: [{ name: "max-team", models: ["claude-*"], unit: "unlimited" }],
  });
  await home.ingest({ config });
  const plans = rows(home.store, "SELECT model, plan FROM usage ORDER BY input_tokens");
  assert.deepEqual(plans.map((r) => ({ ...r })), [
    { model: "claude-sonnet-4-5", plan: "max-team" },
    { model: "gpt-5", plan: "" },
  ]);
});

Deno.test("ingestLogs() stores whole milliseconds for epoch-second timestamps with fractions", async () => {
  await using home = await tempHome();
  const seconds = Date.UTC(2026, 2, 10, 10) / 1000 + 0.123456;
  await home.writeLog("w1", usageLine({ input: 1, output: 1 }, { timestamp: seconds }));
  await home.ingest();
  const [row] = rows(home.store, "SELECT at, typeof(at) AS t FROM usage");
  assert.deepEqual({ ...row }, { at: Date.UTC(2026, 2, 10, 10) + 123, t: "integer" });
  // SQL buckets a REAL time to itself, not to its hour: rollups rebuilt in SQL must agree.
  const [bucket] = rows(home.store, "SELECT (at / 3600000) * 3600000 AS hour FROM usage");
  assert.equal(bucket?.["hour"], Date.UTC(2026, 2, 10, 10));
});
