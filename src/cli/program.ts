/**
 * The command tree. Only names, flags and help live here; each action lazy-imports its command
 * module, so `forge version` does not pay for SQLite, zod or the dashboard.
 */
import { Command, Option } from "@commander-js/extra-typings";
import type { CliContext, GlobalOptions } from "./context.ts";
import type { Output } from "./output.ts";
import { addBeadCommands } from "./program_beads.ts";
import { addEngineCommands } from "./program_engine.ts";
import { addQueueCommands } from "./program_queue.ts";
import { addCheckCommands } from "./program_checks.ts";
import { addReportCommands } from "./program_reports.ts";
import { addUpdateCommands } from "./program_update.ts";

/** Runs one command body with the context; returns the exit code. */
export type Dispatch = (body: (ctx: CliContext) => Promise<number | void>) => Promise<void>;

/** What the program needs from its runner. */
export interface ProgramHooks {
  /** Runs a command that needs the full context. */
  readonly dispatch: Dispatch;
  /** Runs a command that needs only output (fast path). */
  readonly light: (
    body: (out: Output, globals: GlobalOptions) => Promise<number | void>,
  ) => Promise<void>;
}

/**
 * Builds the `forge` command tree.
 *
 * @param hooks how actions run
 * @returns the root command
 */
export function buildProgram(hooks: ProgramHooks): Command {
  const program = new Command("forge")
    .description(
      "Run a fleet of AI coding agents on a queue of beads: route, spawn, watch, recover.\n" +
        "Start with `forge demo`, or `forge run` in a folder with .beads/.",
    )
    .option(
      "--config <path>",
      "configuration file (default: $FORGE_CONFIG, ./forge.yaml, FORGE_HOME/config.yaml)",
    )
    .option("--home <dir>", "FORGE home (default: $FORGE_HOME or ~/.forge)")
    .option("--json", "machine-readable output on stdout")
    .option("--debug", "debug logging to FORGE_HOME/logs/forge.log")
    .option("--no-color", "no colours (also NO_COLOR)")
    .option("--observe", "with no command: open the dashboard read-only (watch another forge)")
    .option(
      "--serve [address]",
      "with no command (or run, dashboard, demo): also serve the status page on [host:]port",
    )
    .showHelpAfterError("(run with --help for usage)")
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .exitOverride();

  program.command("version").description("print FORGE's version").action(() =>
    hooks.light(async (out, globals) =>
      (await import("./commands/version.ts")).runVersion(out, globals)
    )
  );

  program.command("completions").description("print a shell completion script")
    .argument("<shell>", "bash, zsh or fish")
    .action((shell, _opts, cmd) =>
      hooks.light(async (out) =>
        (await import("./commands/completions.ts")).runCompletions(out, {
          shell,
          root: rootOf(cmd),
        })
      )
    );

  addConfigCommands(program, hooks);
  addWorkerCommands(program, hooks);
  addCheckCommands(program, hooks);
  addBeadCommands(program, hooks);
  addReportCommands(program, hooks);
  addDbCommands(program, hooks);
  addQueueCommands(program, hooks);
  addEngineCommands(program, hooks);
  addUpdateCommands(program, hooks);
  return program;
}

function rootOf(cmd: { parent: unknown }): Command {
  let node = cmd as unknown as Command;
  while (node.parent !== null) node = node.parent as unknown as Command;
  return node;
}

function addConfigCommands(program: Command, hooks: ProgramHooks): void {
  const config = program.command("config").description(
    "show, validate or locate the configuration",
  );
  config.command("show").description("print the merged configuration (secrets stay references)")
    .action(() =>
      hooks.dispatch(async (ctx) => (await import("./commands/config.ts")).runConfigShow(ctx))
    );
  config.command("validate").description("check the configuration files; exit 1 when invalid")
    .argument("[path]", "a file to check instead of the ones FORGE would load")
    .action((path) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/config.ts")).runConfigValidate(ctx, { path })
      )
    );
  config.command("path").description("print which files FORGE reads, in order")
    .action(() =>
      hooks.dispatch(async (ctx) => (await import("./commands/config.ts")).runConfigPath(ctx))
    );
}

function addWorkerCommands(program: Command, hooks: ProgramHooks): void {
  program.command("spawn").description("start workers through a launcher")
    .addOption(
      new Option("--worker <name>", "worker config to use (sim, claude-code, codex, …)").conflicts(
        "launcher",
      ),
    )
    .option("--launcher <name|path>", "launcher to run directly (needs --model)")
    .option("--model <model>", "model to pass to the launcher")
    .option("-n, --count <n>", "how many workers", "1")
    .option("--workspace <dir>", "workspace the workers work in (default: current directory)")
    .option("--bead <id>", "bead to work on (one worker)")
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/spawn.ts")).runSpawn(ctx, {
          worker: opts.worker,
          launcher: opts.launcher,
          model: opts.model,
          count: opts.count,
          workspace: opts.workspace,
          bead: opts.bead,
        })
      )
    );

  program.command("workers").description("list workers with status, health, task and uptime")
    .option("-a, --all", "include stopped and failed workers")
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/workers.ts")).runWorkers(ctx, { all: opts.all === true })
      )
    );

  program.command("logs").description("show a worker's log")
    .argument("<worker>", "worker id")
    .option("-f, --follow", "keep printing new lines")
    .option("-n, --lines <n>", "how many lines from the end", "50")
    .option("--raw", "print lines as written, not summarised")
    .action((worker, opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/logs.ts")).runLogs(ctx, {
          worker,
          follow: opts.follow === true,
          lines: opts.lines,
          raw: opts.raw === true,
        })
      )
    );

  for (const verb of ["pause", "resume"] as const) {
    program.command(verb)
      .description(
        verb === "pause"
          ? "pause workers (they finish the current bead, then wait)"
          : "resume paused workers",
      )
      .argument("[ids...]", "worker ids")
      .option("--all", `${verb} every worker`)
      .option(
        "--hard",
        verb === "pause"
          ? "also stop the processes (SIGSTOP)"
          : "also continue stopped processes (SIGCONT)",
      )
      .option("--reason <text>", "why (recorded in the status file)")
      .action((ids, opts) =>
        hooks.dispatch(async (ctx) =>
          (await import("./commands/pause.ts")).runPauseResume(ctx, {
            verb,
            ids,
            all: opts.all === true,
            hard: opts.hard === true,
            reason: opts.reason,
          })
        )
      );
  }

  program.command("kill").description("stop workers: kill their tmux session or process group")
    .argument("[ids...]", "worker ids")
    .option("--all", "kill every worker")
    .option("-y, --yes", "do not ask for confirmation")
    .action((ids, opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/kill.ts")).runKill(ctx, {
          ids,
          all: opts.all === true,
          yes: opts.yes === true,
        })
      )
    );
}

function addDbCommands(program: Command, hooks: ProgramHooks): void {
  const db = program.command("db").description("locate, check or compact FORGE's database");
  db.command("path").description("print the database file's path")
    .action(() => hooks.dispatch(async (ctx) => (await import("./commands/db.ts")).runDbPath(ctx)));
  db.command("check").description(
    "integrity and foreign-key check, schema version, rows, size; exit 1 when not ok",
  )
    .action(() =>
      hooks.dispatch(async (ctx) => (await import("./commands/db.ts")).runDbCheck(ctx))
    );
  db.command("vacuum").description(
    "delete rows past retention, then rebuild the file to give back space",
  )
    .action(() =>
      hooks.dispatch(async (ctx) => (await import("./commands/db.ts")).runDbVacuum(ctx))
    );
}
