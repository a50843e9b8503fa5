/**
 * The reading half of `forge assign`: find the bead in its workspace's queue, refuse what cannot
 * be assigned, check the worker limits against the live workers, and route it with the current
 * plan usage. Nothing is changed here.
 */
import type { QueuedBead, WorkerConfig } from "../domain/mod.ts";
import { ForgeError, NotFoundError } from "../domain/mod.ts";
import { buildTaskQueue, readBeads } from "../beads/mod.ts";
import type { Store } from "../store/mod.ts";
import { listWorkers, loadWorkerConfigs } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";
import type { AssignRequest } from "./assign_bead.ts";
import { assignRefusal } from "./_assign_checks.ts";
import { type AssignRoute, routeForAssign } from "./_assign_route.ts";
import { engineSettings, routableWorkers } from "./_engine_settings.ts";
import { planStatuses } from "./_plan_statuses.ts";

/** A bead ready to be started. */
export interface AssignPlan {
  readonly q: QueuedBead;
  readonly route: AssignRoute;
  readonly config: WorkerConfig;
  /** True when `force` let a blocked or deferred bead through. */
  readonly forced: boolean;
  /** Stored with the routing decision and the assignment. */
  readonly reason: string;
}

/**
 * Decides whether and how to assign a bead.
 *
 * @param ctx the action context and the open store
 * @param request the bead, its workspace, an optional model and `force`
 * @returns the bead, its route and the worker config to start
 * @throws {NotFoundError} for a missing workspace, beads file or bead, or a model no worker runs
 * @throws {ForgeError} CONFLICT when the bead cannot be assigned, a limit is reached, or routing
 *   says wait
 */
export async function planAssignment(
  ctx: ActionContext & { readonly store: Store },
  request: AssignRequest,
): Promise<AssignPlan> {
  const q = await findBead(ctx, request);
  const refusal = assignRefusal(q, { force: request.force });
  if (refusal !== undefined) throw refusal;
  const workers = routableWorkers(ctx.config, (await loadWorkerConfigs(ctx)).entries);
  const settings = engineSettings(ctx.config, { workers, cwd: ctx.cwd });
  const alive = (await listWorkers(ctx)).filter((w) => w.liveness === "alive");
  checkCapacity(ctx, {
    request,
    alive: alive.map((w) => w.status.workspace),
    workspaceMax: settings.workspaceMaxWorkers.get(request.workspace),
  });
  const { plans, payPerTokenAllowed } = planStatuses(ctx);
  const route = routeForAssign({
    bead: q,
    model: request.model,
    workerTypes: settings.workerTypes,
    plans,
    payPerTokenAllowed,
    now: ctx.clock.now(),
    runningModels: alive.flatMap((w) => w.status.model ?? []),
  });
  const forced = q.state !== "ready";
  const past = forced ? ` past "${q.reason}"` : "";
  return {
    q,
    route,
    config: workers.find((w) => w.name === route.workerType.name) as WorkerConfig,
    forced,
    reason: `assigned by ${ctx.actor.who}${past}: ${route.reason}`,
  };
}

async function findBead(ctx: ActionContext, request: AssignRequest): Promise<QueuedBead> {
  const { workspace, beadId } = request;
  if ((await ctx.fs.stat(workspace))?.kind !== "directory") {
    throw new NotFoundError(
      `Cannot assign bead "${beadId}" in workspace "${workspace}": it is not a directory`,
      { hint: "pass --workspace DIR, the directory that holds .beads/" },
    );
  }
  const snapshot = await readBeads(workspace, { fs: ctx.fs, clock: ctx.clock });
  if (snapshot.source === undefined) {
    throw new NotFoundError(
      `Cannot assign bead "${beadId}" in workspace "${workspace}": it has no beads file`,
      { hint: "run br init there, or pass --workspace DIR" },
    );
  }
  const queue = buildTaskQueue(snapshot, {
    now: ctx.clock.now(),
    scoring: ctx.config.scoring,
    includeClosed: true,
  });
  const q = queue.beads.find((b) => b.bead.id === beadId);
  if (q === undefined) {
    throw new NotFoundError(`Cannot find bead "${beadId}" in "${snapshot.source}"`, {
      hint: `forge tasks --workspace ${workspace} lists its beads`,
    });
  }
  return q;
}

function checkCapacity(
  ctx: ActionContext,
  options: {
    readonly request: AssignRequest;
    /** The workspace of each live worker. */
    readonly alive: readonly (string | undefined)[];
    readonly workspaceMax: number | undefined;
  },
): void {
  const { request, alive, workspaceMax } = options;
  const max = ctx.config.max_workers;
  const full = (why: string, hint: string) =>
    new ForgeError("CONFLICT", `Cannot assign bead "${request.beadId}": ${why}`, { hint });
  if (alive.length >= max) {
    throw full(
      `${alive.length} of max_workers ${max} are running`,
      "wait for one to finish, kill one, or raise max_workers in config.yaml",
    );
  }
  const here = alive.filter((w) => w === request.workspace).length;
  if (workspaceMax !== undefined && here >= workspaceMax) {
    throw full(
      `the workspace runs its maximum of ${workspaceMax} workers`,
      "wait for one to finish, or raise its max_workers (forge workspace list)",
    );
  }
}
