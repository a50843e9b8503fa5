/**
 * The entry of every run. `forge version` is answered before the command tree (commander) and the
 * domain modules load, which keeps it well under the 150 ms start-up budget; everything else goes
 * through runProgram().
 */
import { join } from "node:path";
import type { RunOverrides } from "./context.ts";
import { resolveHome } from "./home_dir.ts";
import type { Sink } from "./output.ts";

/** Where a run reads and writes; tests pass their own. */
export interface CliIo {
  readonly stdout: Sink;
  readonly stderr: Sink;
  /** Whether stdout is a terminal. */
  readonly isTty: boolean;
  /** Whether stderr is a terminal (update notices go there); absent means no. */
  readonly stderrIsTty?: boolean;
  readonly noColorEnv: boolean;
}

function denoSink(file: typeof Deno.stdout | typeof Deno.stderr): Sink {
  const encoder = new TextEncoder();
  return {
    write(text) {
      const bytes = encoder.encode(text);
      let written = 0;
      while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
    },
  };
}

function defaultIo(): CliIo {
  return {
    stdout: denoSink(Deno.stdout),
    stderr: denoSink(Deno.stderr),
    isTty: Deno.stdout.isTerminal(),
    stderrIsTty: Deno.stderr.isTerminal(),
    noColorEnv: (Deno.env.get("NO_COLOR") ?? "") !== "",
  };
}

/**
 * Runs the CLI.
 *
 * @param args arguments after the program name
 * @param io output sinks (default: the process's)
 * @param overrides test entry points only: parts of the run to replace
 * @returns the exit code
 */
export async function runCli(
  args: readonly string[],
  io: CliIo = defaultIo(),
  overrides: RunOverrides = {},
): Promise<number> {
  await repairInterruptedUpdate(args, io);
  const rest = args.filter((a) => a !== "--json" && a !== "--no-color");
  if (rest.length === 1 && (rest[0] === "version" || rest[0] === "--version")) {
    const { printVersion } = await import("./commands/version.ts");
    return printVersion(io.stdout, { json: args.includes("--json"), pretty: io.isTty });
  }
  const { runProgram } = await import("./run_program.ts");
  return await runProgram(args, io, overrides);
}

/**
 * Before anything else: an update killed half-way left a journal; finish or undo it now. Costs one
 * stat when there is none.
 */
async function repairInterruptedUpdate(args: readonly string[], io: CliIo): Promise<void> {
  const flag = args.findIndex((a) => a === "--home" || a.startsWith("--home="));
  const given = flag === -1
    ? undefined
    : args[flag]?.includes("=")
    ? args[flag]?.slice("--home=".length)
    : args[flag + 1];
  const stateDir = join(resolveHome(given, Deno.env, Deno.cwd()), "state");
  try {
    await Deno.stat(join(stateDir, "update-journal.json"));
  } catch {
    return;
  }
  const { repairUpdate } = await import("../update/mod.ts");
  const { denoBinaryFiles, denoFs } = await import("../platform/mod.ts");
  const outcome = await repairUpdate({
    stateDir,
    fs: denoFs,
    files: denoBinaryFiles,
  });
  if ("message" in outcome) io.stderr.write(`${outcome.message}\n`);
}
