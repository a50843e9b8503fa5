/**
 * Looks a command up on the PATH of the injected environment (not FORGE's own), through the
 * FileSystem port, so tests can put fake tools first on a PATH of their own.
 */
import { delimiter, join } from "node:path";
import type { Env, FileSystem } from "../domain/mod.ts";

/**
 * Finds an executable file named `name` on `PATH`.
 *
 * @param name the command name
 * @param options file access and the environment holding PATH
 * @returns its absolute path, or undefined
 */
export async function findOnPath(
  name: string,
  options: { readonly fs: FileSystem; readonly env: Env },
): Promise<string | undefined> {
  for (const dir of (options.env.get("PATH") ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    const info = await options.fs.stat(candidate);
    if (info?.kind === "file" && ((info.mode ?? 0o111) & 0o111) !== 0) return candidate;
  }
  return undefined;
}
