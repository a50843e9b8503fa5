/**
 * Orchestrator benchmark: one `forge run` (a whole process, from source) drives `--workers` sim
 * workers over `--beads` generated beads until every bead is closed, in a throw-away FORGE home
 * with its own tmux server. It prints the wall time, beads per minute, the orchestrator's peak RSS
 * (VmHWM) and its CPU use (utime + stime from /proc/<pid>/stat) over three windows:
 *   - the whole run, start-up included;
 *   - idle after the last bead: every worker gone, nothing changing, for `--idle` seconds;
 *   - idle while busy: a second `forge run` in a fresh home holds `--workers` sim workers on beads
 *     that take an hour, with no status or log churn, sampled for `--idle` seconds.
 * Targets (issue): < 5 % of one core when idle between events, < 150 MB RSS.
 *
 *   deno run -A scripts/bench_orchestrator.ts [--beads 2000] [--workers 100] [--idle 20]
 *     [--log FILE]   (the orchestrator's output of the main run, for a post-mortem)
 */
// deno-lint-ignore-file no-console
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    beads: { type: "string" },
    workers: { type: "string" },
    idle: { type: "string" },
    log: { type: "string" },
    timeout: { type: "string" },
  },
});
const BEADS = Number(values.beads ?? 2000);
const WORKERS = Number(values.workers ?? 100);
const IDLE_S = Number(values.idle ?? 20);
const TIMEOUT_MS = Number(values.timeout ?? 3600) * 1000;
const MAIN = new URL("../main.ts", import.meta.url).pathname;
const QUICK = { SIM_WORK_SECONDS: "2", SIM_CALL_SECONDS: "0.5" };
const HOUR = { SIM_WORK_SECONDS: "3600", SIM_CALL_SECONDS: "3600" };
const TICKS = Number(
  new TextDecoder().decode(
    (await new Deno.Command("getconf", { args: ["CLK_TCK"] }).output())
      .stdout,
  ),
) || 100;
const interrupted = new AbortController();
const onSignal = () => interrupted.abort(new Error("interrupted"));
Deno.addSignalListener("SIGINT", onSignal);
Deno.addSignalListener("SIGTERM", onSignal);

/** CPU seconds of a process: its own, and its reaped children's (tmux clients, launchers). */
async function cpuOf(pid: number): Promise<{ own: number; children: number; at: number }> {
  const text = await Deno.readTextFile(`/proc/${pid}/stat`);
  const f = text.slice(text.lastIndexOf(")") + 2).split(" ").map(Number);
  // Fields 14-17 (utime, stime, cutime, cstime) are 12-15 after the command name and state.
  const [ut = 0, st = 0, cut = 0, cst = 0] = f.slice(11, 15);
  return { own: (ut + st) / TICKS, children: (cut + cst) / TICKS, at: performance.now() };
}

async function memOf(pid: number, key: "VmRSS" | "VmHWM"): Promise<number> {
  const text = await Deno.readTextFile(`/proc/${pid}/status`);
  return Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) * 1024;
}

/** Percent of one core between two readings. */
function cpuPct(a: { own: number; children: number; at: number }, b: typeof a) {
  const s = (b.at - a.at) / 1000;
  return {
    own: (100 * (b.own - a.own)) / s,
    all: (100 * (b.own + b.children - a.own - a.children)) / s,
  };
}

function sleep(ms: number): Promise<void> {
  const signal = interrupted.signal;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

async function until(what: string, ms: number, test: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${ms / 1000} s waiting for ${what}`);
    }
    await sleep(250);
  }
}

/** A FORGE home, workspace and tmux server of their own, torn down by `close()`. */
interface Sandbox {
  readonly home: string;
  readonly ws: string;
  readonly env: Record<string, string>;
  forge(args: string[]): Promise<void>;
  close(): Promise<void>;
}

async function sandbox(name: string, root: string, sim: Record<string, string>): Promise<Sandbox> {
  const dir = join(root, name);
  const [home, ws, tmux] = [join(dir, "home"), join(dir, "ws"), join(dir, "tmux")];
  for (const d of [home, join(ws, ".beads"), tmux]) await Deno.mkdir(d, { recursive: true });
  const env: Record<string, string> = {
    ...Deno.env.toObject(),
    // HOME moves into the sandbox; Deno's cache stays where it is.
    DENO_DIR: Deno.env.get("DENO_DIR") ??
      join(
        Deno.env.get("XDG_CACHE_HOME") ?? join(Deno.env.get("HOME") ?? "/root", ".cache"),
        "deno",
      ),
    FORGE_HOME: home,
    TMUX_TMPDIR: tmux,
    HOME: dir,
    NO_COLOR: "1",
    FORGE_NO_UPDATE_CHECK: "1",
    SIM_FAIL_PCT: "0",
    SIM_STALL_PCT: "0",
    SIM_LIMIT_PCT: "0",
    ...sim,
  };
  delete env["TMUX"];
  const run = (cmd: string, args: string[]) =>
    new Deno.Command(cmd, { args, env, clearEnv: true, cwd: ws, stdout: "null", stderr: "null" })
      .output();
  return {
    home,
    ws,
    env,
    forge: async (args) => void await run(Deno.execPath(), ["run", "-A", "--quiet", MAIN, ...args]),
    async close() {
      await run(Deno.execPath(), ["run", "-A", "--quiet", MAIN, "kill", "--all", "--yes"]);
      await run("tmux", ["kill-server"]);
    },
  };
}

async function writeBeads(sb: Sandbox, count: number): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      id: `b-${i + 1}`,
      title: `Bench bead ${i + 1}`,
      status: "open",
      priority: i % 5,
      issue_type: "task",
      created_at: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
      updated_at: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
    }));
  await Deno.writeTextFile(join(sb.ws, ".beads", "issues.jsonl"), `${lines.join("\n")}\n`);
  await Deno.writeTextFile(
    join(sb.home, "config.yaml"),
    `max_workers: ${WORKERS}\nrouting: {workers: [sim]}\n`,
  );
}

/** A running `forge run`, its output parsed as it comes. */
interface Orchestrator {
  readonly pid: number;
  readonly started: Map<string, string>;
  readonly starts: Map<string, number>;
  readonly completed: Set<string>;
  readonly outcomes: Map<string, number>;
  readonly alerts: string[];
  readonly lines: string[];
  stop(): Promise<void>;
}

function orchestrate(sb: Sandbox): Orchestrator {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", MAIN, "run", "--workspace", sb.ws],
    env: sb.env,
    clearEnv: true,
    cwd: sb.ws,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const o: Orchestrator = {
    pid: child.pid,
    started: new Map(),
    starts: new Map(),
    completed: new Set(),
    outcomes: new Map(),
    alerts: [],
    lines: [],
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* gone */ }
      const t = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* gone */ }
      }, 15_000);
      await Promise.all([child.status, pumps]);
      clearTimeout(t);
    },
  };
  const onLine = (line: string) => {
    o.lines.push(line);
    const start = /start\s+(\S+) on (\S+)/.exec(line);
    if (start?.[1] !== undefined && start[2] !== undefined) {
      o.started.set(start[1], start[2]);
      o.starts.set(start[2], (o.starts.get(start[2]) ?? 0) + 1);
    }
    const finish = /finish\s+(\S+): (\w+)/.exec(line);
    if (finish?.[1] !== undefined && finish[2] !== undefined) {
      o.outcomes.set(finish[2], (o.outcomes.get(finish[2]) ?? 0) + 1);
      const bead = o.started.get(finish[1]);
      if (finish[2] === "completed" && bead !== undefined) o.completed.add(bead);
    }
    if (/ alert /.test(line) || /failed: /.test(line)) o.alerts.push(line);
  };
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    let rest = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      parts.forEach(onLine);
    }
    if (rest !== "") onLine(rest);
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  return o;
}

/** Samples VmRSS every second (VmHWM is read at the end too; both are reported). */
function rssSampler(pid: number): { peak(): number; stop(): void } {
  let peak = 0;
  const timer = setInterval(() => {
    memOf(pid, "VmRSS").then((b) => (peak = Math.max(peak, b)), () => {});
  }, 1000);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

async function idleWindow(pid: number) {
  const a = await cpuOf(pid);
  await sleep(IDLE_S * 1000);
  return cpuPct(a, await cpuOf(pid));
}

async function countStatus(sb: Sandbox, state: string): Promise<number> {
  let n = 0;
  for await (const e of Deno.readDir(join(sb.home, "status"))) {
    if (!e.name.endsWith(".json") || e.name.startsWith(".")) continue;
    const text = await Deno.readTextFile(join(sb.home, "status", e.name)).catch(() => "");
    if (new RegExp(`"status":\\s*"${state}"`).test(text)) n++;
  }
  return n;
}

async function closedBeads(sb: Sandbox): Promise<number> {
  const text = await Deno.readTextFile(join(sb.ws, ".beads", "issues.jsonl"));
  return text.split("\n").filter((l) => /"status":\s*"closed"/.test(l)).length;
}

const finishes = (o: Orchestrator) => [...o.outcomes.values()].reduce((a, b) => a + b, 0);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const pct = (c: { own: number; all: number }) =>
  `${c.own.toFixed(2)} % (${c.all.toFixed(2)} % with its reaped children)`;

/** The main run: every bead to closed, then the idle window with no workers left. */
async function mainRun(root: string, sandboxes: Sandbox[], running: Orchestrator[]) {
  const sb = await sandbox("main", root, QUICK);
  sandboxes.push(sb);
  await writeBeads(sb, BEADS);
  const t0 = performance.now();
  const o = orchestrate(sb);
  running.push(o);
  const c0 = { own: 0, children: 0, at: t0 };
  const rss = rssSampler(o.pid);
  try {
    await until(`${BEADS} closed beads`, TIMEOUT_MS, async () => (await closedBeads(sb)) >= BEADS);
    const wallMs = performance.now() - t0;
    const overall = cpuPct(c0, await cpuOf(o.pid));
    // The engine sees each worker end at its next observation: wait until it ended all of them.
    await until("the engine to end every worker", 60_000, () => finishes(o) >= o.started.size);
    await sleep(3000);
    const idle = await idleWindow(o.pid);
    const hwm = await memOf(o.pid, "VmHWM");
    return { o, wallMs, overall, idle, hwm, rssPeak: rss.peak(), closed: await closedBeads(sb) };
  } finally {
    rss.stop();
    if (values.log !== undefined) await Deno.writeTextFile(values.log, o.lines.join("\n") + "\n");
  }
}

/** The busy run: `--workers` workers on hour-long beads, nothing changing. */
async function busyRun(root: string, sandboxes: Sandbox[], running: Orchestrator[]) {
  const sb = await sandbox("busy", root, HOUR);
  sandboxes.push(sb);
  await writeBeads(sb, WORKERS);
  const o = orchestrate(sb);
  running.push(o);
  await until(
    `${WORKERS} active workers`,
    600_000,
    async () => o.started.size >= WORKERS && (await countStatus(sb, "active")) >= WORKERS,
  );
  await sleep(6000); // past one full rescan after the last start
  const idle = await idleWindow(o.pid);
  return { idle, hwm: await memOf(o.pid, "VmHWM") };
}

const root = await Deno.makeTempDir({ prefix: "forge_bench_orch_" });
const sandboxes: Sandbox[] = [];
const running: Orchestrator[] = [];
try {
  console.log(
    `forge run: ${BEADS} beads, ${WORKERS} sim workers (work ~${QUICK.SIM_WORK_SECONDS} s, ` +
      `a call every ${QUICK.SIM_CALL_SECONDS} s, no failures), ${navigator.hardwareConcurrency} cores`,
  );
  const m = await mainRun(root, sandboxes, running);
  const reruns = [...m.o.starts.values()].filter((n) => n > 1).length;
  const outcomes = [...m.o.outcomes].map(([k, n]) => `${k} ${n}`).join(", ");
  console.log(`  wall time            ${(m.wallMs / 1000).toFixed(1)} s`);
  console.log(`  throughput           ${(BEADS / (m.wallMs / 60_000)).toFixed(0)} beads/min`);
  console.log(`  CPU, whole run       ${pct(m.overall)}`);
  console.log(`  CPU, idle, 0 workers ${pct(m.idle)} over ${IDLE_S} s`);
  console.log(`  peak RSS             ${mb(m.hwm)} VmHWM (${mb(m.rssPeak)} sampled VmRSS)`);
  console.log(`  beads closed         ${m.closed}/${BEADS}; finishes: ${outcomes}`);
  console.log(`  beads started twice+ ${reruns}; alerts/warnings ${m.o.alerts.length}`);
  for (const a of m.o.alerts.slice(0, 5)) console.log(`    ${a.slice(0, 160)}`);
  await m.o.stop();
  const b = await busyRun(root, sandboxes, running);
  console.log(`  CPU, idle, ${WORKERS} busy ${pct(b.idle)} over ${IDLE_S} s (VmHWM ${mb(b.hwm)})`);
} finally {
  for (const o of running) await o.stop().catch(() => {});
  for (const sb of sandboxes) await sb.close().catch(() => {});
  await Deno.remove(root, { recursive: true }).catch(() => {});
  Deno.removeSignalListener("SIGINT", onSignal);
  Deno.removeSignalListener("SIGTERM", onSignal);
}
