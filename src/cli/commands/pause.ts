/**
 * `forge pause|resume <ids…|--all>`.
 */
import { pauseOrResume } from "../../actions/mod.ts";
import { UsageError } from "../../domain/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { printOutcomes } from "./_outcomes.ts";

/** Flags of `forge pause` and `forge resume`. */
export interface PauseInput {
  readonly verb: "pause" | "resume";
  readonly ids: readonly string[];
  readonly all: boolean;
  readonly hard: boolean;
  readonly reason: string | undefined;
}

/**
 * Runs `forge pause` or `forge resume`.
 *
 * @param ctx the CLI context
 * @param input the flags
 * @returns 0 when nothing failed, 1 otherwise
 */
export async function runPauseResume(ctx: CliContext, input: PauseInput): Promise<number> {
  if (input.all && input.ids.length > 0) {
    throw new UsageError(`Cannot ${input.verb} both named workers and --all: choose one`);
  }
  const actions = await createActionContext(ctx);
  const outcomes = await pauseOrResume(actions, {
    verb: input.verb,
    selection: input.all ? { kind: "all" } : { kind: "ids", ids: input.ids },
    hard: input.hard,
    reason: input.reason,
  });
  return printOutcomes(
    ctx,
    outcomes,
    input.verb === "pause" ? "No running workers to pause." : "No paused workers.",
  );
}
