/**
 * The entry of every run. `forge version` is answered before the command tree (commander) and the
 * domain modules load, which keeps it well under the 150 ms start-up budget; everything else goes
 * through runProgram().
 */
import type { Sink } from "./output.ts";

/** Where a run reads and writes; tests pass their own. */
export interface CliIo {
  readonly stdout: Sink;
  readonly stderr: Sink;
  readonly isTty: boolean;
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
    noColorEnv: (Deno.env.get("NO_COLOR") ?? "") !== "",
  };
}

/**
 * Runs the CLI.
 *
 * @param args arguments after the program name
 * @param io output sinks (default: the process's)
 * @returns the exit code
 */
export async function runCli(args: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const rest = args.filter((a) => a !== "--json" && a !== "--no-color");
  if (rest.length === 1 && (rest[0] === "version" || rest[0] === "--version")) {
    const { printVersion } = await import("./commands/version.ts");
    return printVersion(io.stdout, { json: args.includes("--json"), pretty: io.isTty });
  }
  const { runProgram } = await import("./run_program.ts");
  return await runProgram(args, io);
}
