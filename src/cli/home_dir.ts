/**
 * Where FORGE_HOME is, from the `--home` flag and the environment alone: light enough for the
 * start of every run (the update journal is looked for there before anything else loads).
 */
import { isAbsolute, join, resolve } from "node:path";
import type { Env } from "../domain/mod.ts";

/**
 * Resolves FORGE_HOME: `--home`, then `$FORGE_HOME`, then `~/.forge`.
 *
 * @param flag the `--home` value
 * @param env the environment
 * @param cwd for relative paths
 * @returns an absolute path
 */
export function resolveHome(flag: string | undefined, env: Pick<Env, "get">, cwd: string): string {
  const chosen = flag ?? env.get("FORGE_HOME");
  if (chosen !== undefined && chosen !== "") {
    return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
  }
  const userHome = env.get("HOME") ?? env.get("USERPROFILE") ?? cwd;
  return join(userHome, ".forge");
}
