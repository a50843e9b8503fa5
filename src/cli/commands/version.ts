/**
 * `forge version [--json]`: the version, and what the updater needs to know about this build.
 * Imports nothing heavy: it also serves the start-up fast path of run_cli.ts.
 */
import type { GlobalOptions } from "../context.ts";
import type { Output, Sink } from "../output.ts";
import { CHANNEL, VERSION } from "../version.ts";

/** What `forge version --json` prints. */
export interface VersionInfo {
  readonly version: string;
  readonly channel: string;
  readonly deno: string;
  readonly target: string;
  /** False when running from source with `deno run`. */
  readonly compiled: boolean;
}

/**
 * Facts about this build.
 *
 * @returns version, channel, Deno version, target triple and whether it is compiled
 */
export function versionInfo(): VersionInfo {
  const exe = Deno.execPath().split(/[\\/]/).pop() ?? "";
  return {
    version: VERSION,
    channel: CHANNEL,
    deno: Deno.version.deno,
    target: Deno.build.target,
    compiled: !/^deno(\.exe)?$/.test(exe),
  };
}

/**
 * Prints the version to a sink.
 *
 * @param sink where to write
 * @param options JSON or text, pretty on a terminal
 * @returns exit code 0
 */
export function printVersion(
  sink: Sink,
  options: { readonly json: boolean; readonly pretty: boolean },
): number {
  const info = versionInfo();
  if (options.json) sink.write(`${JSON.stringify(info, null, options.pretty ? 2 : undefined)}\n`);
  else {
    sink.write(
      `forge ${info.version} (${info.channel}, deno ${info.deno}, ${info.target}${
        info.compiled ? "" : ", from source"
      })\n`,
    );
  }
  return 0;
}

/**
 * `forge version` inside the command tree (e.g. with `--home`).
 *
 * @param out output
 * @param globals global flags (`--json`)
 * @returns exit code 0
 */
export function runVersion(out: Output, globals: GlobalOptions): Promise<number> {
  return Promise.resolve(
    printVersion({ write: (t) => out.write(t) }, { json: globals.json, pretty: out.isTty }),
  );
}
