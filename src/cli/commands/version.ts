/**
 * `forge version [--json]`: the version, and what the updater needs to know about this build.
 */
import type { Output } from "../output.ts";
import type { GlobalOptions } from "../context.ts";
import { CHANNEL, VERSION } from "../version.ts";

/**
 * Prints the version.
 *
 * @param out output
 * @param globals global flags (`--json`)
 * @returns exit code 0
 */
export function runVersion(out: Output, globals: GlobalOptions): Promise<number> {
  const exe = Deno.execPath().split(/[\\/]/).pop() ?? "";
  const info = {
    version: VERSION,
    channel: CHANNEL,
    deno: Deno.version.deno,
    target: `${Deno.build.target}`,
    compiled: !/^deno(\.exe)?$/.test(exe),
  };
  if (globals.json) out.printJson(info);
  else {out.print(
      `forge ${VERSION} (${info.channel}, deno ${info.deno}, ${info.target}${
        info.compiled ? "" : ", from source"
      })`,
    );}
  return Promise.resolve(0);
}
