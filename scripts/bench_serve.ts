/**
 * `forge serve` benchmarks (issue 7, "Performance"), on a FORGE home of 100 workers (status
 * files, every pid alive, a few model calls in the database) and a workspace of 10,000 beads,
 * with `forge serve --port 0 --json --workspace <ws>` run from source as `deno task forge` runs
 * it (`--v8-flags=--max-semi-space-size=2`):
 * 1. throughput and latency of `GET /api/status` under `wrk -t2 -c50 --latency` (median of the
 *    runs), against two baselines measured in the same run and interleaved with it: `/healthz`
 *    of the same server (routing and headers without the snapshot's JSON) and a trivial
 *    `Deno.serve(() => new Response("ok"))` in a child deno (the floor on this machine, where
 *    wrk shares the cores). Target: ≥ 5,000 req/s with p99 < 10 ms.
 *    Then one run with 100 connections, and one with 10 (below saturation) for `/api/status` and
 *    the trivial server. Besides requests/s, each run reports the server's CPU time per request,
 *    which depends far less on what else the machine runs.
 * 2. memory of idle event streams, on a fresh server: RSS of the deno process, then with 1,000
 *    raw-TCP clients on `/events` that read their first event and stay idle (after 5 s, and after
 *    the first heartbeat, 15 s), then 5 s after they all disconnected; the same against a trivial
 *    event-stream server on Deno.serve (the baseline). Target: < 50 MB extra.
 * Every figure is a JSON line on stdout (with the 1-minute load average), then a summary.
 *
 *   deno run -A scripts/bench_serve.ts [--runs 3] [--seconds 10] [--clients 1000]
 *     [--workers 100] [--beads 10000] [--only wrk|sse] [--cpu-prof DIR]
 *
 * Needs `wrk` (Debian: `apt-get install wrk`) and, for the clients, `ulimit -n` above the client
 * count plus about 200 (this process and the server each hold one descriptor per connection).
 * `--cpu-prof DIR` adds one run against /api/status on a server started with `--cpu-prof`; the
 * `.cpuprofile` lands in DIR when it exits.
 */
// deno-lint-ignore-file no-console -- a benchmark script reports on stdout
import { parseArgs } from "node:util";
import { type BenchRun, prepareState } from "./_bench_serve_fixture.ts";
import { loadavg, openFileLimits, round, whichWrk } from "./_bench_serve_probe.ts";
import { benchSse, type SseFigures } from "./_bench_serve_sse.ts";
import { benchWrk, profileStatus, TARGETS, type WrkFigures } from "./_bench_serve_wrk.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "3" },
    seconds: { type: "string", default: "10" },
    workers: { type: "string", default: "100" },
    beads: { type: "string", default: "10000" },
    clients: { type: "string", default: "1000" },
    only: { type: "string" },
    "cpu-prof": { type: "string" },
  },
});
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);

/** What must be undone, newest first: at the end, on failure and on Ctrl+C. */
const undo: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  while (undo.length > 0) await undo.pop()?.().catch(() => {});
}
const interrupted = () => void cleanUp().finally(() => Deno.exit(130));

const run: BenchRun = {
  emit: (record) => console.log(JSON.stringify(record)),
  async track(value) {
    const v = await value;
    undo.push(async () => await v[Symbol.asyncDispose]());
    return v;
  },
};

function printWrk(w: WrkFigures): void {
  console.log(`wrk -t2 -c50 -d${SECONDS}s --latency, ${RUNS} runs each, interleaved:`);
  for (const name of TARGETS) {
    const m = w.medians[name];
    console.log(
      `  ${name.padEnd(19)}${String(m.rps).padStart(6)} req/s  p50 ${m.p50_ms.toFixed(2)} ms` +
        `  p99 ${m.p99_ms.toFixed(2)} ms  server ${m.server_cpu_us_per_req} µs CPU/req` +
        ` (${m.server_cpu_pct} % of a core)  machine ${m.machine_cpu_pct} %  load ${m.loadavg}`,
    );
  }
  const status = w.medians["/api/status"];
  const floor = w.medians["trivial Deno.serve"];
  console.log(
    `  /api/status ÷ trivial: ${round(status.rps / floor.rps, 2)}× the requests/s, ` +
      `${
        round(status.server_cpu_us_per_req / floor.server_cpu_us_per_req, 1)
      }× the CPU per request`,
  );
  console.log(`  -c100 /api/status: ${w.c100.rps} req/s, p99 ${w.c100.p99_ms} ms`);
  console.log(
    `  -c10  /api/status: ${w.c10.status.rps} req/s, p99 ${w.c10.status.p99_ms} ms; ` +
      `trivial: ${w.c10.trivial.rps} req/s, p99 ${w.c10.trivial.p99_ms} ms`,
  );
  const met = status.rps >= 5_000 && status.p99_ms < 10;
  console.log(`  target ≥ 5,000 req/s with p99 < 10 ms (-c50): ${met ? "met" : "MISSED"}`);
}

function printSse(s: SseFigures): void {
  for (const [name, m] of [["forge serve", s.forge], ["trivial Deno.serve", s.trivial]] as const) {
    console.log(
      `${CLIENTS} idle SSE clients, ${name}: RSS ${m.before} MB before, ${m.connected} connected,` +
        ` ${m.idle5} after 5 s, ${m.beat} after a heartbeat (${m.heard} heard one), ${m.after} ` +
        `5 s after they left: extra ${m.extra} MB`,
    );
  }
  console.log(
    `  forge serve minus trivial: ${round(s.forge.extra - s.trivial.extra, 1)} MB; ` +
      `target < 50 MB extra: ${s.forge.extra < 50 ? "met" : "MISSED"}`,
  );
}

async function main(): Promise<number> {
  const wantWrk = values.only !== "sse";
  const wantSse = values.only !== "wrk";
  if (wantWrk && await whichWrk() === undefined) {
    console.error(
      "wrk is not installed: install the Debian package (`sudo apt-get install -y wrk`), " +
        "or measure only the event streams with --only sse",
    );
    return 1;
  }
  const limits = await openFileLimits();
  if (wantSse && limits.soft < CLIENTS + 200) {
    console.error(
      `${CLIENTS} clients need about ${CLIENTS + 200} open files here and as many in the ` +
        `server, but the limit is ${limits.soft}: run \`ulimit -n ${
          Math.min(limits.hard, Math.max(4_096, CLIENTS + 200))
        }\` in this shell first`,
    );
    return 1;
  }
  run.emit({
    bench: "machine",
    cpus: navigator.hardwareConcurrency,
    deno: Deno.version.deno,
    open_files_soft: limits.soft,
    loadavg: await loadavg(),
  });
  const state = await run.track(prepareState({
    workers: Number(values.workers),
    beads: Number(values.beads),
  }));
  const w = wantWrk ? await benchWrk(state, { runs: RUNS, seconds: SECONDS, run }) : undefined;
  if (values["cpu-prof"] !== undefined) {
    await profileStatus(state, { dir: values["cpu-prof"], seconds: SECONDS, run });
  }
  const s = wantSse ? await benchSse(state, { clients: CLIENTS, run }) : undefined;
  console.log(
    `\nforge serve, ${state.workers} workers and ${Number(values.beads)} beads (medians)`,
  );
  if (w !== undefined) printWrk(w);
  if (s !== undefined) printSse(s);
  return 0;
}

Deno.addSignalListener("SIGINT", interrupted);
Deno.addSignalListener("SIGTERM", interrupted);
let code = 1;
try {
  code = await main();
} finally {
  await cleanUp();
  Deno.removeSignalListener("SIGINT", interrupted);
  Deno.removeSignalListener("SIGTERM", interrupted);
}
Deno.exit(code);
