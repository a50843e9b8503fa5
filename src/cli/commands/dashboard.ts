/**
 * `forge` (and `forge dashboard`): the full-screen dashboard with the orchestrator in the same
 * process; `--observe` (or an orchestrator already running on this FORGE home) opens it
 * read-only, watching the other process's engine instead of starting a second one.
 */
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { resolveWorkspaces } from "../workspaces.ts";
import { requireTerminal, runDashboardSession } from "./_dashboard_session.ts";
import { planServe } from "./_serve_beside.ts";

/** Flags of `forge dashboard`. */
export interface DashboardInput {
  readonly workspaces: readonly string[];
  readonly observe: boolean;
  /** `--serve [host:]port`: true without an address. */
  readonly serve?: string | true | undefined;
}

/**
 * Opens the dashboard until the user quits.
 *
 * @param ctx the CLI context
 * @param input flags
 * @returns exit code 0
 * @throws {UsageError} when stdin or stdout is not a terminal, or for a bad `--serve`
 * @throws {NotFoundError} when there is no workspace to orchestrate (observing needs none)
 */
export async function runDashboardCommand(
  ctx: CliContext,
  input: DashboardInput,
): Promise<number> {
  requireTerminal(ctx);
  const serve = planServe(ctx, input.serve);
  const actions = await createActionContext(ctx);
  const workspaces = input.observe && input.workspaces.length === 0
    ? await resolveWorkspaces(ctx, { flags: [], config: actions.config, purpose: "observe" })
      .catch(() => [])
    : await resolveWorkspaces(ctx, {
      flags: input.workspaces,
      config: actions.config,
      purpose: "orchestrate",
    });
  return await runDashboardSession(ctx, actions, {
    workspaces,
    observe: input.observe,
    ...(serve === undefined ? {} : { serve }),
  });
}
