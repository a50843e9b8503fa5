/**
 * Every worker of a FORGE home, from its status file, with liveness (tmux session or pid) and
 * health. One `tmux list-sessions` serves all workers.
 */
import { join } from "node:path";
import type {
  Clock,
  FileSystem,
  HealthThresholds,
  HomeLayout,
  Liveness,
  Processes,
  WorkerStatus,
  WorkerView,
} from "../domain/mod.ts";
import { assessHealth, DEFAULT_HEALTH_THRESHOLDS, workerIdProblem } from "../domain/mod.ts";
import { readStatusFile } from "./status_file.ts";
import { Tmux } from "./tmux.ts";

/** What listWorkers() needs. */
export interface ListWorkersOptions {
  readonly fs: FileSystem;
  readonly processes: Processes;
  readonly clock: Clock;
  readonly layout: HomeLayout;
  readonly thresholds?: HealthThresholds;
}

/**
 * Reads every status file (`*.json` whose stem is a valid worker id) in id order.
 *
 * @param options file access and FORGE home
 * @returns statuses, unreadable ones as `error` workers with the reason
 */
export async function readAllStatuses(
  options: { readonly fs: FileSystem; readonly layout: HomeLayout },
): Promise<WorkerStatus[]> {
  const entries = await options.fs.readDir(options.layout.status);
  const stems = entries
    .filter((e) => e.kind === "file" && e.name.endsWith(".json") && !e.name.startsWith("."))
    .map((e) => e.name.slice(0, -5))
    .filter((stem) => workerIdProblem(stem) === undefined);
  const reads = await Promise.all(
    stems.map((stem) =>
      readStatusFile(options.fs, join(options.layout.status, `${stem}.json`), stem)
    ),
  );
  return reads.map((r) => r.status);
}

/**
 * Lists workers with liveness and health.
 *
 * @param options ports, FORGE home and thresholds
 * @returns one view per status file
 */
export async function listWorkers(options: ListWorkersOptions): Promise<WorkerView[]> {
  const statuses = await readAllStatuses(options);
  const tmux = new Tmux(options.processes);
  const sessions = new Set(await tmux.listSessions());
  const now = options.clock.now();
  return await Promise.all(statuses.map(async (status) => {
    const liveness = await livenessOf(status, sessions, options.processes);
    const logInfo = await options.fs.stat(join(options.layout.logs, `${status.workerId}.log`));
    const lastActivity = Math.max(status.lastActivity ?? 0, logInfo?.mtimeMs ?? 0) || undefined;
    const rss = liveness === "alive" && status.pid !== undefined
      ? await options.processes.rssBytes(status.pid)
      : undefined;
    const verdict = assessHealth({
      state: status.state,
      liveness,
      now,
      startedAt: status.startedAt,
      lastActivity,
      currentTask: status.currentTask,
      rssBytes: rss,
    }, options.thresholds ?? DEFAULT_HEALTH_THRESHOLDS);
    return {
      id: status.workerId,
      status,
      liveness,
      health: verdict.health,
      healthReason: verdict.reason,
      uptimeMs: status.startedAt === undefined || liveness !== "alive"
        ? undefined
        : now - status.startedAt,
    };
  }));
}

async function livenessOf(
  status: WorkerStatus,
  sessions: ReadonlySet<string>,
  processes: Processes,
): Promise<Liveness> {
  if (sessions.has(status.workerId)) return "alive";
  if (status.pid !== undefined) return (await processes.isAlive(status.pid)) ? "alive" : "dead";
  return "dead";
}
