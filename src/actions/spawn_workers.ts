/**
 * `forge spawn`: resolve the worker config and launcher, respect `max_workers`, allocate ids, and
 * start the workers (start_worker.ts) several at a time.
 */
import type { BeadId, WorkerConfig } from "../domain/mod.ts";
import { allocateWorkerIds, NotFoundError, UsageError } from "../domain/mod.ts";
import { listWorkers, loadWorkerConfigs, resolveLauncher, Tmux } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { type SpawnOutcome, startWorker } from "./start_worker.ts";

export type { SpawnOutcome };

/** What to spawn. */
export interface SpawnRequest {
  /** A worker config name (sim, claude-code, …). */
  readonly worker: string | undefined;
  /** A launcher name or path, instead of a worker config. */
  readonly launcher: string | undefined;
  readonly model: string | undefined;
  readonly count: number;
  /** Absolute path of the workspace. */
  readonly workspace: string;
  readonly beadId: BeadId | undefined;
}

/** Launches at once; more would only contend for tmux and the disk. */
const PARALLEL = 8;

/**
 * Spawns workers.
 *
 * @param ctx the action context
 * @param request what to spawn
 * @returns one outcome per worker, in id order
 * @throws {UsageError} for contradictory requests or when `max_workers` would be exceeded
 * @throws {NotFoundError} for an unknown worker config, launcher or workspace
 */
export async function spawnWorkers(
  ctx: ActionContext,
  request: SpawnRequest,
): Promise<SpawnOutcome[]> {
  const plan = await planSpawn(ctx, request);
  const taken = new Set([
    ...(await ctx.fs.readDir(ctx.layout.status)).map((e) => e.name.replace(/\.json$/, "")),
  ]);
  for (const s of await new Tmux(ctx.processes).listSessions()) taken.add(s);
  const ids = allocateWorkerIds(plan.model, { count: request.count, taken });
  await ctx.fs.mkdirp(ctx.layout.status);
  await ctx.fs.mkdirp(ctx.layout.logs);
  const outcomes: SpawnOutcome[] = [];
  // The first launch may start the tmux server; the rest can then go in parallel.
  for (let i = 0; i < ids.length;) {
    const batch = ids.slice(i, i === 0 ? 1 : i + PARALLEL);
    outcomes.push(
      ...await Promise.all(batch.map((id) =>
        startWorker(ctx, {
          workerId: id,
          workerConfig: plan.workerConfig,
          launcher: {
            name: plan.launcherName,
            path: plan.launcherPath,
            defaultArgs: plan.defaultArgs,
          },
          model: plan.model,
          workspace: request.workspace,
          beadId: request.beadId,
        })
      )),
    );
    i += batch.length;
  }
  return outcomes;
}

interface SpawnPlan {
  readonly request: SpawnRequest;
  readonly workerConfig: WorkerConfig | undefined;
  readonly launcherName: string;
  readonly launcherPath: string;
  readonly defaultArgs: readonly string[];
  readonly model: string;
}

async function planSpawn(ctx: ActionContext, request: SpawnRequest): Promise<SpawnPlan> {
  if (!Number.isInteger(request.count) || request.count < 1) {
    throw new UsageError(
      `Cannot spawn "${request.count}" workers: the count must be a whole number of at least 1`,
    );
  }
  if (request.beadId !== undefined && request.count > 1) {
    throw new UsageError("Cannot spawn several workers for one bead: a bead has one worker", {
      hint: "drop --count or --bead",
    });
  }
  if (request.worker === undefined && request.launcher === undefined) {
    throw new UsageError(
      "Cannot spawn: name a worker config (--worker sim) or a launcher (--launcher NAME --model M)",
    );
  }
  const workspaceInfo = await ctx.fs.stat(request.workspace);
  if (workspaceInfo?.kind !== "directory") {
    throw new NotFoundError(
      `Cannot spawn in workspace "${request.workspace}": it is not a directory`,
    );
  }
  const workerConfig = request.worker === undefined
    ? undefined
    : await findWorkerConfig(ctx, request.worker);
  const model = request.model ?? workerConfig?.model;
  if (model === undefined) {
    throw new UsageError("Cannot spawn with --launcher alone: also give --model");
  }
  if (
    workerConfig !== undefined && workerConfig.models.length > 0 &&
    !workerConfig.models.includes(model)
  ) {
    throw new UsageError(
      `Cannot run model "${model}" on worker "${workerConfig.name}": it runs ${
        workerConfig.models.join(", ")
      }`,
    );
  }
  await checkCapacity(ctx, request.count);
  const launcher = await resolveLauncher(
    request.launcher ?? (workerConfig as WorkerConfig).launcher,
    ctx,
  );
  return {
    request,
    workerConfig,
    launcherName: launcher.name,
    launcherPath: launcher.path,
    defaultArgs: launcher.defaultArgs,
    model,
  };
}

async function findWorkerConfig(ctx: ActionContext, name: string): Promise<WorkerConfig> {
  const set = await loadWorkerConfigs(ctx);
  const entry = set.entries.get(name);
  if (entry !== undefined) return entry.config;
  const broken = set.issues.find((i) => i.severity === "error" && i.file.includes(`/${name}.y`));
  throw new NotFoundError(
    `Cannot find worker config "${name}"${
      broken === undefined ? "" : `: ${broken.file} is invalid (${broken.message})`
    }`,
    {
      hint: `known worker configs: ${
        [...set.entries.keys()].sort().join(", ")
      }; add one in ${ctx.layout.workers}`,
    },
  );
}

async function checkCapacity(ctx: ActionContext, count: number): Promise<void> {
  const running = (await listWorkers(ctx)).filter((w) => w.liveness === "alive").length;
  const max = ctx.config.max_workers;
  if (running + count > max) {
    throw new UsageError(
      `Cannot spawn ${count} more worker(s): ${running} of max_workers ${max} are running`,
      {
        hint: "kill some workers or raise max_workers in config.yaml",
      },
    );
  }
}
