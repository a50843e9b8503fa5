/**
 * `forge assign <bead>`: give one bead to a worker now, routed like the orchestrator would (or on
 * the model named with `--model`), and print the worker. `--force` assigns a bead that is blocked
 * or deferred by the dependency graph; a bead that is closed, taken or not open is never assigned.
 * This is a new attempt: a running orchestrator's backoff and circuit breaker for the bead (kept
 * in its memory) do not apply, and it adopts the worker when it sees the bead in progress.
 */
import { resolve } from "node:path";
import { assignBead, type AssignOutcome } from "../../actions/mod.ts";
import { toBeadId } from "../../domain/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { withIngestedStore } from "../store.ts";

/** Flags of `forge assign`. */
export interface AssignInput {
  readonly bead: string;
  readonly model: string | undefined;
  readonly workspace: string | undefined;
  readonly force: boolean;
}

/**
 * Runs `forge assign`.
 *
 * @param ctx the CLI context
 * @param input the bead and flags
 * @returns exit code 0 once the worker runs
 * @throws {NotFoundError} for an unknown workspace, bead or model (exit 3)
 * @throws {ForgeError} when the bead cannot be assigned or the worker cannot start (exit 1)
 */
export async function runAssign(ctx: CliContext, input: AssignInput): Promise<number> {
  const actions = await createActionContext(ctx);
  const workspace = resolve(ctx.cwd, input.workspace ?? ".");
  const outcome = await withIngestedStore(ctx, ({ store }) =>
    assignBead({ ...actions, store }, {
      beadId: toBeadId(input.bead),
      workspace,
      model: input.model,
      force: input.force,
    }));
  if (ctx.globals.json) ctx.out.printJson(toJson(outcome));
  else print(ctx, outcome);
  return 0;
}

function toJson(o: AssignOutcome): Record<string, unknown> {
  return {
    bead_id: o.beadId,
    workspace: o.workspace,
    worker_id: o.workerId,
    worker_type: o.workerType,
    model: o.model,
    plan: o.plan ?? null,
    tier: o.tier,
    score: o.score,
    forced: o.forced,
    reason: o.reason,
    pid: o.launch.pid ?? null,
    session: o.launch.session,
    orchestrator_pid: o.orchestratorPid ?? null,
    warnings: [...o.launch.warnings, ...o.warnings],
  };
}

function print(ctx: CliContext, o: AssignOutcome): void {
  const out = ctx.out;
  const plan = o.plan === undefined ? "pay-per-token" : `plan ${o.plan}`;
  out.print(
    `${out.style("green", "✓")} ${o.beadId} → ${
      out.style("bold", o.workerId)
    }  model ${o.model}  ` +
      `${plan}  tier ${o.tier}  pid ${o.launch.pid ?? "?"}`,
  );
  out.print(`  ${o.reason}`);
  for (const w of [...o.launch.warnings, ...o.warnings]) out.warn(w);
  if (o.orchestratorPid !== undefined) {
    out.info(
      `the orchestrator (pid ${o.orchestratorPid}) now sees ${o.beadId} in progress and adopts ` +
        `${o.workerId}`,
    );
  }
}
