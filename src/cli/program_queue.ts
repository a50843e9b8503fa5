/**
 * The queue commands: `forge tasks`. Names, flags and help only; the action lazy-imports its
 * module, so other commands never load the beads reader for it.
 */
import type { Command } from "@commander-js/extra-typings";
import type { ProgramHooks } from "./program.ts";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Adds the queue commands.
 *
 * @param program the root command
 * @param hooks how actions run
 */
export function addQueueCommands(program: Command, hooks: ProgramHooks): void {
  program.command("tasks")
    .description(
      "the bead queue: state, value score and, for a waiting bead, why; ready beads first",
    )
    .option("--ready", "only beads ready to be worked on")
    .option("--blocked", "only blocked beads")
    .option("--in-progress", "only beads in progress")
    .option("--all", "every bead, closed ones included")
    .option(
      "--workspace <dir>",
      "workspace holding .beads/ (repeat for several; default: configured ones + current directory)",
      collect,
      [] as string[],
    )
    .option("--explain", "each score component and the exact reason a bead waits")
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/tasks.ts")).runTasks(ctx, {
          ready: opts.ready === true,
          blocked: opts.blocked === true,
          inProgress: opts.inProgress === true,
          all: opts.all === true,
          workspaces: opts.workspace,
          explain: opts.explain === true,
        })
      )
    );
}
