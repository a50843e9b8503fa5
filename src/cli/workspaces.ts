/**
 * Which workspaces a command serves: `--workspace` flags, else the enabled workspaces of the
 * configuration plus the current directory when it has `.beads/`.
 */
import { isAbsolute, join, resolve } from "node:path";
import type { Config } from "../domain/mod.ts";
import { ForgeError } from "../domain/mod.ts";
import type { CliContext } from "./context.ts";

/**
 * Resolves the workspaces, absolute and without duplicates.
 *
 * @param ctx the CLI context
 * @param options `--workspace` values and the configuration
 * @returns absolute paths
 * @throws {ForgeError} when there is none
 */
export async function resolveWorkspaces(
  ctx: CliContext,
  options: { readonly flags: readonly string[]; readonly config: Config },
): Promise<string[]> {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(ctx.cwd, p));
  const chosen = options.flags.length > 0
    ? options.flags.map(abs)
    : options.config.workspaces.filter((w) => w.enabled).map((w) => abs(w.path));
  if (
    options.flags.length === 0 && (await ctx.fs.stat(join(ctx.cwd, ".beads")))?.kind === "directory"
  ) {
    chosen.push(ctx.cwd);
  }
  const unique = [...new Set(chosen)];
  if (unique.length === 0) {
    throw new ForgeError(
      "NOT_FOUND",
      "Cannot orchestrate: no workspace (no --workspace, none configured, and no .beads/ here)",
      {
        hint:
          "run inside a project with .beads/, pass --workspace DIR, or `forge workspace add DIR`",
      },
    );
  }
  return unique;
}
