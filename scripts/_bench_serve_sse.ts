/**
 * The memory phase of the `forge serve` benchmark: RSS of a fresh server (the deno process
 * itself, from /proc), then with idle event-stream clients connected (after 5 s, and after the
 * first heartbeat, which comes every 15 s), then 5 s after they all left. The same clients then
 * go to a trivial event-stream server on Deno.serve (the baseline: what Deno itself holds per
 * stream). There is no public count of the server's streams, so "connected" means every client
 * got its first event.
 */
import { connectMany } from "./_bench_serve_clients.ts";
import { type BenchRun, type BenchState, waitForSnapshot } from "./_bench_serve_fixture.ts";
import { type BenchServer, startForgeServe, startTrivialServer } from "./_bench_serve_process.ts";
import { loadavg, median, round, rssMb } from "./_bench_serve_probe.ts";

/** One server's memory figures, in MB. */
export interface StreamMemory {
  readonly before: number;
  readonly connected: number;
  readonly idle5: number;
  readonly beat: number;
  readonly after: number;
  /** The larger idle figure minus `before`. */
  readonly extra: number;
  /** Clients that heard a heartbeat. */
  readonly heard: number;
}

/** FORGE's figures and the baseline's. */
export interface SseFigures {
  readonly forge: StreamMemory;
  readonly trivial: StreamMemory;
}

/** How long to wait for the first heartbeat (servers send one every 15 s). */
const HEARTBEAT_WAIT_MS = 20_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Measures `forge serve` and the baseline with `clients` idle event streams each.
 *
 * @param state the home and workspace served
 * @param options how many clients, and how to report and clean up
 * @returns the figures
 * @throws when a client cannot connect (too few file descriptors …) or a server fails
 */
export async function benchSse(
  state: BenchState,
  options: { readonly clients: number; readonly run: BenchRun },
): Promise<SseFigures> {
  const forge = await options.run.track(startForgeServe(state));
  await waitForSnapshot(forge.url, state);
  const forgeMemory = await streamMemory(forge, { ...options, label: "forge serve /events" });
  await forge.stop();
  const trivial = await options.run.track(startTrivialServer(state.env, "sse"));
  const trivialMemory = await streamMemory(trivial, {
    ...options,
    label: "trivial Deno.serve SSE",
  });
  await trivial.stop();
  return { forge: forgeMemory, trivial: trivialMemory };
}

async function streamMemory(
  server: BenchServer,
  options: { readonly clients: number; readonly run: BenchRun; readonly label: string },
): Promise<StreamMemory> {
  const { run, clients: count, label } = options;
  const path = label.startsWith("forge") ? "/events" : "/";
  await sleep(3_000); // start-up garbage settles, the first gathers are done
  const sample = async (what: string, extra: Record<string, unknown> = {}) => {
    const xs: number[] = [];
    for (let i = 0; i < 5; i++) {
      xs.push(await rssMb(server.pid));
      await sleep(200);
    }
    const rss = median(xs);
    run.emit({ bench: `sse ${label}: ${what}`, rss_mb: rss, ...extra, loadavg: await loadavg() });
    return rss;
  };
  const before = await sample("RSS before clients", { pid: server.pid });
  const t0 = performance.now();
  const clients = await connectMany(server.url, { count, batch: 100, timeoutMs: 30_000, path });
  const closeAll = () => clients.forEach((c) => c.close());
  await run.track(Promise.resolve({ [Symbol.asyncDispose]: () => Promise.resolve(closeAll()) }));
  const connected = await sample(`${count} clients got their first event`, {
    connect_ms: Math.round(performance.now() - t0),
  });
  await sleep(5_000);
  const idle5 = await sample(`${count} idle clients after 5 s`);
  const deadline = performance.now() + HEARTBEAT_WAIT_MS;
  while (performance.now() < deadline && clients.some((c) => c.heartbeats() === 0)) {
    await sleep(250);
  }
  const heard = clients.filter((c) => c.heartbeats() > 0).length;
  const beat = await sample(`${count} idle clients after a heartbeat`, {
    clients_with_heartbeat: heard,
  });
  closeAll();
  await sleep(5_000);
  const after = await sample(`all ${count} clients gone (5 s later)`);
  const extra = round(Math.max(idle5, beat) - before, 1);
  run.emit({
    bench: `sse ${label}: extra RSS for ${count} idle clients`,
    extra_mb: extra,
    per_client_kb: round(extra * 1024 / count, 1),
  });
  return { before, connected, idle5, beat, after, extra, heard };
}
