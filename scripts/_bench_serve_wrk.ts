/**
 * The throughput phase of the `forge serve` benchmark: `wrk --latency` against `/api/status`,
 * and in the same run, interleaved, against `/healthz` of the same server and a trivial
 * Deno.serve in a child deno (what routing, headers and the snapshot's JSON cost, on a machine
 * where wrk shares the cores); then one run with 100 connections, and one with 10 for
 * `/api/status` and the trivial server (latency below saturation). Optionally one more run on a
 * server under `--cpu-prof`.
 */
import { type BenchRun, type BenchState, waitForSnapshot } from "./_bench_serve_fixture.ts";
import { startForgeServe, startTrivialServer } from "./_bench_serve_process.ts";
import {
  cpuPctOver,
  loadavg,
  median,
  rssMb,
  runWrk,
  type WrkResult,
} from "./_bench_serve_probe.ts";

/** The targets, in the order of the summary. */
export const TARGETS = ["/api/status", "/healthz", "trivial Deno.serve"] as const;

/** Medians by target, the run with 100 connections, and runs with 10 (below saturation). */
export interface WrkFigures {
  readonly medians: Record<(typeof TARGETS)[number], Medians>;
  readonly c100: WrkResult;
  readonly c10: { readonly status: WrkResult; readonly trivial: WrkResult };
}

/** Median figures of one target. */
export type Medians = Pick<
  WrkResult,
  | "rps"
  | "p50_ms"
  | "p99_ms"
  | "server_cpu_pct"
  | "server_cpu_us_per_req"
  | "machine_cpu_pct"
  | "loadavg"
>;

const MEDIAN_KEYS = [
  "rps",
  "p50_ms",
  "p99_ms",
  "server_cpu_pct",
  "server_cpu_us_per_req",
  "machine_cpu_pct",
  "loadavg",
];

/**
 * Runs the throughput phase.
 *
 * @param state the home and workspace served
 * @param options runs per target, seconds per run, how to report and clean up
 * @returns the medians
 * @throws when a server does not start or wrk fails
 */
export async function benchWrk(
  state: BenchState,
  options: { readonly runs: number; readonly seconds: number; readonly run: BenchRun },
): Promise<WrkFigures> {
  const { run, runs, seconds } = options;
  const forge = await run.track(startForgeServe(state));
  await waitForSnapshot(forge.url, state);
  run.emit({
    bench: "forge serve idle (background gathers only)",
    server_cpu_pct: await cpuPctOver(forge.pid, 3_000),
    rss_mb: await rssMb(forge.pid),
    loadavg: await loadavg(),
  });
  const trivial = await run.track(startTrivialServer(state.env));
  const status = { name: TARGETS[0], url: `${forge.url}/api/status`, pid: forge.pid };
  const healthz = { name: TARGETS[1], url: `${forge.url}/healthz`, pid: forge.pid };
  const floor = { name: TARGETS[2], url: `${trivial.url}/`, pid: trivial.pid };
  const targets = [status, healthz, floor];
  const load = (t: (typeof targets)[number], connections: number, s: number) =>
    runWrk(t.url, { connections, threads: 2, seconds: s, serverPid: t.pid });
  for (const t of targets) await load(t, 50, 2); // warm-up: JIT, connection set-up
  const results = new Map<string, WrkResult[]>(targets.map((t) => [t.name, []]));
  for (let i = 0; i < runs; i++) {
    // Rotated, so no target always runs right after the same one.
    for (const t of [...targets.slice(i % 3), ...targets.slice(0, i % 3)]) {
      const r = await load(t, 50, seconds);
      results.get(t.name)?.push(r);
      run.emit({ bench: `wrk -t2 -c50 -d${seconds}s ${t.name}`, run: i + 1, ...r });
    }
  }
  const c100 = await load(status, 100, seconds);
  run.emit({ bench: `wrk -t2 -c100 -d${seconds}s /api/status`, run: 1, ...c100 });
  // Below saturation: how much of the tail is queueing behind 50 connections on two cores.
  const c10 = { status: await load(status, 10, seconds), trivial: await load(floor, 10, seconds) };
  run.emit({ bench: `wrk -t2 -c10 -d${seconds}s /api/status`, run: 1, ...c10.status });
  run.emit({ bench: `wrk -t2 -c10 -d${seconds}s trivial Deno.serve`, run: 1, ...c10.trivial });
  const medians = {} as Record<(typeof TARGETS)[number], Medians>;
  for (const t of targets) {
    const of = results.get(t.name) ?? [];
    const m = Object.fromEntries(
      MEDIAN_KEYS.map((k) => [k, median(of.map((r) => r[k as keyof Medians]))]),
    ) as unknown as Medians;
    medians[t.name] = m;
    run.emit({ bench: `median of ${runs}: wrk -t2 -c50 -d${seconds}s ${t.name}`, ...m });
  }
  await trivial.stop();
  await forge.stop();
  return { medians, c100, c10 };
}

/**
 * One run against `/api/status` of a server started with `--cpu-prof`; the profile is written
 * into `dir` when the server exits (SIGTERM).
 *
 * @param state the home and workspace served
 * @param options the profile's directory, seconds of load, how to report
 */
export async function profileStatus(
  state: BenchState,
  options: { readonly dir: string; readonly seconds: number; readonly run: BenchRun },
): Promise<void> {
  const forge = await options.run.track(startForgeServe(state, {
    denoFlags: ["--cpu-prof", `--cpu-prof-dir=${options.dir}`],
  }));
  await waitForSnapshot(forge.url, state);
  const url = `${forge.url}/api/status`;
  await runWrk(url, { connections: 50, threads: 2, seconds: 2, serverPid: forge.pid });
  const r = await runWrk(url, {
    connections: 50,
    threads: 2,
    seconds: options.seconds,
    serverPid: forge.pid,
  });
  await forge.stop();
  options.run.emit({ bench: "wrk -t2 -c50 /api/status under --cpu-prof", dir: options.dir, ...r });
}
