/**
 * What the `forge serve` benchmark reads about processes and the machine (Linux /proc), and how
 * it runs `wrk` and reads its `--latency` report.
 */

/** One `wrk --latency` run. */
export interface WrkResult {
  readonly rps: number;
  readonly p50_ms: number;
  readonly p75_ms: number;
  readonly p90_ms: number;
  readonly p99_ms: number;
  readonly requests: number;
  /** Socket errors (connect, read, write, timeout) plus non-2xx/3xx answers. */
  readonly errors: number;
  /** CPU the server process used during the run, in % of one core. */
  readonly server_cpu_pct: number;
  /**
   * The server's CPU time per request, in µs: the cost of a request, which depends far less
   * than requests/s on what else the machine runs.
   */
  readonly server_cpu_us_per_req: number;
  /** CPU the whole machine used during the run, in % of one core (200 = both cores busy). */
  readonly machine_cpu_pct: number;
  readonly loadavg: number;
}

const TICKS_PER_SECOND = 100;
const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** @returns the path of wrk, or undefined when it is not installed */
export async function whichWrk(): Promise<string | undefined> {
  const out = await new Deno.Command("sh", {
    args: ["-c", "command -v wrk"],
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => undefined);
  const path = out === undefined ? "" : new TextDecoder().decode(out.stdout).trim();
  return out?.success && path !== "" ? path : undefined;
}

/**
 * Runs `wrk -t<threads> -c<connections> -d<seconds>s --latency <url>` and reads its report,
 * with the server's and the machine's CPU use over the run.
 *
 * @param url the URL under load
 * @param options connections, threads, seconds and the server's pid
 * @returns the figures
 * @throws when wrk fails or its report cannot be read
 */
export async function runWrk(
  url: string,
  options: { connections: number; threads: number; seconds: number; serverPid: number },
): Promise<WrkResult> {
  const args = [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    "--latency",
    url,
  ];
  const server0 = await processTicks(options.serverPid);
  const machine0 = await machineTicks();
  const t0 = performance.now();
  const out = await new Deno.Command("wrk", { args, stdout: "piped", stderr: "piped" }).output();
  const seconds = (performance.now() - t0) / 1000;
  const server1 = await processTicks(options.serverPid);
  const machine1 = await machineTicks();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(`wrk ${args.join(" ")} failed: ${text}${new TextDecoder().decode(out.stderr)}`);
  }
  const report = parseWrk(text);
  const serverSeconds = (server1 - server0) / TICKS_PER_SECOND;
  return {
    ...report,
    server_cpu_pct: round(100 * serverSeconds / seconds, 0),
    server_cpu_us_per_req: round(serverSeconds * 1e6 / Math.max(1, report.requests), 1),
    machine_cpu_pct: round(100 * (machine1 - machine0) / TICKS_PER_SECOND / seconds, 0),
    loadavg: await loadavg(),
  };
}

/**
 * Reads wrk's report.
 *
 * @param text wrk's stdout with `--latency`
 * @returns requests/s, latency percentiles in ms, requests and errors
 * @throws when a figure is missing
 */
export function parseWrk(
  text: string,
): Omit<WrkResult, "server_cpu_pct" | "server_cpu_us_per_req" | "machine_cpu_pct" | "loadavg"> {
  const percentile = (p: number) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(text);
    if (m === null) throw new Error(`no ${p}% latency in wrk's report:\n${text}`);
    return round(Number(m[1]) * (UNIT_MS[m[2] as string] ?? NaN), 3);
  };
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(text);
  const requests = /^\s*(\d+) requests in /m.exec(text);
  if (rps === null || requests === null) throw new Error(`cannot read wrk's report:\n${text}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  const errors = (socket?.slice(1) ?? []).reduce((a, n) => a + Number(n), 0) +
    Number(non2xx?.[1] ?? 0);
  return {
    rps: Math.round(Number(rps[1])),
    p50_ms: percentile(50),
    p75_ms: percentile(75),
    p90_ms: percentile(90),
    p99_ms: percentile(99),
    requests: Number(requests[1]),
    errors,
  };
}

/**
 * The resident set of a process.
 *
 * @param pid the process
 * @returns VmRSS in MB
 */
export async function rssMb(pid: number): Promise<number> {
  const text = await Deno.readTextFile(`/proc/${pid}/status`);
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(text)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return round(Number(kb) / 1024, 1);
}

/** @returns the 1-minute load average */
export async function loadavg(): Promise<number> {
  return Number((await Deno.readTextFile("/proc/loadavg")).split(" ")[0]);
}

/**
 * CPU a process used over an interval, in % of one core.
 *
 * @param pid the process
 * @param ms how long to watch
 * @returns the share
 */
export async function cpuPctOver(pid: number, ms: number): Promise<number> {
  const t0 = await processTicks(pid);
  const start = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const seconds = (performance.now() - start) / 1000;
  return round(100 * (await processTicks(pid) - t0) / TICKS_PER_SECOND / seconds, 1);
}

/** @returns the soft and hard limits of open files of this process (children inherit them) */
export async function openFileLimits(): Promise<{ soft: number; hard: number }> {
  const text = await Deno.readTextFile("/proc/self/limits");
  const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(text);
  const n = (s: string | undefined) => (s === "unlimited" ? Infinity : Number(s));
  return { soft: n(m?.[1]), hard: n(m?.[2]) };
}

async function processTicks(pid: number): Promise<number> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
  // Fields after the command (which may hold spaces), from field 3 on: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

async function machineTicks(): Promise<number> {
  const cpu = (await Deno.readTextFile("/proc/stat")).split("\n")[0]?.split(/\s+/).slice(1) ?? [];
  const [user, nice, system, , , irq, softirq, steal] = cpu.map(Number);
  return [user, nice, system, irq, softirq, steal].reduce<number>((a, n) => a + (n ?? 0), 0);
}

/**
 * The median.
 *
 * @param values numbers
 * @returns the middle one (the mean of the two middle ones for an even count)
 */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length === 0) return NaN;
  return s.length % 2 === 1 ? s[mid] as number : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Rounds.
 *
 * @param value a number
 * @param digits after the point
 * @returns the rounded number
 */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
