/**
 * `forge assign`: give one bead to a worker now. The bead must be open and unassigned (`force`
 * also lets a blocked or deferred one through); routing is the orchestrator's (same function,
 * plans and usage) unless a model is named; then the bead is claimed and the worker launched
 * through start_worker.ts, and the routing decision and the assignment are stored and audited.
 * A running orchestrator is no obstacle: the claim lock stops double work, and it adopts the
 * worker when it next sees the bead in progress.
 */
import type { BeadId, Tier } from "../domain/mod.ts";
import { allocateWorkerIds, errorMessage } from "../domain/mod.ts";
import type { Store } from "../store/mod.ts";
import { recordAssignmentStart, recordRouting } from "../store/mod.ts";
import type { LaunchResult } from "../workers/mod.ts";
import { resolveLauncher, Tmux } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { type AssignPlan, planAssignment } from "./_assign_plan.ts";
import { runningOrchestrator } from "./orchestrator_lock.ts";
import { startWorker } from "./start_worker.ts";

/** The bead to assign. */
export interface AssignRequest {
  readonly beadId: BeadId;
  /** Absolute path of the workspace holding the bead. */
  readonly workspace: string;
  /** A model to use instead of routing's choice. */
  readonly model: string | undefined;
  /** Assign a blocked or deferred bead anyway. */
  readonly force: boolean;
}

/** What was started. */
export interface AssignOutcome {
  readonly beadId: string;
  readonly workspace: string;
  readonly workerId: string;
  readonly workerType: string;
  readonly model: string;
  readonly plan: string | undefined;
  readonly tier: Tier;
  readonly score: number;
  /** The reason stored with the routing decision and the assignment. */
  readonly reason: string;
  /** True when `force` let a blocked or deferred bead through. */
  readonly forced: boolean;
  readonly launch: LaunchResult;
  /** Pid of the orchestrator running on this home, if one is. */
  readonly orchestratorPid: number | undefined;
  /** What went wrong after the worker started (it keeps running). */
  readonly warnings: readonly string[];
}

/**
 * Assigns one bead now.
 *
 * @param ctx the action context and the open, freshly ingested store
 * @param request the bead, its workspace, an optional model and `force`
 * @returns the worker started and why it was chosen
 * @throws {NotFoundError} for a missing workspace, beads file, bead, or a model no worker runs
 * @throws {ForgeError} CONFLICT when the bead cannot be assigned, routing says wait or a limit is
 *   reached; the start's own error when the claim or the launch fails
 */
export async function assignBead(
  ctx: ActionContext & { readonly store: Store },
  request: AssignRequest,
): Promise<AssignOutcome> {
  const plan = await planAssignment(ctx, request);
  const { q, route } = plan;
  const launch = await start(ctx, { request, plan });
  const warnings = record(ctx, { plan, workerId: launch.workerId });
  await ctx.audit({
    actor: ctx.actor,
    action: "assign",
    target: q.bead.id,
    outcome: "ok",
    details: {
      worker: launch.workerId,
      workspace: request.workspace,
      worker_type: route.workerType.name,
      model: route.model,
      plan: route.plan?.name ?? null,
      tier: route.tier,
      forced: plan.forced,
      reason: plan.reason,
    },
  });
  return {
    beadId: q.bead.id,
    workspace: request.workspace,
    workerId: launch.workerId,
    workerType: route.workerType.name,
    model: route.model,
    plan: route.plan?.name,
    tier: route.tier,
    score: q.score.total,
    reason: plan.reason,
    forced: plan.forced,
    launch,
    orchestratorPid: await runningOrchestrator(ctx),
    warnings,
  };
}

async function start(
  ctx: ActionContext,
  options: { readonly request: AssignRequest; readonly plan: AssignPlan },
): Promise<LaunchResult> {
  const { request } = options;
  const { route, config } = options.plan;
  const launcher = await resolveLauncher(config.launcher, ctx);
  const taken = new Set(
    (await ctx.fs.readDir(ctx.layout.status)).map((e) => e.name.replace(/\.json$/, "")),
  );
  for (const s of await new Tmux(ctx.processes).listSessions()) taken.add(s);
  const [workerId] = allocateWorkerIds(route.model, { count: 1, taken });
  await ctx.fs.mkdirp(ctx.layout.status);
  await ctx.fs.mkdirp(ctx.layout.logs);
  const outcome = await startWorker(ctx, {
    workerId: workerId as string,
    workerConfig: config,
    launcher: { name: launcher.name, path: launcher.path, defaultArgs: launcher.defaultArgs },
    model: route.model,
    workspace: request.workspace,
    beadId: request.beadId,
  });
  if (outcome.kind === "failed") {
    await ctx.audit({
      actor: ctx.actor,
      action: "assign",
      target: request.beadId,
      outcome: "failed",
      details: { worker: outcome.workerId, stage: outcome.stage, error: outcome.error.message },
    });
    throw outcome.error;
  }
  return outcome.result;
}

/** Stores the decision and the assignment; a failure here is a warning: the worker runs. */
function record(
  ctx: ActionContext & { readonly store: Store },
  r: { readonly plan: AssignPlan; readonly workerId: string },
): string[] {
  const { q, route, reason } = r.plan;
  const at = ctx.clock.now();
  const common = {
    beadId: q.bead.id,
    workspace: q.workspace,
    score: q.score.total,
    tier: route.tier,
    model: route.model,
    plan: route.plan?.name,
    reason,
  };
  try {
    recordRouting(ctx.store, { ...common, at, outcome: "assigned" });
    recordAssignmentStart(ctx.store, { ...common, workerId: r.workerId, at });
    return [];
  } catch (error) {
    return [
      `Cannot record the assignment of "${r.plan.q.bead.id}" in the store: ${errorMessage(error)}`,
    ];
  }
}
