import assert from "node:assert/strict";
import { join } from "node:path";
import { type ForgeSandbox, forgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { sandboxPids, spawnSim, workerSandbox } from "./_workers.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number): string => new Date(ms).toISOString();

function line(at: number, worker: string, event: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    timestamp: new Date(at).toISOString(),
    level: "info",
    worker_id: worker,
    event,
    ...extra,
  });
}

/** A log: one model call (naming the model), then tasks of known durations. */
function workerLog(
  worker: string,
  options: {
    readonly model: string;
    readonly start: number;
    readonly micro: number;
    readonly tasks: readonly { readonly ms: number; readonly outcome: "completed" | "failed" }[];
  },
): string {
  let at = options.start;
  const usd = `0.${String(options.micro).padStart(6, "0")}`;
  const lines = [
    line(at, worker, "api_call", { model: options.model, tokens: { input: 10, output: 5 } })
      .slice(0, -1) + `,"cost_usd":${usd}}`,
  ];
  options.tasks.forEach((t, i) => {
    at += MINUTE;
    lines.push(line(at, worker, "task_started", { bead_id: `${worker}-${i}` }));
    at += t.ms;
    lines.push(line(at, worker, `task_${t.outcome}`, { bead_id: `${worker}-${i}` }));
  });
  return lines.join("\n") + "\n";
}

// deno-lint-ignore no-explicit-any
async function forgeJson(sb: ForgeSandbox, args: string[]): Promise<any> {
  const run = await sb.forge([...args, "--json"]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

const metrics = (sb: ForgeSandbox, args: string[] = []) => forgeJson(sb, ["metrics", ...args]);

Deno.test("forge metrics reports success rate, percentiles, throughput and cost per task from the logs", async (t) => {
  await using sb = await forgeSandbox("metrics");
  const logs = join(sb.home, "logs");
  await Deno.mkdir(logs, { recursive: true });
  const start = Date.now() - 2 * 86_400_000;
  // Sonnet: ten completed tasks of 1 … 10 s, and one failed. GPT-5: two completed of 250 ms.
  await Deno.writeTextFile(
    join(logs, "w-sonnet.log"),
    workerLog("w-sonnet", {
      model: "claude-sonnet-4-5",
      start,
      micro: 500_000,
      tasks: [
        ...[3, 1, 4, 10, 5, 9, 2, 6, 8, 7].map((s) => ({
          ms: s * 1000,
          outcome: "completed" as const,
        })),
        { ms: 500, outcome: "failed" },
      ],
    }),
  );
  await Deno.writeTextFile(
    join(logs, "w-gpt.log"),
    workerLog("w-gpt", {
      model: "gpt-5",
      start,
      micro: 3,
      tasks: [{ ms: 250, outcome: "completed" }, { ms: 250, outcome: "completed" }],
    }),
  );

  await t.step("--json: per model and in total", async () => {
    const r = await metrics(sb);
    assert.equal(Date.parse(r.until) - Date.parse(r.since), 7 * 86_400_000);
    const [sonnet, gpt] = r.models; // by name
    assert.equal(sonnet.model, "claude-sonnet-4-5");
    assert.equal(sonnet.tasks_completed, 10);
    assert.equal(sonnet.tasks_failed, 1);
    assert.equal(sonnet.success_rate, 0.9091);
    assert.deepEqual(sonnet.duration, {
      samples: 10,
      p50_ms: 5000,
      p95_ms: 10_000,
      p99_ms: 10_000,
    });
    assert.equal(sonnet.cost_nanos, 500_000_000);
    assert.equal(sonnet.cost_per_task_usd, 0.05);
    // Per hour of the period that has passed: the 7 days end with the current hour's end.
    const passed = Math.min(Date.parse(r.until), Date.parse(r.generated_at)) - Date.parse(r.since);
    assert.equal(sonnet.throughput_per_hour, Math.round((10 / (passed / HOUR)) * 1e4) / 1e4);
    assert.equal(sonnet.hourly.length, 24);
    assert.equal(gpt.model, "gpt-5");
    assert.deepEqual(gpt.duration, { samples: 2, p50_ms: 250, p95_ms: 250, p99_ms: 250 });
    assert.equal(gpt.cost_per_task_usd, 0.000002); // 1,500 nanos rounded to 6 decimals
    assert.equal(r.total.tasks_completed, 12);
    assert.equal(r.total.tasks_failed, 1);
    assert.equal(r.total.cost_nanos, 500_003_000);
    assert.deepEqual(r.total.duration, {
      samples: 12,
      p50_ms: 4000,
      p95_ms: 10_000,
      p99_ms: 10_000,
    });
  });

  await t.step("--since and --until bound the period, widened to whole hours", async () => {
    const hour = Math.floor(start / HOUR) * HOUR;
    const before = await metrics(sb, ["--until", iso(hour)]);
    assert.equal(before.until, iso(hour));
    assert.deepEqual(before.models, []);
    assert.equal(before.total.tasks_completed, 0);
    // Until the instant of the first calls: their hour counts whole, and the report says so.
    const ragged = await metrics(sb, ["--until", iso(hour + 1)]);
    assert.equal(ragged.until, iso(hour + HOUR));
    assert.deepEqual(
      // deno-lint-ignore no-explicit-any
      ragged.models.map((m: any) => [m.model, m.cost_nanos]),
      [["claude-sonnet-4-5", 500_000_000], ["gpt-5", 3_000]],
    );
  });

  await t.step("the human table", async () => {
    const run = await sb.forge(["metrics"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^MODEL +DONE +FAILED +SUCCESS +P50 +P95 +P99 +PER HOUR +LAST 24H +COST +COST\/TASK$/m,
    );
    assert.match(
      run.stdout,
      /^claude-sonnet-4-5 +10 +1 +90\.9 % +5\.0s +10\.0s +10\.0s +0\.06 +0 +\$0\.5000 +\$0\.0500$/m,
    );
    assert.match(run.stdout, /^gpt-5 +2 +0 +100\.0 % +250ms +250ms +250ms /m);
    assert.match(run.stdout, /^ALL +12 +1 /m);
  });

  await t.step("an unreadable --since exits 2 and names the accepted forms", async () => {
    const run = await sb.forge(["metrics", "--since", "last week"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Cannot read --since "last week": expected a date/);
  });
});

/** What the test counts by hand from one model's log lines. */
interface HandCount {
  /** Calls, input, output, cache read, cache write. */
  tokens: number[];
  nanos: number;
  completed: number;
  failed: number;
  durations: number[];
}

/**
 * Counts the sim workers' logs the way a person would: api_call lines (tokens, and cost_usd read
 * as an exact decimal) by their model; task_completed / task_failed lines by the worker's model,
 * with durations from task_started to task_completed.
 */
async function countLogs(logs: string): Promise<Map<string, HandCount>> {
  const counts = new Map<string, HandCount>();
  const of = (model: string) => {
    const c = counts.get(model) ??
      { tokens: [0, 0, 0, 0, 0], nanos: 0, completed: 0, failed: 0, durations: [] };
    counts.set(model, c);
    return c;
  };
  for await (const entry of Deno.readDir(logs)) {
    if (!entry.name.endsWith(".log") || entry.name === "forge.log") continue;
    let workerModel = "";
    let started: number | undefined;
    for (const line of (await Deno.readTextFile(join(logs, entry.name))).split("\n")) {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line);
      } catch {
        continue; // a blank or cut-off last line
      }
      const at = Date.parse(String(o["timestamp"]));
      const event = o["event"];
      if (event === "worker_started") workerModel = String(o["model"]);
      if (event === "api_call") {
        const c = of(String(o["model"]));
        const t = o["tokens"] as Record<string, number>;
        [1, t["input"], t["output"], t["cache_read"], t["cache_write"]]
          .forEach((n, i) => c.tokens[i] = (c.tokens[i] ?? 0) + (n ?? 0));
        const [, whole, micro] = /"cost_usd":(\d+)\.(\d{6})/.exec(line) ?? [];
        c.nanos += (Number(whole) * 1e6 + Number(micro)) * 1000;
      } else if (event === "task_started") {
        started = at;
      } else if (event === "task_completed") {
        of(workerModel).completed++;
        if (started !== undefined) of(workerModel).durations.push(at - started);
        started = undefined;
      } else if (event === "task_failed") {
        of(workerModel).failed++;
        started = undefined;
      }
    }
  }
  return counts;
}

function nearestRank(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
}

/** Runs two `sim` workers and one priced as glm-4.6 until some tasks completed and some failed. */
async function runSims(sb: ForgeSandbox): Promise<void> {
  const fast = { SIM_WORK_SECONDS: "2", SIM_CALL_SECONDS: "0.2", SIM_IDLE_SECONDS: "0.2" };
  await spawnSim(sb, 2, { SIM_FAIL_PCT: "30" });
  await Deno.writeTextFile(
    join(sb.home, "config.yaml"),
    `launcher:\n  env_passthrough: [${[...Object.keys(fast), "SIM_FAIL_PCT"].join(", ")}]\n`,
  );
  const glm = await sb.forge(["spawn", "--launcher", "sim", "--model", "glm-4.6"], {
    env: { ...fast, SIM_FAIL_PCT: "30" },
  });
  assert.equal(glm.code, 0, glm.stderr);
  await waitFor(async () => {
    const all = [...(await countLogs(join(sb.home, "logs"))).values()];
    return all.length === 2 && all.reduce((n, c) => n + c.completed, 0) >= 4 &&
      all.reduce((n, c) => n + c.failed, 0) >= 1;
  }, { timeoutMs: 90_000, intervalMs: 250, what: "some completed and some failed sim tasks" });
  const kill = await sb.forge(["kill", "--all", "--yes"]);
  assert.equal(kill.code, 0, kill.stderr);
  await waitFor(async () => (await sandboxPids(sb)).length === 0, { what: "the sims to end" });
}

Deno.test("after real sim workers ran, forge costs --by model and forge metrics equal a hand count of their logs", async () => {
  await using sb = await workerSandbox("handcount");
  await runSims(sb);
  const hand = await countLogs(join(sb.home, "logs"));
  const costs = await forgeJson(sb, ["costs", "--by", "model"]);
  const report = await metrics(sb);
  assert.deepEqual([...hand.keys()].sort(), ["glm-4.6", "sim"]);
  // deno-lint-ignore no-explicit-any
  assert.deepEqual(costs.rows.map((r: any) => r.key).sort(), ["glm-4.6", "sim"]);
  // deno-lint-ignore no-explicit-any
  assert.deepEqual(report.models.map((m: any) => m.model).sort(), ["glm-4.6", "sim"]);
  for (const [model, c] of hand) {
    // deno-lint-ignore no-explicit-any
    const row = costs.rows.find((r: any) => r.key === model);
    const t = row.tokens;
    assert.deepEqual([row.calls, t.input, t.output, t.cache_read, t.cache_write], c.tokens, model);
    assert.equal(row.cost_nanos, c.nanos, `${model}: cost in nano-dollars`);
    // deno-lint-ignore no-explicit-any
    const m = report.models.find((x: any) => x.model === model);
    assert.deepEqual([m.tasks_completed, m.tasks_failed], [c.completed, c.failed], model);
    assert.equal(m.cost_nanos, c.nanos, `${model}: metrics cost`);
    const d = m.duration;
    assert.deepEqual(
      d === null ? null : [d.samples, d.p50_ms, d.p95_ms, d.p99_ms],
      c.durations.length === 0
        ? null
        : [c.durations.length, ...[50, 95, 99].map((p) => nearestRank(c.durations, p))],
      `${model}: durations`,
    );
  }
  const sum = (f: (c: HandCount) => number) => [...hand.values()].reduce((n, c) => n + f(c), 0);
  assert.equal(report.total.tasks_completed, sum((c) => c.completed));
  assert.equal(report.total.tasks_failed, sum((c) => c.failed));
  assert.equal(costs.total.cost_nanos, sum((c) => c.nanos));
  assert.ok(report.total.tasks_failed >= 1 && report.total.tasks_completed >= 4);
});
