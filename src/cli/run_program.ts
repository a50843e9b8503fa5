/**
 * Runs one FORGE invocation through the command tree: parse, dispatch, report errors, choose the
 * exit code.
 */
import { CommanderError } from "@commander-js/extra-typings";
import { ConfigError, ForgeError, formatSourceIssue } from "../domain/mod.ts";
import { EXIT, exitCodeFor } from "./exit_codes.ts";
import { Output } from "./output.ts";
import type { CliIo } from "./run_cli.ts";
import { buildProgram, type Dispatch } from "./program.ts";
import type { CliContext, GlobalOptions, RunOverrides } from "./context.ts";
import { updateNoticeHook } from "./update_notice_hook.ts";

function peekGlobals(args: readonly string[], io: CliIo): GlobalOptions {
  const value = (flag: string) => {
    const i = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
    if (i === -1) return undefined;
    const a = args[i] as string;
    return a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[i + 1];
  };
  return {
    config: value("--config"),
    home: value("--home"),
    json: args.includes("--json"),
    debug: args.includes("--debug"),
    color: io.isTty && !io.noColorEnv && !args.includes("--no-color") && !args.includes("--json"),
  };
}

/**
 * Runs the CLI through the full command tree.
 *
 * @param args arguments after the program name
 * @param io output sinks
 * @returns the exit code
 */
export async function runProgram(
  args: readonly string[],
  io: CliIo,
  overrides: RunOverrides = {},
): Promise<number> {
  const globals = peekGlobals(args, io);
  const out = new Output({
    json: globals.json,
    color: globals.color,
    isTty: io.isTty,
    stdout: io.stdout,
    stderr: io.stderr,
  });
  let code: number = EXIT.ok;
  let closeLog = async () => {};
  let context: CliContext | undefined;
  const dispatch: Dispatch = async (body) => {
    const { createContext } = await import("./context.ts");
    const { startLogging } = await import("./logging.ts");
    const ctx = createContext(globals, out, overrides);
    context = ctx;
    closeLog = await startLogging(ctx);
    code = (await body(ctx)) ?? EXIT.ok;
  };
  const program = buildProgram({
    light: async (body) => {
      code = (await body(out, globals)) ?? EXIT.ok;
    },
    dispatch,
  });
  program.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    outputError: (s, write) => write(out.style("red", s)),
  });
  // The root takes no operands, so one here is a command FORGE does not have: say so, rather than
  // commander's "too many arguments".
  // `forge` alone opens the dashboard in a terminal; piped or redirected it prints help, so
  // scripts that run it by mistake do not hang in raw mode.
  program.allowExcessArguments(true).action(async () => {
    const [unknown] = program.args;
    if (unknown !== undefined) {
      program.error(`error: unknown command '${unknown}'`, { code: "commander.unknownCommand" });
    }
    const root = program.opts() as { observe?: boolean; serve?: string | true };
    const observe = root.observe === true;
    if (observe || (io.isTty && Deno.stdin.isTerminal())) {
      await dispatch(async (ctx) =>
        (await import("./commands/dashboard.ts")).runDashboardCommand(ctx, {
          workspaces: [],
          observe,
          serve: root.serve,
        })
      );
      return;
    }
    program.outputHelp();
  });
  try {
    await program.parseAsync([...args], { from: "user" });
  } catch (error) {
    code = error instanceof CommanderError ? commanderExit(error) : report(out, error, globals);
  } finally {
    await closeLog();
  }
  if (context !== undefined) {
    await updateNoticeHook(context, {
      args,
      stderrIsTty: io.stderrIsTty === true,
      refreshCommand: overrides.refreshCommand,
    });
  }
  return code;
}

function commanderExit(error: CommanderError): number {
  if (error.code === "commander.helpDisplayed" || error.code === "commander.version") {
    return EXIT.ok;
  }
  if (error.code === "commander.help") return EXIT.ok;
  return EXIT.usage;
}

function report(out: Output, error: unknown, globals: GlobalOptions): number {
  const code = exitCodeFor(error);
  if (globals.json) {
    const e = error instanceof ForgeError
      ? {
        code: error.code,
        message: error.message,
        ...(error.hint === undefined ? {} : { hint: error.hint }),
        ...(error instanceof ConfigError ? { issues: error.issues } : {}),
      }
      : { code: "INTERNAL", message: String((error as Error)?.message ?? error) };
    out.printJson({ error: e });
    return code;
  }
  if (error instanceof ForgeError) {
    out.error(error.message);
    if (error instanceof ConfigError) {
      for (const issue of error.issues) {
        out.info(`  ${issue.severity === "warning" ? "warning: " : ""}${formatSourceIssue(issue)}`);
      }
    }
    if (error.hint !== undefined) out.info(`${out.style("cyan", "hint:")} ${error.hint}`);
    if (globals.debug && error.cause !== undefined) {
      out.info(`cause: ${String((error.cause as Error)?.stack ?? error.cause)}`);
    }
    return code;
  }
  out.error(`unexpected failure: ${(error as Error)?.message ?? String(error)}`);
  out.info(
    globals.debug
      ? String((error as Error)?.stack ?? "")
      : "run again with --debug for details, and please report it",
  );
  return code;
}
