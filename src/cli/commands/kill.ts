/**
 * `forge kill <ids…|--all> [--yes]`: asks before killing several workers on a terminal.
 */
import { killWorkers } from "../../actions/mod.ts";
import { UsageError } from "../../domain/mod.ts";
import { listWorkers } from "../../workers/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { printOutcomes } from "./_outcomes.ts";

/** Flags of `forge kill`. */
export interface KillInput {
  readonly ids: readonly string[];
  readonly all: boolean;
  readonly yes: boolean;
}

/**
 * Runs `forge kill`.
 *
 * @param ctx the CLI context
 * @param input the flags
 * @returns 0 when nothing failed, 1 otherwise, 2 when --all lacks confirmation
 */
export async function runKill(ctx: CliContext, input: KillInput): Promise<number> {
  if (input.all && input.ids.length > 0) {
    throw new UsageError("Cannot kill both named workers and --all: choose one");
  }
  if (input.all && !input.yes) {
    const live = (await listWorkers(ctx)).filter((w) => w.liveness === "alive").length;
    if (live > 0 && !await confirm(ctx, `Kill all ${live} running workers?`)) {
      throw new UsageError("Cannot kill all workers without confirmation", { hint: "add --yes" });
    }
  }
  const actions = await createActionContext(ctx);
  const outcomes = await killWorkers(
    actions,
    input.all ? { kind: "all" } : { kind: "ids", ids: input.ids },
  );
  return printOutcomes(ctx, outcomes, "No running workers.");
}

async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  if (!Deno.stdin.isTerminal() || !ctx.out.isTty) return false;
  const { confirm } = await import("@inquirer/prompts");
  return await confirm({ message: question, default: false });
}
