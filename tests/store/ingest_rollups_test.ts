import assert from "node:assert/strict";
import {
  createLogSource,
  type LogPosition,
  UsageColumns,
  type UsageRow,
  writeIngestBatch,
} from "../../src/store/mod.ts";
import { NOW, rawSums, rollupSums, rows, tempHome } from "./_ingest_fixtures.ts";

const HOUR = 3_600_000;
const MODELS = ["claude-sonnet-4-5", "gpt-5", "glm-4.6"];

/** The row a log line at `offset` always becomes: the same line gives the same row. */
function rowAt(offset: number): UsageRow {
  return {
    offset: offset * 100,
    seq: offset % 2,
    // Spread over three days, several hours each.
    at: NOW - (offset % 7) * 11 * HOUR - offset,
    workerId: `w${offset % 3}`,
    workspace: offset % 5 === 0 ? "/ws/b" : "/ws/a",
    beadId: offset % 4 === 0 ? null : `bd-${offset % 6}`,
    model: MODELS[offset % MODELS.length] as string,
    plan: offset % 3 === 0 ? "max" : "",
    input: 1_000 + offset,
    output: 10 * offset,
    cacheRead: offset % 11,
    cacheWrite: offset % 13,
    costUsd: 0.000_123_456_789 * (offset + 1),
    costSource: "builtin",
  };
}

function columns(from: number, to: number): UsageColumns {
  const c = new UsageColumns(4);
  for (let i = from; i < to; i++) c.push(rowAt(i));
  return c;
}

function groupSql(table: string, key: string, dims: string, source: string): string {
  return `SELECT ${key} AS k, ${dims}, ${
    source === "usage" ? "count(*)" : "sum(calls)"
  } AS calls, sum(input_tokens) AS i, sum(output_tokens) AS o, sum(cache_read_tokens) AS r,
    sum(cache_write_tokens) AS w, sum(cost_nanos) AS c FROM ${table}
    ${source === "usage" && dims.startsWith("bead_id") ? "WHERE bead_id IS NOT NULL" : ""}
    GROUP BY 1, ${dims} ORDER BY 1, ${dims}`;
}

Deno.test("writeIngestBatch() keeps every rollup equal to the raw rows when batches overlap", async () => {
  await using home = await tempHome();
  const store = home.store;
  const sourceId = createLogSource(store, {
    path: "/logs/w1.log",
    ino: 42,
    workerId: "w1",
    now: NOW,
  });
  const position = (offset: number): LogPosition => ({
    path: "/logs/w1.log",
    sourceId,
    ino: 42,
    offset,
    lines: offset,
    malformed: 0,
    context: {},
  });
  const write = (from: number, to: number, offset: number) =>
    writeIngestBatch(store, {
      usage: columns(from, to),
      tasks: [],
      events: [],
      position: position(offset),
      now: NOW,
    });

  assert.deepEqual(write(0, 400, 400), { usageInserted: 400, usageDuplicates: 0 });
  // The same lines again, read from an older offset (a crash before the offset was saved …).
  assert.deepEqual(write(200, 700, 300), { usageInserted: 300, usageDuplicates: 200 });
  assert.deepEqual(write(0, 400, 100), { usageInserted: 0, usageDuplicates: 400 });
  assert.deepEqual(write(650, 1000, 1000), { usageInserted: 300, usageDuplicates: 50 });

  const raw = rawSums(store);
  assert.equal(raw.calls, 1000);
  let input = 0;
  for (let i = 0; i < 1000; i++) input += rowAt(i).input;
  assert.equal(raw.input, input);
  assert.deepEqual(rollupSums(store, "usage_hourly"), raw);
  assert.deepEqual(rollupSums(store, "usage_daily"), raw);
  assert.deepEqual(rollupSums(store, "usage_bead_daily"), rawSums(store, "bead_id IS NOT NULL"));
  assert.deepEqual(rollupSums(store, "usage_bead_hourly"), rawSums(store, "bead_id IS NOT NULL"));

  const dims = "model, worker_id, workspace, plan";
  const bucket = (ms: number) => `(at / ${ms}) * ${ms}`;
  const hourly = rows(store, groupSql("usage_hourly", "hour", dims, "rollup"));
  assert.ok(hourly.length > 20, `only ${hourly.length} hourly groups`);
  assert.deepEqual(hourly, rows(store, groupSql("usage", bucket(HOUR), dims, "usage")));
  assert.deepEqual(
    rows(store, groupSql("usage_daily", "day", dims, "rollup")),
    rows(store, groupSql("usage", bucket(24 * HOUR), dims, "usage")),
  );
  const beadDims = "bead_id, workspace, model, plan";
  assert.deepEqual(
    rows(store, groupSql("usage_bead_daily", "day", beadDims, "rollup")),
    rows(store, groupSql("usage", bucket(24 * HOUR), beadDims, "usage")),
  );
  // Both ways of rolling up (whole new batch, or only the new ids of an overlapping one) fill it.
  const beadHours = rows(store, groupSql("usage_bead_hourly", "hour", beadDims, "rollup"));
  assert.ok(beadHours.length > 20, `only ${beadHours.length} bead hours`);
  assert.deepEqual(beadHours, rows(store, groupSql("usage", bucket(HOUR), beadDims, "usage")));
  // The last write moved the offset on; the older offsets of the overlapping batches did not win.
  assert.equal(rows(store, "SELECT offset FROM log_offsets")[0]?.["offset"], 1000);
});
