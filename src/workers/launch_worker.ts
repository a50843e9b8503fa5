/**
 * The launcher protocol, FORGE's side: call the launcher exactly as specified, with a hard timeout;
 * read its stdout leniently; treat a non-zero exit, an `error`, `status: "failed"` or a pid of 0
 * as failure; verify that a tmux session or a live process exists; retry twice with backoff; and
 * fail with a message that carries the exit code and the end of stderr.
 */
import type { BeadId, Clock, Processes, WorkerId } from "../domain/mod.ts";
import { ForgeError, redact } from "../domain/mod.ts";
import { type LauncherReport, parseLauncherOutput } from "./launcher_output.ts";
import { Tmux } from "./tmux.ts";

/** One launch, fully resolved. */
export interface LaunchSpec {
  readonly workerId: WorkerId;
  readonly launcherName: string;
  readonly executable: string;
  readonly model: string;
  readonly workspace: string;
  readonly beadId: BeadId | undefined;
  readonly configPath: string | undefined;
  readonly extraArgs: readonly string[];
  /** The launcher's whole environment (see buildLaunchEnv()). */
  readonly env: Readonly<Record<string, string>>;
}

/** Limits of a launch. */
export interface LaunchSettings {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  /** How long to wait for the session or pid to appear after the launcher returned. */
  readonly verifyMs?: number;
}

/** A started worker. */
export interface LaunchResult {
  readonly workerId: WorkerId;
  readonly session: string;
  readonly pid: number | undefined;
  readonly model: string;
  readonly beadId: string | undefined;
  readonly attempts: number;
  readonly durationMs: number;
  readonly warnings: readonly string[];
}

/** A launch that failed after every attempt. */
export class LaunchError extends ForgeError {
  /** Exit code of the last attempt, when it exited. */
  readonly exitCode: number | undefined;
  readonly stderr: string;
  readonly attempts: number;

  /** @param message summary @param details exit code, stderr and attempts */
  constructor(
    message: string,
    details: { exitCode: number | undefined; stderr: string; attempts: number; hint: string },
  ) {
    super("LAUNCHER_FAILED", message, { hint: details.hint });
    this.exitCode = details.exitCode;
    this.stderr = details.stderr;
    this.attempts = details.attempts;
  }
}

type Attempt =
  | { readonly ok: true; readonly result: Omit<LaunchResult, "attempts" | "durationMs"> }
  | {
    readonly ok: false;
    readonly reason: string;
    readonly exitCode: number | undefined;
    readonly stderr: string;
  };

/**
 * The argument list of the protocol.
 *
 * @param spec the launch
 * @returns `--model=… --workspace=… --session-name=… [--bead-ref=…] [--config=…] …extra`
 */
export function launcherArgs(spec: LaunchSpec): string[] {
  const args = [
    `--model=${spec.model}`,
    `--workspace=${spec.workspace}`,
    `--session-name=${spec.workerId}`,
  ];
  if (spec.beadId !== undefined) args.push(`--bead-ref=${spec.beadId}`);
  if (spec.configPath !== undefined) args.push(`--config=${spec.configPath}`);
  return [...args, ...spec.extraArgs];
}

/**
 * Starts a worker through its launcher.
 *
 * @param spec what to launch
 * @param options ports and limits
 * @returns the started worker
 * @throws {LaunchError} when every attempt failed
 */
export async function launchWorker(
  spec: LaunchSpec,
  options: {
    readonly processes: Processes;
    readonly clock: Clock;
    readonly settings: LaunchSettings;
  },
): Promise<LaunchResult> {
  const { processes, clock, settings } = options;
  const tmux = new Tmux(processes);
  const started = clock.now();
  let last: Attempt | undefined;
  for (let attempt = 1; attempt <= settings.retries + 1; attempt++) {
    if (attempt > 1) await clock.sleep(settings.backoffMs * 2 ** (attempt - 2));
    if (await tmux.hasSession(spec.workerId)) await tmux.killSession(spec.workerId);
    last = await attemptLaunch(spec, { processes, clock, tmux, settings });
    if (last.ok) return { ...last.result, attempts: attempt, durationMs: clock.now() - started };
  }
  const failure = last as Extract<Attempt, { ok: false }>;
  // A launcher that made a session and then reported failure must not leave it behind.
  if (await tmux.hasSession(spec.workerId)) await tmux.killSession(spec.workerId);
  const tail = stderrTail(failure.stderr);
  // Launchers see resolved secrets and may echo them; the error travels to logs and JSON output.
  throw new LaunchError(
    redact(
      `Cannot spawn worker "${spec.workerId}" with launcher "${spec.launcherName}": ${failure.reason} ` +
        `(after ${settings.retries + 1} attempt${settings.retries === 0 ? "" : "s"})${
          tail === "" ? "" : `\n  stderr: ${tail}`
        }`,
    ),
    {
      exitCode: failure.exitCode,
      stderr: redact(failure.stderr),
      attempts: settings.retries + 1,
      hint: `check it with: forge validate launcher ${spec.executable}`,
    },
  );
}

async function attemptLaunch(
  spec: LaunchSpec,
  deps: { processes: Processes; clock: Clock; tmux: Tmux; settings: LaunchSettings },
): Promise<Attempt> {
  const run = await deps.processes.run(spec.executable, launcherArgs(spec), {
    cwd: spec.workspace,
    env: spec.env,
    clearEnv: true,
    timeoutMs: deps.settings.timeoutMs,
    maxOutputBytes: 256 * 1024,
  });
  const fail = (reason: string): Attempt => ({
    ok: false,
    reason,
    exitCode: run.timedOut ? undefined : run.code,
    stderr: run.stderr,
  });
  if (run.timedOut) {
    return fail(
      `did not finish within ${deps.settings.timeoutMs / 1000} s and was killed`,
    );
  }
  if (run.code !== 0) return fail(`exited with code ${run.code}`);
  const output = parseLauncherOutput(run.stdout);
  if (output.kind === "failed") return fail(output.reason);
  const report = output.report;
  const session = report.session ?? report.workerId ?? spec.workerId;
  const warnings = [...output.warnings];
  if (session !== spec.workerId) {
    warnings.push(
      `launcher named the session "${session}", not "${spec.workerId}"; FORGE keeps "${spec.workerId}"`,
    );
  }
  const live = await verifySpawn(session, report, deps);
  if (!live) {
    return fail(
      `reported success but left no live process (no tmux session "${session}"` +
        `${report.pid === undefined ? "" : ` and pid ${report.pid} is not running`})`,
    );
  }
  return {
    ok: true,
    result: {
      workerId: spec.workerId,
      session,
      pid: report.pid ?? await deps.tmux.panePid(session),
      model: report.model ?? spec.model,
      beadId: report.beadId ?? spec.beadId,
      warnings,
    },
  };
}

async function verifySpawn(
  session: string,
  report: LauncherReport,
  deps: { processes: Processes; clock: Clock; tmux: Tmux; settings: LaunchSettings },
): Promise<boolean> {
  const deadline = deps.clock.now() + (deps.settings.verifyMs ?? 3_000);
  while (true) {
    if (await deps.tmux.hasSession(session)) return true;
    if (report.pid !== undefined && await deps.processes.isAlive(report.pid)) return true;
    if (deps.clock.now() >= deadline) return false;
    await deps.clock.sleep(100);
  }
}

function stderrTail(stderr: string): string {
  const lines = stderr.trim().split("\n").filter((l) => l.trim() !== "");
  const tail = lines.slice(-5).join(" | ");
  return tail.length > 600 ? `…${tail.slice(-600)}` : tail;
}
