/**
 * The orchestrator's ports on the real world: queues from each workspace's `.beads/` (re-read only
 * when the source file changed, or once a minute for ageing scores), workers from status files and
 * tmux, plans and budget from the store, usage limits from freshly ingested logs, and effects run
 * through the same actions the CLI uses, recorded in the store.
 */
import { join } from "node:path";
import type { Random, TaskQueue, WatchPaths, WorkerConfig } from "../domain/mod.ts";
import { toBeadId } from "../domain/mod.ts";
import type { Effect, EngineEvent, EnginePorts } from "../orchestrator/mod.ts";
import type { Store } from "../store/mod.ts";
import {
  raiseAlert,
  rateLimitsSince,
  recordAssignmentEnd,
  recordAssignmentStart,
  recordRouting,
} from "../store/mod.ts";
import { resolveLauncher } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { killWorkers } from "./control_workers.ts";
import { ingestLogs } from "./ingest_logs.ts";
import { planStatuses } from "./_plan_statuses.ts";
import { QueueCache } from "./_queue_cache.ts";
import { startWorker } from "./start_worker.ts";
import { WorkerViews } from "./_worker_views.ts";

/** Everything the ports need beyond the action context. */
export interface OrchestratorContext extends ActionContext {
  readonly store: Store;
  readonly workspaces: readonly string[];
  readonly workerConfigs: ReadonlyMap<string, WorkerConfig>;
  readonly watch: WatchPaths;
  readonly random: Random;
}

/**
 * Builds the engine's ports.
 *
 * @param ctx the orchestrator context
 * @param hooks optional observers
 * @returns the ports and a function that releases their watchers
 */
export function createEnginePorts(
  ctx: OrchestratorContext,
  hooks: Pick<EnginePorts, "onState" | "onError"> = {},
): EnginePorts & { close(): void } {
  const watcher = ctx.watch([ctx.layout.status, ...ctx.workspaces.map((w) => join(w, ".beads"))], {
    coalesceMs: 15,
  });
  const queues = new QueueCache(ctx);
  const workers = new WorkerViews(ctx);
  let lastLimitId = rateLimitsSince(ctx.store, Number.MAX_SAFE_INTEGER).lastId;
  return {
    clock: ctx.clock,
    random: ctx.random,
    ...hooks,
    async waitForChange(ms, signal) {
      const both = new AbortController();
      const stop = () => both.abort();
      signal.addEventListener("abort", stop, { once: true });
      try {
        const changed = await Promise.race([
          watcher.next(both.signal),
          ctx.clock.sleep(ms, both.signal).then(() => undefined),
        ]);
        workers.changed(changed);
      } finally {
        both.abort();
        signal.removeEventListener("abort", stop);
      }
    },
    loadQueues: (): Promise<TaskQueue[]> => queues.load(ctx.workspaces),
    observeWorkers: () => workers.observe(),
    loadPlans: () => Promise.resolve(planStatuses(ctx)),
    async takeRateLimits() {
      // Before the observation: a worker that stopped at a usage limit must be seen as limited.
      const read = await workers.readStatuses();
      await ingestLogs(ctx, { only: read.only, statuses: read.statuses });
      const found = rateLimitsSince(ctx.store, lastLimitId);
      lastLimitId = found.lastId;
      return found.limits;
    },
    runEffect: (effect) => runEffect(ctx, effect),
    close: () => watcher.close(),
  };
}

async function runEffect(ctx: OrchestratorContext, effect: Effect): Promise<EngineEvent[]> {
  const now = ctx.clock.now();
  switch (effect.kind) {
    case "start":
      return await start(ctx, effect);
    case "release":
      await release(ctx, effect);
      return [];
    case "kill":
      await killWorkers(ctx, { kind: "ids", ids: [effect.workerId] });
      return [];
    case "check-bead": {
      const store = await ctx.beadStore(effect.workspace);
      const bead = await store.show(toBeadId(effect.beadId));
      return [{
        kind: "bead-checked",
        workerId: effect.workerId,
        closed: bead?.status === "closed",
        random: ctx.random.next(),
      }];
    }
    case "finish":
      recordAssignmentEnd(ctx.store, {
        workerId: effect.workerId,
        outcome: effect.outcome,
        at: now,
      });
      return [];
    case "route":
      recordRouting(ctx.store, { at: now, ...effect });
      return [];
    case "alert":
      raiseAlert(ctx.store, {
        at: now,
        severity: effect.severity,
        kind: effect.alert,
        subject: effect.subject,
        message: effect.message,
        dedupeKey: effect.dedupeKey,
      });
      return [];
    case "stopped":
      return [];
  }
}

async function start(
  ctx: OrchestratorContext,
  e: Extract<Effect, { kind: "start" }>,
): Promise<EngineEvent[]> {
  // The assignment is recorded before the launch, so a worker that finishes before the launch
  // call returns still has a row to close; a failed launch closes it at once.
  recordAssignmentStart(ctx.store, {
    beadId: e.bead.bead.id,
    workspace: e.workspace,
    workerId: e.workerId,
    model: e.model,
    tier: e.tier,
    plan: e.plan,
    score: e.bead.score.total,
    reason: e.reason,
    at: ctx.clock.now(),
  });
  const fail = (stage: "claim" | "launch", message: string): EngineEvent[] => {
    recordAssignmentEnd(ctx.store, {
      workerId: e.workerId,
      outcome: `${stage}_failed`,
      at: ctx.clock.now(),
    });
    return [{
      kind: "launch-failed",
      workerId: e.workerId,
      stage,
      message,
      random: ctx.random.next(),
    }];
  };
  const config = ctx.workerConfigs.get(e.workerType);
  if (config === undefined) return fail("launch", `worker config "${e.workerType}" is gone`);
  let launcher;
  try {
    launcher = await resolveLauncher(config.launcher, ctx);
  } catch (error) {
    return fail("launch", (error as Error).message);
  }
  const outcome = await startWorker(ctx, {
    workerId: e.workerId,
    workerConfig: config,
    launcher: { name: launcher.name, path: launcher.path, defaultArgs: launcher.defaultArgs },
    model: e.model,
    workspace: e.workspace,
    beadId: toBeadId(e.bead.bead.id),
  });
  if (outcome.kind === "failed") return fail(outcome.stage, outcome.error.message);
  return [{ kind: "launched", workerId: e.workerId, ok: true }];
}

/** Puts a bead back, unless it is closed or someone else holds it now. */
async function release(
  ctx: OrchestratorContext,
  e: Extract<Effect, { kind: "release" }>,
): Promise<void> {
  const store = await ctx.beadStore(e.workspace);
  const bead = await store.show(toBeadId(e.beadId));
  if (
    bead === undefined || bead.status === "closed" ||
    (bead.assignee !== undefined && bead.assignee !== e.workerId)
  ) return;
  await store.release(bead.id, { reason: e.reason });
  await ctx.audit({
    actor: ctx.actor,
    action: "release",
    target: e.beadId,
    outcome: "ok",
    details: { worker: e.workerId, reason: e.reason },
  });
}
