/**
 * Dashboard benchmarks that need the real program in a real terminal (tmux):
 * - latency: a status file changes on disk → the change is visible in `tmux capture-pane`
 *   (p50/p95 over many changes);
 * - memory: RSS of the dashboard with 100 workers whose status files keep changing, sampled
 *   over a long run (growth = last third's median minus the first third's), and the live heap
 *   after a full collection (through the V8 inspector), which tells a leak from a heap that V8
 *   merely let grow.
 *
 * FORGE runs as `deno task forge` and the compiled binary do: with a 2 MiB young generation
 * (`--v8-flags` below; pass `--v8-flags ""` to measure V8's defaults).
 *
 * Usage: deno run -A scripts/bench_dashboard.ts [--samples 40] [--minutes 10] [--workers 100]
 *        [--v8-flags --max-semi-space-size=2]
 */
// deno-lint-ignore-file no-console -- a benchmark script reports on stdout
import { join } from "node:path";
import { parseArgs } from "node:util";

const ROOT = new URL("..", import.meta.url).pathname;
const { values } = parseArgs({
  args: Deno.args,
  options: {
    samples: { type: "string", default: "40" },
    minutes: { type: "string", default: "10" },
    workers: { type: "string", default: "100" },
    "v8-flags": { type: "string", default: "--max-semi-space-size=2" },
  },
});
const SAMPLES = Number(values.samples);
const INSPECT_PORT = 9339;
const MINUTES = Number(values.minutes);
const WORKERS = Number(values.workers);

const root = await Deno.makeTempDir({ prefix: "forge_dash_bench_" });
const home = join(root, "home");
const status = join(home, "status");
const tmuxDir = join(root, "tmux");
await Deno.mkdir(status, { recursive: true });
await Deno.mkdir(tmuxDir, { recursive: true });
const env: Record<string, string> = {
  ...Deno.env.toObject(),
  FORGE_HOME: home,
  TMUX_TMPDIR: tmuxDir,
  FORGE_NO_UPDATE_CHECK: "1",
  TERM: "xterm-256color",
};
delete env["TMUX"];
delete env["NO_COLOR"];

async function tmux(...args: string[]): Promise<string> {
  const out = await new Deno.Command("tmux", { args, env, clearEnv: true, stdout: "piped" })
    .output();
  return new TextDecoder().decode(out.stdout);
}

// Every worker "runs" as one long sleep, so all look alive.
const sleeper = new Deno.Command("sleep", { args: ["3600"] }).spawn();
const ids = Array.from({ length: WORKERS }, (_, i) => `bench-${String(i).padStart(3, "0")}`);
const started = new Date(Date.now() - 5 * 60_000).toISOString();

function statusJson(id: string, state: string, task: string | null): string {
  return JSON.stringify({
    worker_id: id,
    status: state,
    model: "sonnet",
    workspace: root,
    pid: sleeper.pid,
    started_at: started,
    last_activity: new Date().toISOString(),
    current_task: task,
    tasks_completed: 0,
  });
}

async function writeStatus(id: string, state: string, task: string | null): Promise<void> {
  const path = join(status, `${id}.json`);
  await Deno.writeTextFile(`${path}.tmp`, statusJson(id, state, task));
  await Deno.rename(`${path}.tmp`, path);
}

for (const id of ids) await writeStatus(id, "idle", null);

const session = "forge-dash-bench";
await tmux(
  "new-session",
  "-d",
  "-s",
  session,
  "-x",
  "199",
  "-y",
  "55",
  Deno.execPath(),
  "run",
  "-A",
  "--quiet",
  `--inspect=127.0.0.1:${INSPECT_PORT}`,
  ...(values["v8-flags"] === "" ? [] : [`--v8-flags=${values["v8-flags"]}`]),
  join(ROOT, "main.ts"),
  "--observe",
);
const capture = () => tmux("capture-pane", "-p", "-t", session);

/** Live heap after a full collection, in MB, through the inspector. */
async function liveHeapMb(ws: WebSocket, id: number): Promise<number> {
  const call = (method: string, n: number) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const on = (e: MessageEvent) => {
        const msg = JSON.parse(String(e.data));
        if (msg.id !== n) return;
        ws.removeEventListener("message", on);
        resolve(msg.result ?? {});
      };
      ws.addEventListener("message", on);
      ws.send(JSON.stringify({ id: n, method }));
    });
  await call("HeapProfiler.collectGarbage", id * 2);
  const usage = await call("Runtime.getHeapUsage", id * 2 + 1);
  return Number(usage.usedSize) / 1024 / 1024;
}

async function inspector(): Promise<WebSocket> {
  const deadline = Date.now() + 20_000;
  while (true) {
    try {
      const list = await (await fetch(`http://127.0.0.1:${INSPECT_PORT}/json/list`)).json();
      const ws = new WebSocket(list[0].webSocketDebuggerUrl);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      return ws;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function until(test: (screen: string) => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (test(await capture())) return true;
    await new Promise((r) => setTimeout(r, 2));
  }
  return false;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

try {
  if (!await until((s) => s.includes(ids[0] as string), 30_000)) {
    throw new Error(`the dashboard never showed ${ids[0]}:\n${await capture()}`);
  }
  await tmux("send-keys", "-t", session, "w");
  await until((s) => s.includes(ids[0] as string), 5_000);

  // Latency: the first worker (always on screen in the workers view) takes a new bead each time.
  const latencies: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const bead = `bd-${(1000 + i).toString(36)}`;
    const t0 = performance.now();
    await writeStatus(ids[0] as string, "active", bead);
    if (await until((s) => s.includes(bead), 5_000)) latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({
    bench: "status change → visible (tmux capture)",
    samples: latencies.length,
    p50_ms: Math.round(quantile(latencies, 0.5)),
    p95_ms: Math.round(quantile(latencies, 0.95)),
    max_ms: Math.round(latencies.at(-1) ?? NaN),
  }));

  // Memory: keep changing status files (10 per second) and sample RSS.
  const panePid = Number(
    (await tmux("display-message", "-p", "-t", session, "#{pane_pid}")).trim(),
  );
  const rss: number[] = [];
  const heap: number[] = [];
  const ws = await inspector();
  const end = performance.now() + MINUTES * 60_000;
  let n = 0;
  let nextSample = 0;
  while (performance.now() < end) {
    const id = ids[n % ids.length] as string;
    await writeStatus(id, n % 3 === 0 ? "idle" : "active", n % 3 === 0 ? null : `bd-${n}`);
    n++;
    if (performance.now() >= nextSample) {
      const text = await Deno.readTextFile(`/proc/${panePid}/status`);
      rss.push(Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? NaN) / 1024);
      if (rss.length % 6 === 1) heap.push(await liveHeapMb(ws, rss.length));
      nextSample = performance.now() + 5_000;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const third = Math.max(1, Math.floor(rss.length / 3));
  const med = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
  console.log(JSON.stringify({
    bench: `RSS with ${WORKERS} workers over ${MINUTES} min`,
    samples: rss.length,
    first_third_median_mb: Math.round(med(rss.slice(0, third))),
    last_third_median_mb: Math.round(med(rss.slice(-third))),
    max_mb: Math.round(Math.max(...rss)),
    live_heap_after_gc_first_mb: Number((heap[0] ?? NaN).toFixed(1)),
    live_heap_after_gc_last_mb: Number((heap.at(-1) ?? NaN).toFixed(1)),
    status_writes: n,
  }));
  ws.close();
} finally {
  await tmux("kill-server").catch(() => "");
  sleeper.kill();
  await sleeper.status;
  await Deno.remove(root, { recursive: true }).catch(() => {});
}
