/**
 * The checking commands: `forge doctor`, `forge validate <surface>`, `forge init`. Names, flags
 * and help only; each action lazy-imports its module.
 */
import type { Command } from "@commander-js/extra-typings";
import type { ProgramHooks } from "./program.ts";

/**
 * Adds the checking commands.
 *
 * @param program the root command
 * @param hooks how actions run
 */
export function addCheckCommands(program: Command, hooks: ProgramHooks): void {
  program.command("doctor").description(
    "check tools, FORGE_HOME, configuration, launchers and logs",
  )
    .action(() =>
      hooks.dispatch(async (ctx) => (await import("./commands/doctor.ts")).runDoctor(ctx))
    );

  const validate = program.command("validate").description("check one integration surface");
  const surfaces = [
    ["launcher", "run a launcher through the protocol checks"],
    ["status", "check a status file"],
    ["logs", "check a log file"],
    ["worker-config", "check a worker config YAML"],
    ["backend", "run a chat backend command through the protocol checks"],
  ] as const;
  for (const [surface, description] of surfaces) {
    validate.command(surface).description(description)
      .argument(
        "<path>",
        surface === "backend" ? "backend command (quote it if it has arguments)" : "file to check",
      )
      .action((path) =>
        hooks.dispatch(async (ctx) =>
          (await import("./commands/validate.ts")).runValidate(ctx, { surface, path })
        )
      );
  }

  program.command("init").description(
    "detect agent CLIs and write config, worker configs and launchers",
  )
    .option("--non-interactive", "take every default; never prompt")
    .option("--force", "overwrite existing files without asking")
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/init.ts")).runInit(ctx, {
          nonInteractive: opts.nonInteractive === true,
          force: opts.force === true,
        })
      )
    );
}
