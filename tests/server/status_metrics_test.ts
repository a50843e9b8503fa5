/**
 * `/metrics`: Prometheus text exposition 0.0.4 that a scraper can read line by line: every
 * family with HELP and TYPE before its samples, label values escaped, gauges from the snapshot,
 * and month-to-date counters and a cumulative duration histogram from a real SQLite store.
 */
import assert from "node:assert/strict";
import { readStoreTotals } from "../../src/cli/commands/_serve_totals.ts";
import { DURATION_BUCKETS } from "../../src/server/mod.ts";
import { fixtureSnapshot } from "../dashboard/_fixture.ts";
import { tempStore, writeRows } from "../store/_query_fixtures.ts";
import { standIn } from "./_status_fixture.ts";

/** A sample: name, labels, value. */
interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/g;

/** Parses the exposition strictly: any line that is not a comment or a sample fails. */
function parse(text: string): { samples: Sample[]; types: Map<string, string> } {
  assert.ok(text.endsWith("\n"), "the exposition ends with a newline");
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const helped = new Set<string>();
  for (const line of text.slice(0, -1).split("\n")) {
    const help = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$/.exec(line);
    if (help !== null) {
      helped.add(help[1] as string);
      continue;
    }
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (gauge|counter|histogram)$/.exec(line);
    if (type !== null) {
      assert.ok(helped.has(type[1] as string), `HELP before TYPE for ${type[1]}`);
      types.set(type[1] as string, type[2] as string);
      continue;
    }
    const m = SAMPLE.exec(line);
    assert.ok(m !== null, `not a sample line: ${JSON.stringify(line)}`);
    const name = m[1] as string;
    const family = [...types.keys()].find((f) =>
      name === f ||
      (types.get(f) === "histogram" && /^_(bucket|sum|count)$/.test(name.slice(f.length)))
    );
    assert.ok(family !== undefined, `a sample of an undeclared family: ${name}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(LABEL)) labels[l[1] as string] = l[2] as string;
    samples.push({ name, labels, value: m[3] === "+Inf" ? Infinity : Number(m[3]) });
  }
  return { samples, types };
}

function value(samples: readonly Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.find((s) =>
    s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)
  );
  assert.ok(found !== undefined, `${name} ${JSON.stringify(labels)}`);
  return found.value;
}

Deno.test("/metrics exposes the fleet's gauges in text format 0.0.4", async () => {
  const snapshot = fixtureSnapshot({ workers: 24, beads: 200 });
  const s = standIn({ snapshot });
  const r = await s.app.request("/metrics");
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const { samples, types } = parse(await r.text());
  assert.equal(types.get("forge_workers"), "gauge");
  const states = samples.filter((x) => x.name === "forge_workers");
  assert.equal(states.reduce((n, x) => n + x.value, 0), 24);
  for (const w of ["active", "idle", "stopped", "failed"]) {
    const n = snapshot.workers.filter((x) => x.view.status.state === w).length;
    assert.equal(value(samples, "forge_workers", { state: w }), n);
  }
  assert.equal(value(samples, "forge_beads", { state: "ready" }), snapshot.counts.ready);
  assert.equal(value(samples, "forge_beads", { state: "blocked" }), snapshot.counts.blocked);
  const unhealthy = samples.filter((x) => x.name === "forge_workers_unhealthy");
  const expected =
    snapshot.workers.filter((w) => w.view.health !== "healthy" && w.view.status.state !== "stopped")
      .length;
  assert.equal(unhealthy.reduce((n, x) => n + x.value, 0), expected);
  // Reasons are kinds, not sentences: no bead ids or minutes in label values.
  assert.ok(
    unhealthy.every((x) => /^[a-z ]+$/.test(x.labels["reason"] ?? "")),
    JSON.stringify(unhealthy),
  );
  assert.equal(value(samples, "forge_store_up", {}), 0);
  assert.equal(value(samples, "forge_engine_running", {}), 1);
});

Deno.test("/metrics counts month-to-date cost, tokens and task durations from a real store", async () => {
  await using db = await tempStore();
  const now = Date.UTC(2026, 10, 25, 12, 30);
  const lastMonth = Date.UTC(2026, 9, 30, 12);
  writeRows(db.store, {
    usage: [
      { at: now - 3_600_000, model: "sonnet", input: 1000, output: 200, costNanos: 1_250_000_000 },
      { at: now - 60_000, model: "sonnet", input: 10, cacheRead: 5, costNanos: 250_000_000 },
      { at: now - 60_000, model: "glm", output: 7, costNanos: 1_000_000 },
      { at: lastMonth, model: "sonnet", input: 99_999, costNanos: 9_000_000_000 },
    ],
    tasks: [
      { at: now - 7_200_000, model: "sonnet", phase: "completed", durationMs: 4_000 },
      { at: now - 7_100_000, model: "sonnet", phase: "completed", durationMs: 45_000 },
      { at: now - 7_000_000, model: "sonnet", phase: "completed", durationMs: 20_000_000 },
      { at: now - 6_000_000, model: "sonnet", phase: "failed" },
      { at: lastMonth, model: "sonnet", phase: "completed", durationMs: 1_000 },
    ],
  });
  const s = standIn();
  s.totals = readStoreTotals(db.store, now);
  const { samples, types } = parse(await (await s.app.request("/metrics")).text());
  assert.equal(types.get("forge_cost_usd_total"), "counter");
  assert.equal(types.get("forge_task_duration_seconds"), "histogram");
  assert.equal(value(samples, "forge_store_up", {}), 1);
  assert.equal(value(samples, "forge_cost_usd_total", { model: "sonnet" }), 1.5);
  assert.equal(value(samples, "forge_cost_usd_total", { model: "glm" }), 0.001);
  assert.equal(value(samples, "forge_tokens_total", { model: "sonnet", kind: "input" }), 1010);
  assert.equal(value(samples, "forge_tokens_total", { model: "sonnet", kind: "cache_read" }), 5);
  assert.equal(value(samples, "forge_tokens_total", { model: "glm", kind: "output" }), 7);
  const buckets = samples.filter((x) =>
    x.name === "forge_task_duration_seconds_bucket" && x.labels["model"] === "sonnet"
  );
  assert.deepEqual(buckets.map((b) => b.labels["le"]), [...DURATION_BUCKETS.map(String), "+Inf"]);
  for (let i = 1; i < buckets.length; i++) {
    assert.ok((buckets[i]?.value ?? 0) >= (buckets[i - 1]?.value ?? 0), "cumulative buckets");
  }
  assert.equal(
    value(samples, "forge_task_duration_seconds_bucket", { model: "sonnet", le: "5" }),
    1,
  );
  assert.equal(
    value(samples, "forge_task_duration_seconds_bucket", { model: "sonnet", le: "60" }),
    2,
  );
  assert.equal(
    value(samples, "forge_task_duration_seconds_bucket", { model: "sonnet", le: "14400" }),
    2,
  );
  assert.equal(
    value(samples, "forge_task_duration_seconds_bucket", { model: "sonnet", le: "+Inf" }),
    3,
  );
  assert.equal(value(samples, "forge_task_duration_seconds_count", { model: "sonnet" }), 3);
  assert.equal(value(samples, "forge_task_duration_seconds_sum", { model: "sonnet" }), 20_049);
});

Deno.test("/metrics escapes label values and redacts them", async () => {
  const base = fixtureSnapshot({ workers: 1 });
  const hostile = 'we"ird\\model\nsk-ant-api03-abcdefghijklmnopqrstuvwxyz';
  const s = standIn({ snapshot: { ...base, version: hostile } });
  s.totals = {
    since: 0,
    models: [{
      model: hostile,
      costNanos: 1,
      tokens: { input: 1, output: 0, cacheRead: 0, cacheWrite: 0 },
      durationsMs: [],
    }],
  };
  const text = await (await s.app.request("/metrics")).text();
  parse(text);
  assert.doesNotMatch(text, /sk-ant-api03/);
  assert.match(text, /version="we\\"ird\\\\model\\n\[redacted\]"/);
});
