/**
 * Starting one worker: claim its bead first (under the workspace's claim lock, read back and
 * verified), build the launcher's environment, launch through the protocol, and give the bead back
 * if the launch fails. The CLI's `forge spawn` and the orchestrator both start workers here.
 */
import type { BeadId, WorkerConfig } from "../domain/mod.ts";
import { ForgeError } from "../domain/mod.ts";
import type { LaunchResult } from "../workers/mod.ts";
import { buildLaunchEnv, launchWorker } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** The outcome for one worker; `stage` says whether the claim or the launch failed. */
export type SpawnOutcome =
  | { readonly kind: "spawned"; readonly result: LaunchResult }
  | {
    readonly kind: "failed";
    readonly workerId: string;
    readonly stage: "claim" | "launch";
    readonly error: ForgeError;
  };

/** One worker to start, fully resolved. */
export interface StartSpec {
  readonly workerId: string;
  readonly workerConfig: WorkerConfig | undefined;
  readonly launcher: {
    readonly name: string;
    readonly path: string;
    readonly defaultArgs: readonly string[];
  };
  readonly model: string;
  readonly workspace: string;
  readonly beadId: BeadId | undefined;
}

/**
 * Starts one worker.
 *
 * @param ctx the action context
 * @param spec the worker
 * @returns spawned, or failed with the stage and the error
 */
export async function startWorker(ctx: ActionContext, spec: StartSpec): Promise<SpawnOutcome> {
  const store = spec.beadId === undefined ? undefined : await ctx.beadStore(spec.workspace);
  if (store !== undefined && spec.beadId !== undefined) {
    try {
      const claim = await store.claim(spec.beadId, spec.workerId);
      if (claim.kind !== "claimed") {
        const why = claim.kind === "taken"
          ? `it is already claimed by "${claim.by}"`
          : claim.reason;
        throw new ForgeError(
          "CONFLICT",
          `Cannot give bead "${spec.beadId}" to worker "${spec.workerId}": ${why}`,
        );
      }
    } catch (error) {
      return await failed(ctx, spec, "claim", error);
    }
  }
  try {
    const env = await buildLaunchEnv({
      base: ctx.env,
      protocol: {
        home: ctx.layout.home,
        workerId: spec.workerId,
        model: spec.model,
        workspace: spec.workspace,
        forgeBin: ctx.forgeBin,
        beadId: spec.beadId,
      },
      passthrough: ctx.config.launcher.env_passthrough,
      workerConfig: spec.workerConfig,
      lookup: ctx.secrets,
    });
    const result = await launchWorker({
      workerId: spec.workerId as never,
      launcherName: spec.launcher.name,
      executable: spec.launcher.path,
      model: spec.model,
      workspace: spec.workspace,
      beadId: spec.beadId,
      configPath: undefined,
      extraArgs: [...spec.launcher.defaultArgs, ...(spec.workerConfig?.spawn_args ?? [])],
      env,
    }, { processes: ctx.processes, clock: ctx.clock, settings: launchSettings(ctx) });
    await ctx.audit({
      actor: ctx.actor,
      action: "spawn",
      target: spec.workerId,
      outcome: "ok",
      details: { model: spec.model, launcher: spec.launcher.name, bead: spec.beadId ?? null },
    });
    return { kind: "spawned", result };
  } catch (error) {
    if (store !== undefined && spec.beadId !== undefined) {
      await store.release(spec.beadId, { reason: `launch of ${spec.workerId} failed` }).catch(
        () => {},
      );
    }
    return await failed(ctx, spec, "launch", error);
  }
}

async function failed(
  ctx: ActionContext,
  spec: StartSpec,
  stage: "claim" | "launch",
  error: unknown,
): Promise<SpawnOutcome> {
  const failure = error instanceof ForgeError
    ? error
    : new ForgeError("INTERNAL", String(error), { cause: error });
  await ctx.audit({
    actor: ctx.actor,
    action: "spawn",
    target: spec.workerId,
    outcome: "failed",
    details: { stage, error: failure.message, bead: spec.beadId ?? null },
  });
  return { kind: "failed", workerId: spec.workerId, stage, error: failure };
}

function launchSettings(
  ctx: ActionContext,
): { timeoutMs: number; retries: number; backoffMs: number } {
  return {
    timeoutMs: ctx.config.launcher.timeout_seconds * 1000,
    retries: ctx.config.launcher.retries,
    backoffMs: ctx.config.launcher.retry_backoff_ms,
  };
}
