/**
 * The launcher test harness (`forge validate launcher <path>`): runs a launcher the way FORGE does,
 * in a throw-away FORGE home and workspace, and checks the five things the protocol requires.
 * Each failed check says exactly what was wrong.
 */
import { join } from "node:path";
import type { Clock, FileSystem, Processes } from "../domain/mod.ts";
import { WRITABLE_WORKER_STATES } from "../domain/mod.ts";
import { parseLauncherOutput } from "./launcher_output.ts";
import { parseStatusFile } from "./status_file.ts";
import { Tmux } from "./tmux.ts";

/** One check of the harness. */
export interface HarnessCheck {
  readonly id: "arguments" | "output" | "status-file" | "log-file" | "process";
  readonly ok: boolean;
  readonly message: string;
}

/** What the harness needs. */
export interface ValidateLauncherOptions {
  readonly fs: FileSystem;
  readonly processes: Processes;
  readonly clock: Clock;
  /** The environment to start from (PATH, HOME …). */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** `FORGE_BIN` for the launcher. */
  readonly forgeBin: string;
  readonly model?: string;
  /** Milliseconds to wait for the status and log files (default 5000). */
  readonly fileWaitMs?: number;
  /** Milliseconds to wait before the liveness check (default 2000). */
  readonly settleMs?: number;
}

const ACCEPTED_STATES = new Set(["active", "idle", "starting", "spawned"]);

/**
 * Runs the harness.
 *
 * @param launcher path of the executable
 * @param options ports and limits
 * @returns the five checks, in order
 */
export async function validateLauncher(
  launcher: string,
  options: ValidateLauncherOptions,
): Promise<HarnessCheck[]> {
  const { fs, processes, clock } = options;
  const root = await fs.makeTempDir("forge_validate_");
  const home = join(root, "home");
  const workspace = join(root, "workspace");
  await fs.mkdirp(workspace);
  const session = `forge-validate-${Math.floor(clock.now() % 1e8).toString(36)}`;
  const env = {
    ...options.baseEnv,
    FORGE_HOME: home,
    FORGE_WORKER_ID: session,
    FORGE_SESSION: session,
    FORGE_MODEL: options.model ?? "sonnet",
    FORGE_WORKSPACE: workspace,
    FORGE_BIN: options.forgeBin,
  };
  const run = (args: string[]) =>
    processes.run(launcher, args, { cwd: workspace, env, clearEnv: true, timeoutMs: 15_000 });
  const checks: HarnessCheck[] = [];
  let pid: number | undefined;
  try {
    const bad = await run([`--model=${env.FORGE_MODEL}`]);
    const good = await run([
      `--model=${env.FORGE_MODEL}`,
      `--workspace=${workspace}`,
      `--session-name=${session}`,
    ]);
    checks.push(argumentsCheck(bad.code, good.code, good.timedOut, good.stderr));
    const output = parseLauncherOutput(good.stdout, { strict: true });
    // The liveness check wants the pid even when the output breaks the strict rules.
    const lenient = parseLauncherOutput(good.stdout);
    pid = lenient.kind === "ok" ? lenient.report.pid : undefined;
    checks.push(
      output.kind === "ok"
        ? {
          id: "output",
          ok: true,
          message: `stdout is one JSON object with worker_id, pid ${pid} and status "spawned"`,
        }
        : { id: "output", ok: false, message: `stdout: ${output.reason}` },
    );
    checks.push(
      await statusCheck(
        fs,
        clock,
        join(home, "status", `${session}.json`),
        session,
        options.fileWaitMs ?? 5_000,
      ),
    );
    checks.push(
      await logCheck(fs, clock, join(home, "logs", `${session}.log`), {
        session,
        waitMs: options.fileWaitMs ?? 5_000,
      }),
    );
    const settleMs = options.settleMs ?? 2_000;
    await clock.sleep(settleMs);
    checks.push(await processCheck(processes, session, { pid, settleMs }));
  } finally {
    await cleanup(processes, clock, { session, pid });
    await removeTree(fs, clock, root);
  }
  return checks;
}

function argumentsCheck(
  badCode: number,
  goodCode: number,
  timedOut: boolean,
  stderr: string,
): HarnessCheck {
  if (timedOut) {
    return {
      id: "arguments",
      ok: false,
      message: "did not return within 15 s; a launcher must start the worker and return at once",
    };
  }
  if (goodCode !== 0) {
    return {
      id: "arguments",
      ok: false,
      message: `exited ${goodCode} with valid arguments${
        stderr.trim() === "" ? "" : `: ${stderr.trim().split("\n").pop()}`
      }`,
    };
  }
  if (badCode === 0) {
    return {
      id: "arguments",
      ok: false,
      message: "exited 0 when called with only --model; missing arguments must fail",
    };
  }
  return {
    id: "arguments",
    ok: true,
    message: `exits 0 with valid arguments and ${badCode} with only --model`,
  };
}

async function waitForFile(
  fs: FileSystem,
  clock: Clock,
  path: string,
  waitMs: number,
): Promise<boolean> {
  const deadline = clock.now() + waitMs;
  while (true) {
    const info = await fs.stat(path);
    if (info !== undefined && info.size > 0) return true;
    if (clock.now() >= deadline) return false;
    await clock.sleep(100);
  }
}

async function statusCheck(
  fs: FileSystem,
  clock: Clock,
  path: string,
  session: string,
  waitMs: number,
): Promise<HarnessCheck> {
  if (!await waitForFile(fs, clock, path, waitMs)) {
    return {
      id: "status-file",
      ok: false,
      message: `no status file at $FORGE_HOME/status/${session}.json within ${waitMs / 1000} s`,
    };
  }
  const text = await fs.readTextFile(path);
  const read = parseStatusFile(text, session);
  if (read.kind === "error") {
    return { id: "status-file", ok: false, message: `status file: ${read.reason}` };
  }
  const raw = read.status.raw;
  const missing = ["worker_id", "status", "model", "workspace"].filter((k) =>
    typeof raw[k] !== "string"
  );
  if (missing.length > 0) {
    return {
      id: "status-file",
      ok: false,
      message: `status file lacks string field(s) ${missing.join(", ")}`,
    };
  }
  if (!ACCEPTED_STATES.has(String(raw["status"]))) {
    const allowed = WRITABLE_WORKER_STATES.filter((s) => ACCEPTED_STATES.has(s)).join(", ");
    return {
      id: "status-file",
      ok: false,
      message: `status file says "${raw["status"]}"; a new worker is ${allowed}`,
    };
  }
  return {
    id: "status-file",
    ok: true,
    message: `status file written (status "${raw["status"]}")`,
  };
}

async function logCheck(
  fs: FileSystem,
  clock: Clock,
  path: string,
  { session, waitMs }: { session: string; waitMs: number },
): Promise<HarnessCheck> {
  if (!await waitForFile(fs, clock, path, waitMs)) {
    return {
      id: "log-file",
      ok: false,
      message: `no non-empty log at $FORGE_HOME/logs/${session}.log within ${waitMs / 1000} s`,
    };
  }
  return { id: "log-file", ok: true, message: "log file written" };
}

async function processCheck(
  processes: Processes,
  session: string,
  { pid, settleMs }: { pid: number | undefined; settleMs: number },
): Promise<HarnessCheck> {
  const after = `after ${settleMs / 1000} s`;
  if (await new Tmux(processes).hasSession(session)) {
    return { id: "process", ok: true, message: `tmux session "${session}" is alive ${after}` };
  }
  if (pid !== undefined && await processes.isAlive(pid)) {
    return { id: "process", ok: true, message: `pid ${pid} is alive ${after}` };
  }
  return {
    id: "process",
    ok: false,
    message: `nothing alive ${after}: no tmux session "${session}"${
      pid === undefined ? "" : ` and pid ${pid} has exited`
    }`,
  };
}

async function cleanup(
  processes: Processes,
  clock: Clock,
  worker: { session: string; pid: number | undefined },
): Promise<void> {
  const tmux = new Tmux(processes);
  const panePid = await tmux.panePid(worker.session);
  await tmux.killSession(worker.session);
  for (const pid of [worker.pid, panePid]) {
    if (pid === undefined || !await processes.isAlive(pid)) continue;
    // A pid the launcher started in the background leads no process group of its own.
    if (!await processes.kill(pid, { signal: "SIGTERM", group: true })) {
      await processes.kill(pid, { signal: "SIGTERM" });
    }
    for (let i = 0; i < 20 && await processes.isAlive(pid); i++) await clock.sleep(50);
  }
}

/** The worker may still be writing its last lines while it stops; retry a few times. */
async function removeTree(fs: FileSystem, clock: Clock, root: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await fs.remove(root, { recursive: true });
      return;
    } catch {
      await clock.sleep(100);
    }
  }
  await fs.remove(root, { recursive: true }).catch(() => {});
}
