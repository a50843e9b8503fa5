/**
 * Helpers for CLI tests that start real sim workers: a sandbox that stops every process it
 * started (hard-paused ones included) before it removes its files, and small readers for status
 * files, process states and `forge workers --json`.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type ForgeSandbox, forgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";

/** Sim settings for tests: short tasks, frequent log lines, no failures or stalls. */
export const FAST_SIM: Readonly<Record<string, string>> = {
  SIM_WORK_SECONDS: "2",
  SIM_CALL_SECONDS: "0.2",
  SIM_IDLE_SECONDS: "0.2",
  SIM_FAIL_PCT: "0",
  SIM_STALL_PCT: "0",
  SIM_LIMIT_PCT: "0",
};

/** States a worker's own half writes once it runs (the launcher writes `starting`). */
const RUNNING = new Set(["active", "idle", "paused"]);

/**
 * The one-letter state of a process (R, S, T, Z …), or undefined when it does not exist.
 *
 * @param pid a process id
 * @returns the state from /proc/<pid>/stat
 */
export async function processState(pid: number): Promise<string | undefined> {
  try {
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  } catch {
    return undefined;
  }
}

/**
 * True while the pid exists and is not a zombie.
 *
 * @param pid a process id
 * @returns whether it runs
 */
export async function isRunning(pid: number): Promise<boolean> {
  const state = await processState(pid);
  return state !== undefined && state !== "Z" && state !== "X";
}

/**
 * Pids of the live processes whose environment names this sandbox's FORGE_HOME: launchers,
 * workers, their children and the tmux server they started. Never anyone else's.
 *
 * @param sb the sandbox
 * @returns the pids
 */
export async function sandboxPids(sb: ForgeSandbox): Promise<number[]> {
  const marker = new TextEncoder().encode(`\0FORGE_HOME=${sb.home}\0`);
  const pids: number[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name) || Number(entry.name) === Deno.pid) continue;
    const environ = await Deno.readFile(`/proc/${entry.name}/environ`).catch(() => undefined);
    if (environ === undefined) continue;
    const padded = new Uint8Array(environ.length + 1);
    padded.set(environ, 1);
    if (contains(padded, marker) && await isRunning(Number(entry.name))) {
      pids.push(Number(entry.name));
    }
  }
  return pids;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function signal(pid: number, name: Deno.Signal): void {
  try {
    Deno.kill(pid, name);
  } catch { /* already gone */ }
}

/** Stops everything the sandbox started: continue stopped processes, end tmux, then wait. */
async function stopEverything(sb: ForgeSandbox): Promise<void> {
  for (const pid of await sandboxPids(sb)) signal(pid, "SIGCONT");
  await sb.tmux(["kill-server"]);
  try {
    await waitFor(async () => (await sandboxPids(sb)).length === 0, {
      timeoutMs: 5_000,
      what: "the sandbox's processes to end after tmux kill-server",
    });
  } catch {
    for (const pid of await sandboxPids(sb)) signal(pid, "SIGKILL");
    await waitFor(async () => (await sandboxPids(sb)).length === 0, {
      what: "the sandbox's processes to end after SIGKILL",
    });
  }
}

/**
 * A FORGE sandbox for tests that start workers. Disposing it ends every process that carries its
 * FORGE_HOME before the files go, so no worker writes into a folder being removed.
 *
 * @param name a short label
 * @returns the sandbox; use with `await using`
 */
export async function workerSandbox(name: string): Promise<ForgeSandbox> {
  const sb = await forgeSandbox(name);
  return {
    ...sb,
    async [Symbol.asyncDispose]() {
      try {
        await stopEverything(sb);
      } finally {
        await sb[Symbol.asyncDispose]();
      }
    },
  };
}

/**
 * Every file under a folder, with its text.
 *
 * @param dir the folder
 * @returns path → text
 */
export async function filesUnder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) {
      for (const [p, t] of await filesUnder(path)) files.set(p, t);
    } else if (e.isFile) files.set(path, await Deno.readTextFile(path));
  }
  return files;
}

/**
 * A worker's status file, parsed.
 *
 * @param sb the sandbox
 * @param id the worker id
 * @returns the JSON object
 */
export async function readStatus(sb: ForgeSandbox, id: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(join(sb.home, "status", `${id}.json`)));
}

/**
 * Size of a worker's log in bytes (0 before it exists).
 *
 * @param sb the sandbox
 * @param id the worker id
 * @returns the size
 */
export async function logSize(sb: ForgeSandbox, id: string): Promise<number> {
  return (await Deno.stat(join(sb.home, "logs", `${id}.log`)).catch(() => ({ size: 0 }))).size;
}

/**
 * `forge workers --json [--all]`, parsed.
 *
 * @param sb the sandbox
 * @param all include stopped workers
 * @returns one object per worker
 */
export async function listWorkers(
  sb: ForgeSandbox,
  all = false,
): Promise<Record<string, unknown>[]> {
  const run = await sb.forge(["workers", "--json", ...(all ? ["--all"] : [])]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

/**
 * Spawns sim workers, checks that each started, and waits until each worker's own half runs
 * (its status file then carries its pid, not the launcher's).
 *
 * @param sb the sandbox
 * @param count how many
 * @param env extra environment for FORGE (and through it the launcher)
 * @returns the worker ids and their pids
 */
export async function spawnSim(
  sb: ForgeSandbox,
  count: number,
  env: Record<string, string> = {},
): Promise<{ id: string; pid: number }[]> {
  const run = await sb.forge(["spawn", "--worker", "sim", "--count", String(count), "--json"], {
    env: { ...FAST_SIM, ...env },
  });
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  const outcomes: { worker_id: string; ok: boolean }[] = JSON.parse(run.stdout);
  assert.equal(outcomes.length, count);
  assert.ok(outcomes.every((o) => o.ok), run.stdout);
  const workers = [];
  for (const { worker_id: id } of outcomes) {
    const status = await waitFor(async () => {
      const s = await readStatus(sb, id).catch(() => undefined);
      return s !== undefined && RUNNING.has(String(s["status"])) &&
          await isRunning(Number(s["pid"]))
        ? s
        : undefined;
    }, { what: `worker ${id} to run` });
    workers.push({ id, pid: Number(status["pid"]) });
  }
  return workers;
}
