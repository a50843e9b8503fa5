/**
 * The self-update commands: `forge update` and `forge rollback`. Names, flags and help only; each
 * action lazy-imports its module.
 */
import type { Command } from "@commander-js/extra-typings";
import type { ProgramHooks } from "./program.ts";

/**
 * Adds the self-update commands.
 *
 * @param program the root command
 * @param hooks how actions run
 */
export function addUpdateCommands(program: Command, hooks: ProgramHooks): void {
  program.command("update").description(
    "replace this forge with the newest signed release (verified, self-tested, atomic)",
  )
    .option("--check", "only say whether a newer release exists")
    .option("--channel <channel>", "stable or beta (default: config update.channel)")
    .option("--version <version>", "install exactly this version")
    .option("--allow-downgrade", "allow installing an older version than this one")
    .option("--dry-run", "download, verify and self-test, but install nothing")
    .option("--from-file <binary>", "offline: install this downloaded binary (needs --manifest)")
    .option("--manifest <file>", "offline: the signed manifest.json (its .sig beside it)")
    .option("-y, --yes", "do not ask before installing")
    .addHelpText(
      "after",
      "\nExit codes: 0 done or up to date, 2 usage, 3 no build for this platform, 4 verification " +
        "failed, 5 refused (permissions, package manager), 6 network, 7 another update runs, " +
        "8 the new binary failed its self-test, 9 swap failed (nothing changed), 10 swap and " +
        "restore failed (manual recovery printed).",
    )
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/update.ts")).runUpdateCommand(ctx, {
          check: opts.check === true,
          channel: opts.channel,
          version: opts.version,
          allowDowngrade: opts.allowDowngrade === true,
          dryRun: opts.dryRun === true,
          yes: opts.yes === true,
          fromFile: opts.fromFile,
          manifest: opts.manifest,
        })
      )
    );
  program.command("rollback").description(
    "go back to the forge binary the last update replaced",
  )
    .option("-y, --yes", "do not ask first")
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/update.ts")).runRollbackCommand(ctx, { yes: opts.yes === true })
      )
    );
}
