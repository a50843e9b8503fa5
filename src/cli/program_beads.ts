/**
 * The bead commands: `forge bead show|prompt|close|release`. Names, flags and help only; each
 * action lazy-imports its module.
 */
import type { Command } from "@commander-js/extra-typings";
import type { ProgramHooks } from "./program.ts";

/**
 * Adds the bead commands.
 *
 * @param program the root command
 * @param hooks how actions run
 */
export function addBeadCommands(program: Command, hooks: ProgramHooks): void {
  const bead = program.command("bead").description(
    "read or change one bead through the workspace's beads tool",
  );
  const ws = [
    "--workspace <dir>",
    "workspace holding .beads/ (default: $FORGE_WORKSPACE or current directory)",
  ] as const;
  bead.command("show").description("print a bead").argument("<id>").option(...ws)
    .action((id, opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/bead.ts")).runBead(ctx, {
          verb: "show",
          id,
          workspace: opts.workspace,
        })
      )
    );
  bead.command("prompt").description("print the task prompt a launcher gives its agent").argument(
    "<id>",
  )
    .option(...ws)
    .action((id, opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/bead.ts")).runBead(ctx, {
          verb: "prompt",
          id,
          workspace: opts.workspace,
        })
      )
    );
  bead.command("close").description("close a bead").argument("<id>").option(...ws)
    .option("--reason <text>", "why it is closed", "Completed")
    .action((id, opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/bead.ts")).runBead(ctx, {
          verb: "close",
          id,
          workspace: opts.workspace,
          reason: opts.reason,
        })
      )
    );
  bead.command("release").description("put a bead back: status open, assignee cleared").argument(
    "<id>",
  )
    .option(...ws)
    .option("--reason <text>", "why it is released")
    .action((id, opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/bead.ts")).runBead(ctx, {
          verb: "release",
          id,
          workspace: opts.workspace,
          reason: opts.reason,
        })
      )
    );
}
