/**
 * `forge spawn`: start workers through a launcher and report each one.
 */
import { isAbsolute, resolve } from "node:path";
import { spawnWorkers } from "../../actions/mod.ts";
import { toBeadId, UsageError } from "../../domain/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { EXIT } from "../exit_codes.ts";

/** Flags of `forge spawn`. */
export interface SpawnInput {
  readonly worker: string | undefined;
  readonly launcher: string | undefined;
  readonly model: string | undefined;
  readonly count: string;
  readonly workspace: string | undefined;
  readonly bead: string | undefined;
}

/**
 * Runs `forge spawn`.
 *
 * @param ctx the CLI context
 * @param input the flags
 * @returns 0 when every worker started, 1 otherwise
 */
export async function runSpawn(ctx: CliContext, input: SpawnInput): Promise<number> {
  const count = Number(input.count);
  if (!/^\d+$/.test(input.count) || count < 1) {
    throw new UsageError(
      `Cannot spawn "${input.count}" workers: --count takes a whole number of at least 1`,
    );
  }
  const actions = await createActionContext(ctx);
  const workspaceFlag = input.workspace ?? ctx.cwd;
  const workspace = isAbsolute(workspaceFlag) ? workspaceFlag : resolve(ctx.cwd, workspaceFlag);
  if (!ctx.globals.json && count > 1) ctx.out.info(`spawning ${count} workers…`);
  const outcomes = await spawnWorkers(actions, {
    worker: input.worker,
    launcher: input.launcher,
    model: input.model,
    count,
    workspace,
    beadId: input.bead === undefined ? undefined : toBeadId(input.bead),
  });
  if (ctx.globals.json) {
    ctx.out.printJson(
      outcomes.map((o) =>
        o.kind === "spawned"
          ? {
            worker_id: o.result.workerId,
            ok: true,
            pid: o.result.pid ?? null,
            session: o.result.session,
            model: o.result.model,
            bead_id: o.result.beadId ?? null,
            attempts: o.result.attempts,
            warnings: o.result.warnings,
          }
          : {
            worker_id: o.workerId,
            ok: false,
            error: { code: o.error.code, message: o.error.message, hint: o.error.hint ?? null },
          }
      ),
    );
  } else {
    for (const o of outcomes) {
      if (o.kind === "spawned") {
        const r = o.result;
        ctx.out.print(
          `${ctx.out.style("green", "✓")} ${r.workerId}  model ${r.model}  pid ${r.pid ?? "?"}${
            r.beadId ? `  bead ${r.beadId}` : ""
          }${r.attempts > 1 ? `  (after ${r.attempts} attempts)` : ""}`,
        );
        for (const w of r.warnings) ctx.out.warn(`${r.workerId}: ${w}`);
      } else {
        ctx.out.error(o.error.message);
        if (o.error.hint !== undefined) {
          ctx.out.info(`${ctx.out.style("cyan", "hint:")} ${o.error.hint}`);
        }
      }
    }
  }
  return outcomes.every((o) => o.kind === "spawned") ? EXIT.ok : EXIT.failure;
}
