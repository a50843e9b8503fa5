/**
 * Self-update benchmarks for the README, each against a baseline measured in the same run:
 * 1. `forge update --check` as a whole process: the test build of FORGE from source
 *    (tests/update/_forge_test_build.ts) against a release server on 127.0.0.1 started in this
 *    process. Cold runs (no update.json: manifest and signature fetched), then warm runs (ETag
 *    cached, the server answers 304), each paired with `forge version` of the same build (start-up
 *    alone); then the same warm check in this process (runUpdate), without start-up.
 *    Target (issue): warm < 300 ms.
 * 2. SHA-256 of a 100 MiB file of random bytes (page cache warm): sha256OfFile() in this process
 *    and `sha256sum` (a child process) in turn, with the throughput ratio taken run by run;
 *    `openssl dgst -sha256` as a reference where installed. Target: ≥ 70 % of sha256sum.
 *
 *   deno run -A scripts/bench_update.ts [--runs 20] [--cold-runs 5] [--hash-runs 7]
 */
// deno-lint-ignore-file no-console
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  denoBinaryFiles,
  denoFs,
  denoProcesses,
  envFrom,
  systemClock,
} from "../src/platform/mod.ts";
import { runUpdate, type UpdateRequest, type UpdateRuntime } from "../src/update/mod.ts";
import { sha256OfFile } from "../src/update/_file_hash.ts";
import { type UpdateSandbox, updateSandbox } from "../tests/update/_release_fixture.ts";

/**
 * Random bytes (contents do not change SHA-256's speed, but nothing can shortcut them).
 *
 * @param size how many
 * @returns the bytes
 */
export function noiseBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  // getRandomValues fills at most 64 KiB a call.
  for (let at = 0; at < size; at += 65_536) {
    crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  }
  return bytes;
}

/**
 * The SHA-256 of a file by `sha256sum` (GNU coreutils), as a child process.
 *
 * @param path the file
 * @returns lowercase hex digest
 * @throws when sha256sum fails or prints no digest
 */
export function sha256sum(path: string): Promise<string> {
  return digestBy("sha256sum", [path]);
}

async function digestBy(command: string, args: readonly string[]): Promise<string> {
  const out = await new Deno.Command(command, { args: [...args], stdout: "piped", stderr: "piped" })
    .output();
  const digest = new TextDecoder().decode(out.stdout).match(/\b[0-9a-f]{64}\b/)?.[0];
  if (!out.success || digest === undefined) {
    throw new Error(`${command} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  return digest;
}

interface Stats {
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

function stats(values: readonly number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return {
    median: at(0.5) ?? 0,
    p95: at(0.95) ?? 0,
    min: s[0] ?? 0,
    max: s.at(-1) ?? 0,
    n: s.length,
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ readonly value: T; readonly ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

function row(label: string, st: Stats, options: { unit?: string; digits?: number } = {}): string {
  const f = (v: number) => `${v.toFixed(options.digits ?? 0)} ${options.unit ?? "ms"}`.padStart(10);
  const cells = [st.median, st.p95, st.min, st.max].map(f).join("");
  return `${label.padEnd(40)}${cells}${String(st.n).padStart(6)}`;
}

function header(title: string): void {
  const cells = ["median", "p95", "min", "max"].map((h) => h.padStart(10)).join("");
  console.log(`\n${title}\n${"".padEnd(40)}${cells}${"runs".padStart(6)}`);
}

/** `forge update --check` of the sandbox's test build, failing unless it found 9.9.10. */
async function checkMs(sb: UpdateSandbox, env: Record<string, string> = {}): Promise<number> {
  const { value, ms } = await timed(() => sb.forge(["update", "--check"], env));
  if (value.code !== 0 || !/9\.9\.10 is available/.test(value.stdout)) {
    throw new Error(`forge update --check exited ${value.code}: ${value.stdout}${value.stderr}`);
  }
  return ms;
}

async function versionMs(sb: UpdateSandbox): Promise<number> {
  const { value, ms } = await timed(() => sb.forge(["version"]));
  if (value.code !== 0) throw new Error(`forge version exited ${value.code}: ${value.stderr}`);
  return ms;
}

/** The same check in this process, with the runtime the CLI would build for the test build. */
async function inProcess(sb: UpdateSandbox, runs: number): Promise<{ first: number; warm: Stats }> {
  const rt: UpdateRuntime = {
    execPath: sb.bin,
    standalone: true,
    target: Deno.build.target,
    platform: "unix",
    currentVersion: "9.9.9",
    roots: [{ key_id: sb.key.keyId, public_key: sb.key.publicKey }],
    selfUpdateDisabled: false,
    pid: Deno.pid,
    stateDir: join(sb.home, "state"),
    fs: denoFs,
    files: denoBinaryFiles,
    processes: denoProcesses,
    clock: systemClock,
    env: envFrom({}),
    fetch: globalThis.fetch,
    random: () => crypto.randomUUID().slice(0, 8),
  };
  const request: UpdateRequest = {
    check: true,
    channel: "stable",
    allowDowngrade: false,
    dryRun: false,
    manifestUrl: `${sb.server.url}/manifest.json`,
  };
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const { value, ms } = await timed(() => runUpdate(rt, request));
    if (!value.ok || value.status !== "available") throw new Error(value.message);
    times.push(ms);
  }
  return { first: times[0] ?? 0, warm: stats(times.slice(1)) };
}

async function benchCheck(runs: number, coldRuns: number): Promise<void> {
  await using sb = await updateSandbox("9.9.9");
  await sb.publish([{ version: "9.9.9" }, { version: "9.9.10" }], {
    stable: "9.9.10",
    manifestVersion: 1,
  });
  // Deno's own caches (transpiled modules, V8 code cache) are filled in another home first, so
  // "cold" below means no update.json, not a first run of Deno.
  await checkMs(sb, { FORGE_HOME: join(sb.root, "warm-up-home") });
  await versionMs(sb);
  const statePath = join(sb.home, "state", "update.json");
  const cold: number[] = [];
  for (let i = 0; i < coldRuns; i++) {
    await Deno.remove(statePath).catch(() => {});
    cold.push(await checkMs(sb));
  }
  const from = sb.server.log.length;
  const warm: number[] = [];
  const version: number[] = [];
  for (let i = 0; i < runs; i++) {
    version.push(await versionMs(sb));
    warm.push(await checkMs(sb));
  }
  const answers = sb.server.log.slice(from).filter((l) => l.path === "/manifest.json");
  const own = await inProcess(sb, runs);
  header("forge update --check, test build from source, release server on 127.0.0.1");
  console.log(row("cold: no update.json, 200s", stats(cold)));
  console.log(row("warm: ETag cached, 304", stats(warm)));
  console.log(row("baseline: forge version, same build", stats(version)));
  console.log(row("warm minus version, run by run", stats(warm.map((w, i) => w - version[i]!))));
  console.log(row("in this process: warm runUpdate()", own.warm, { digits: 1 }));
  console.log(`in this process: the first runUpdate() took ${own.first.toFixed(0)} ms`);
  const hits = answers.filter((l) => l.status === 304).length;
  console.log(`304 answers to the warm runs: ${hits} of ${answers.length} manifest requests`);
}

async function benchHash(runs: number): Promise<void> {
  const size = 100 * 1024 * 1024;
  const dir = await Deno.makeTempDir({ prefix: "forge_bench_update_" });
  const path = join(dir, "forge-bench.bin");
  try {
    await Deno.writeFile(path, noiseBytes(size));
    const openssl = await digestBy("openssl", ["dgst", "-sha256", path]).then(
      () => true,
      () => false,
    );
    const contenders: Record<string, () => Promise<string>> = {
      "sha256OfFile()": () => sha256OfFile(denoFs, path),
      "sha256sum": () => sha256sum(path),
      ...(openssl
        ? { "openssl dgst -sha256": () => digestBy("openssl", ["dgst", "-sha256", path]) }
        : {}),
    };
    const names = Object.keys(contenders);
    const times = new Map<string, number[]>(names.map((n) => [n, []]));
    for (let i = -1; i < runs; i++) { // run -1 warms up
      const order = i % 2 === 0 ? names : [...names].reverse();
      const digests = new Set<string>();
      for (const name of order) {
        const { value, ms } = await timed(contenders[name]!);
        digests.add(value);
        if (i >= 0) times.get(name)!.push(ms);
      }
      if (digests.size !== 1) throw new Error(`digests differ: ${[...digests].join(", ")}`);
    }
    header("SHA-256 of a 100 MiB file (page cache warm), time per file");
    for (const name of names) {
      const st = stats(times.get(name)!);
      console.log(
        `${row(name, st)}  ${
          (size / 1024 / 1024 / (st.median / 1000)).toFixed(0)
        } MiB/s at the median`,
      );
    }
    const own = times.get("sha256OfFile()")!;
    const ratios = times.get("sha256sum")!.map((t, i) => t / own[i]!);
    console.log(
      row("throughput sha256OfFile() / sha256sum", stats(ratios), { unit: "×", digits: 2 }),
    );
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      runs: { type: "string" },
      "cold-runs": { type: "string" },
      "hash-runs": { type: "string" },
    },
  });
  await benchCheck(Number(values.runs ?? 20), Number(values["cold-runs"] ?? 5));
  await benchHash(Number(values["hash-runs"] ?? 7));
}
