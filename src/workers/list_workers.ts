/**
 * Every worker of a FORGE home, from its status file, with liveness (live pid or tmux session)
 * and health. One `tmux list-sessions` serves all workers, and only when a pid does not answer.
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
import {
  assessHealth,
  DEFAULT_HEALTH_THRESHOLDS,
  mapInBatches,
  workerIdProblem,
} from "../domain/mod.ts";
import { readStatusFile, readStatusFileIfAny } from "./status_file.ts";
import { Tmux } from "./tmux.ts";

/** What listWorkers() needs. */
export interface ListWorkersOptions {
  readonly fs: FileSystem;
  readonly processes: Processes;
  readonly clock: Clock;
  readonly layout: HomeLayout;
  readonly thresholds?: HealthThresholds;
  /** Statuses already read (then no status file is read). */
  readonly statuses?: readonly WorkerStatus[];
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
  return await readStatuses(options, await statusFileIds(options));
}

/**
 * The worker ids that have a status file (`*.json` named after a valid worker id), unread.
 *
 * @param options file access and FORGE home
 * @returns the ids, in directory order
 */
export async function statusFileIds(
  options: { readonly fs: FileSystem; readonly layout: HomeLayout },
): Promise<string[]> {
  const entries = await options.fs.readDir(options.layout.status);
  return entries
    .filter((e) => e.kind === "file" && e.name.endsWith(".json") && !e.name.startsWith("."))
    .map((e) => e.name.slice(0, -5))
    .filter((stem) => workerIdProblem(stem) === undefined);
}

async function readStatuses(
  options: { readonly fs: FileSystem; readonly layout: HomeLayout },
  stems: readonly string[],
): Promise<WorkerStatus[]> {
  const reads = await mapInBatches(
    stems,
    (stem) => readStatusFile(options.fs, join(options.layout.status, `${stem}.json`), stem),
  );
  return reads.map((r) => r.status);
}

/**
 * Reads the status files of some workers; ids without a status file (or not valid ids) are left
 * out.
 *
 * @param options file access and FORGE home
 * @param ids worker ids
 * @returns their statuses in id order
 */
export async function readSomeStatuses(
  options: { readonly fs: FileSystem; readonly layout: HomeLayout },
  ids: readonly string[],
): Promise<WorkerStatus[]> {
  const stems = ids.filter((id) => workerIdProblem(id) === undefined).sort();
  const reads = await mapInBatches(
    stems,
    (stem) => readStatusFileIfAny(options.fs, join(options.layout.status, `${stem}.json`), stem),
  );
  return reads.flatMap((r) => (r === undefined ? [] : [r.status]));
}

/**
 * Lists workers with liveness and health.
 *
 * @param options ports, FORGE home, thresholds, and optionally statuses already read
 * @returns one view per status file, in id order
 */
export async function listWorkers(options: ListWorkersOptions): Promise<WorkerView[]> {
  const statuses = options.statuses ?? await readAllStatuses(options);
  // Asked only when a worker has no live pid: a fleet of live workers costs no tmux call.
  let sessions: Promise<ReadonlySet<string>> | undefined;
  const sessionsOnce = () =>
    sessions ??= new Tmux(options.processes).listSessions().then((names) => new Set(names));
  const now = options.clock.now();
  // For many workers one listing of logs/ is cheaper than a failed stat per worker without a log.
  const logNames = statuses.length < 8 ? undefined : await options.fs.readDir(options.layout.logs)
    .then((entries) => new Set(entries.map((e) => e.name)), () => undefined);
  return await mapInBatches(statuses, async (read) => {
    const liveness = await livenessOf(read, sessionsOnce, options.processes);
    // A worker writes its last status and then exits: found gone after its file was read, it may
    // have written "stopped" or "failed" in between, and that last word is the one that counts.
    const status = liveness === "alive" || isFinal(read) ? read : await reread(options, read);
    const logName = `${status.workerId}.log`;
    const logInfo = logNames === undefined || logNames.has(logName)
      ? await options.fs.stat(join(options.layout.logs, logName))
      : undefined;
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
  });
}

/** Alive when its process lives or its tmux session exists. */
async function livenessOf(
  status: WorkerStatus,
  sessions: () => Promise<ReadonlySet<string>>,
  processes: Processes,
): Promise<Liveness> {
  if (status.pid !== undefined && await processes.isAlive(status.pid)) return "alive";
  return (await sessions()).has(status.workerId) ? "alive" : "dead";
}

function isFinal(status: WorkerStatus): boolean {
  return status.state === "stopped" || status.state === "failed";
}

async function reread(
  options: { readonly fs: FileSystem; readonly layout: HomeLayout },
  status: WorkerStatus,
): Promise<WorkerStatus> {
  const [again] = await readSomeStatuses(options, [status.workerId]);
  return again !== undefined && isFinal(again) ? again : status;
}
