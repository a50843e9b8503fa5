/**
 * The state of the `forge serve` benchmark: a throw-away FORGE home with worker status files
 * (every worker "runs" as one shared `sleep`, so all count as alive) and a few logged model calls
 * ingested into its database, and a workspace whose `.beads/issues.jsonl` holds the beads.
 */
import { join } from "node:path";

import { FORGE_FLAGS, MAIN } from "./_bench_serve_process.ts";

const STATES = ["active", "active", "idle", "active", "starting", "paused", "active", "idle"];
const TYPES = ["task", "task", "bug", "feature", "task", "chore"];
const DAY = 86_400_000;

/** The throw-away home, workspace and environment. */
export interface BenchState extends AsyncDisposable {
  readonly root: string;
  readonly home: string;
  readonly workspace: string;
  readonly env: Record<string, string>;
  /** Beads that are not closed (what /api/status counts once the snapshot has them). */
  readonly openBeads: number;
  readonly workers: number;
}

/** How a phase reports and hands over what must be undone (also on Ctrl+C). */
export interface BenchRun {
  /** Prints one JSON line. */
  emit(record: Record<string, unknown>): void;
  /** Disposes of the value when the run ends, unless it was disposed of before. */
  track<T extends AsyncDisposable>(value: Promise<T>): Promise<T>;
}

/**
 * Writes the fleet: `workers` status files and `beads` beads (priorities 0–4, about a fifth
 * closed, a twentieth in progress, some deferred, a third depending on one or two earlier beads).
 *
 * @param options how many workers and beads
 * @returns the state; disposing of it stops the sleeper and removes every file
 */
export async function prepareState(
  options: { readonly workers: number; readonly beads: number },
): Promise<BenchState> {
  const root = await Deno.makeTempDir({ prefix: "forge_serve_bench_" });
  const home = join(root, "home");
  const workspace = join(root, "ws");
  const sleeper = new Deno.Command("sleep", { args: ["7200"] }).spawn();
  const dispose = async () => {
    try {
      sleeper.kill();
    } catch {
      // Already gone.
    }
    await sleeper.status;
    await Deno.remove(root, { recursive: true }).catch(() => {});
  };
  try {
    await Deno.mkdir(join(home, "status"), { recursive: true });
    await Deno.mkdir(join(workspace, ".beads"), { recursive: true });
    await Deno.mkdir(join(root, "tmux"), { recursive: true });
    await Deno.mkdir(join(home, "logs"), { recursive: true });
    const now = Date.now();
    const lines = Array.from({ length: options.beads }, (_, i) => beadLine(i, now));
    await Deno.writeTextFile(join(workspace, ".beads", "issues.jsonl"), lines.join("\n") + "\n");
    for (let i = 0; i < options.workers; i++) {
      const id = `bench-${String(i).padStart(3, "0")}`;
      await Deno.writeTextFile(
        join(home, "status", `${id}.json`),
        statusLine(i, { id, pid: sleeper.pid, workspace, now }),
      );
      await Deno.writeTextFile(join(home, "logs", `${id}.log`), logLines(i, { id, now }));
    }
    const env: Record<string, string> = {
      ...Deno.env.toObject(),
      FORGE_HOME: home,
      TMUX_TMPDIR: join(root, "tmux"),
      FORGE_NO_UPDATE_CHECK: "1",
      NO_COLOR: "1",
    };
    delete env["TMUX"];
    delete env["FORGE_SERVE_TOKEN"];
    await ingestLogs(env, workspace);
    return {
      root,
      home,
      workspace,
      env,
      openBeads: lines.filter((l) => !l.includes('"status":"closed"')).length,
      workers: options.workers,
      [Symbol.asyncDispose]: dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

function beadLine(i: number, now: number): string {
  const id = `bench-${i.toString(36)}`;
  const closed = i % 5 === 1;
  const inProgress = !closed && i % 20 === 3;
  const deferred = !closed && !inProgress && i % 50 === 7;
  const deps = i > 10 && i % 3 === 0
    ? [...new Set([i - 1 - (i * 7 % 10), i - 2 - (i * 13 % 9)])].map((d) => ({
      depends_on_id: `bench-${d.toString(36)}`,
      type: "blocks",
    }))
    : [];
  return JSON.stringify({
    id,
    title: `Bench bead ${i}: refactor module ${i % 97} and keep its tests green`,
    description: `Generated for the serve benchmark (bead ${i}).`,
    status: closed ? "closed" : inProgress ? "in_progress" : deferred ? "deferred" : "open",
    priority: (i * 7) % 5,
    issue_type: TYPES[i % TYPES.length],
    ...(inProgress ? { assignee: `bench-${String(i % 100).padStart(3, "0")}` } : {}),
    created_at: new Date(now - (i % 30) * DAY - i * 1000).toISOString(),
    updated_at: new Date(now - (i % 7) * DAY).toISOString(),
    ...(closed ? { closed_at: new Date(now - (i % 5) * DAY).toISOString() } : {}),
    labels: i % 10 === 0 ? ["urgent"] : [],
    dependencies: deps,
  });
}

/** A few model calls with usage, so the store has costs by model and worker. */
function logLines(i: number, at: { readonly id: string; readonly now: number }): string {
  return Array.from({ length: 5 }, (_, k) =>
    JSON.stringify({
      timestamp: new Date(at.now - (5 - k) * 60_000).toISOString(),
      level: "info",
      worker_id: at.id,
      event: "api_call",
      message: `model call ${k} on bench-${(i * 20 + 3).toString(36)}`,
      model: ["claude-sonnet-4-5", "claude-opus-4-1", "gpt-5-codex", "sim-fast"][i % 4],
      tokens: { input: 12_000 + 100 * i, output: 900 + k, cache_read: 0, cache_write: 0 },
      cost_usd: 0.01 * ((i % 9) + 1),
    }) + "\n").join("");
}

/** `forge costs` once: creates the database and ingests the logs, as any forge command would. */
async function ingestLogs(env: Record<string, string>, cwd: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...FORGE_FLAGS, MAIN, "costs"],
    env,
    clearEnv: true,
    cwd,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`forge costs failed: ${new TextDecoder().decode(out.stderr)}`);
  }
}

function statusLine(
  i: number,
  at: { readonly id: string; readonly pid: number; readonly workspace: string; now: number },
): string {
  const state = STATES[i % STATES.length] as string;
  return JSON.stringify({
    worker_id: at.id,
    status: state,
    model: ["claude-sonnet-4-5", "claude-opus-4-1", "gpt-5-codex", "sim-fast"][i % 4],
    workspace: at.workspace,
    pid: at.pid,
    started_at: new Date(at.now - 2 * 3_600_000 - i * 60_000).toISOString(),
    last_activity: new Date(at.now - (i % 50) * 1000).toISOString(),
    current_task: state === "active" ? `bench-${(i * 20 + 3).toString(36)}` : null,
    tasks_completed: i % 17,
  });
}

/**
 * Waits until `/api/status` counts every worker and every open bead: the server listens before
 * its snapshot has everything.
 *
 * @param url the server
 * @param state what it serves
 * @throws when that does not happen within a minute
 */
export async function waitForSnapshot(url: string, state: BenchState): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    const s = await (await fetch(`${url}/api/status`)).json();
    const beads = s.beads.ready + s.beads.in_progress + s.beads.blocked + s.beads.deferred;
    last = JSON.stringify({ workers: s.workers, beads: s.beads, problems: s.problems });
    if (s.workers.total === state.workers && s.workers.alive > 0 && beads === state.openBeads) {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `/api/status never showed ${state.workers} workers and ${state.openBeads} open beads: ${last}`,
  );
}
