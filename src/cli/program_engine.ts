/**
 * The orchestration commands: `run`, `dashboard`, `demo`, `serve`, `assign`, `alerts`,
 * `workspace`. Names, flags and help only; each action lazy-imports its module.
 */
import type { Command } from "@commander-js/extra-typings";
import type { ProgramHooks } from "./program.ts";
import type { WorkspaceInput } from "./commands/workspace.ts";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--serve [host:]port` on the commands that run the engine. */
const SERVE_FLAG = "--serve [address]";
const SERVE_HELP = "also serve the status page and API here, on [host:]port " +
  "(default 127.0.0.1:7420; actions need FORGE_SERVE_TOKEN)";

/**
 * Adds the orchestration commands.
 *
 * @param program the root command
 * @param hooks how actions run
 */
export function addEngineCommands(program: Command, hooks: ProgramHooks): void {
  program.command("run").description(
    "headless orchestrator: score, route, claim, spawn, watch, recover",
  )
    .option(
      "--workspace <dir>",
      "workspace to serve (repeat; default: configured ones + current directory)",
      collect,
      [] as string[],
    )
    .option("--drain", "on Ctrl+C/SIGTERM wait for running beads before stopping")
    .option(SERVE_FLAG, SERVE_HELP)
    .action((opts, cmd) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/run.ts")).runRun(ctx, {
          workspaces: opts.workspace,
          drain: opts.drain === true,
          serve: opts.serve ?? rootServe(cmd),
        })
      )
    );

  program.command("dashboard").description(
    "the full-screen dashboard with the orchestrator (what `forge` alone opens in a terminal)",
  )
    .option(
      "--workspace <dir>",
      "workspace to serve (repeat; default: configured ones + current directory)",
      collect,
      [] as string[],
    )
    .option("--observe", "read-only: watch the orchestrator of another forge process")
    .option(SERVE_FLAG, SERVE_HELP)
    .action((opts, cmd) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/dashboard.ts")).runDashboardCommand(ctx, {
          workspaces: opts.workspace,
          observe: opts.observe === true || rootObserve(cmd),
          serve: opts.serve ?? rootServe(cmd),
        })
      )
    );

  program.command("demo").description(
    "the orchestrator on a throw-away workspace with simulated workers",
  )
    .option("--keep", "keep the demo's home and workspace afterwards")
    .option("--beads <n>", "how many sample beads", "27")
    .option("--until-done", "stop by itself once every bead is closed")
    .option(SERVE_FLAG, SERVE_HELP)
    .action((opts, cmd) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/demo.ts")).runDemo(ctx, {
          keep: opts.keep === true,
          beads: opts.beads,
          untilDone: opts.untilDone === true,
          serve: opts.serve ?? rootServe(cmd),
        })
      )
    );

  program.command("serve").description(
    "HTTP status page, JSON API, live events and /metrics for this FORGE home (observes)",
  )
    .option(
      "--host <host>",
      "address to listen on (beyond loopback only with a token)",
      "127.0.0.1",
    )
    .option("--port <port>", "port to listen on (0: any free port)", "7420")
    .option("--token <token>", "token that allows POST /api/actions/* (or FORGE_SERVE_TOKEN)")
    .option(
      "--workspace <dir>",
      "workspace to show (repeat; default: configured ones + current directory)",
      collect,
      [] as string[],
    )
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/serve.ts")).runServe(ctx, {
          host: opts.host,
          port: opts.port,
          token: opts.token,
          workspaces: opts.workspace,
        })
      )
    );

  program.command("assign").description(
    "give one bead to a worker now (routing, or the model you name)",
  )
    .argument("<bead>", "bead id")
    .option("--model <model>", "model to use (default: routing decides)")
    .option("--workspace <dir>", "workspace holding the bead (default: current directory)")
    .option("--force", "assign it even when blocked or deferred by its dependencies")
    .action((bead, opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/assign.ts")).runAssign(ctx, {
          bead,
          model: opts.model,
          workspace: opts.workspace,
          force: opts.force === true,
        })
      )
    );

  program.command("alerts").description("alerts: failing workers and beads, usage limits, budget")
    .option("-a, --all", "include acknowledged alerts")
    .option("--ack <ids...>", "acknowledge alerts by id")
    .option("--ack-all", "acknowledge every open alert")
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/alerts.ts")).runAlerts(ctx, {
          all: opts.all === true,
          ack: opts.ack ?? [],
          ackAll: opts.ackAll === true,
        })
      )
    );

  program.command("chat").description(
    "ask in words: spawn, kill, pause, costs, why a bead waits … (fast path, else chat.backend)",
  )
    .argument(
      "[request...]",
      'what you want, e.g. "spawn 2 sim"; - reads it from stdin; none: ask on a terminal',
    )
    .option("-y, --yes", "confirm what needs confirmation (kill, pause all, spawn > 2, limits)")
    .option("--dry-run", "show the tool calls the request becomes, run nothing")
    .option("--tools", "print the tool catalog in OpenAI's function format (JSON)")
    .option("--history [n]", "print the last n exchanges (default 20)")
    .addHelpText(
      "after",
      `
Examples:
  forge chat "spawn 2 sim"                 fast path: no backend needed
  forge chat "why is bd-12 waiting?"       blockers, score and routing of a bead
  forge chat "what did opus cost this week?"
  forge chat --yes "kill all"              confirm without a terminal
  forge chat --tools                       the catalog a backend sees

Free-form requests go to chat.backend (command, openai or anthropic) when one is configured;
requests sent to it are rate-limited (chat.rate_limit, default 10 a minute, 100 an hour).`,
    )
    .action((words, opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/chat.ts")).runChat(ctx, {
          words,
          yes: opts.yes === true,
          dryRun: opts.dryRun === true,
          tools: opts.tools === true,
          history: opts.history,
        })
      )
    );

  addWorkspaceCommands(program, hooks);
}

function addWorkspaceCommands(program: Command, hooks: ProgramHooks): void {
  const ws = program.command("workspace").description(
    "the workspaces FORGE serves (config `workspaces:`)",
  );
  const run = (verb: WorkspaceInput["verb"], input: Omit<WorkspaceInput, "verb">) =>
    hooks.dispatch(async (ctx) =>
      (await import("./commands/workspace.ts")).runWorkspace(ctx, { verb, ...input })
    );
  ws.command("add").description("add a directory with .beads/").argument("<dir>")
    .option("--name <name>", "short name").option(
      "--priority <n>",
      "lower runs first on equal scores",
    )
    .option("--max-workers <n>", "at most this many workers here")
    .action((dir, opts) => run("add", { dir, ...opts }));
  ws.command("list").description("list workspaces with their bead counts").action(() =>
    run("list", {})
  );
  ws.command("remove").description("remove a workspace").argument("<dir|name>").action((dir) =>
    run("remove", { dir })
  );
  ws.command("discover").description("find .beads/ folders below a directory (and --add them)")
    .argument("<dir>")
    .option("--add", "add what is found").option("--depth <n>", "how deep to look", "4")
    .action((dir, opts) => run("discover", { dir, ...opts }));
}

/** `--serve` given before the command (`forge --serve 7420 run`). */
function rootServe(cmd: { parent: unknown }): string | true | undefined {
  const root = cmd.parent as { opts(): { serve?: string | true } } | null;
  return root?.opts().serve;
}

function rootObserve(cmd: { parent: unknown }): boolean {
  const root = cmd.parent as { opts(): { observe?: boolean } } | null;
  return root?.opts().observe === true;
}
