/**
 * Which workspaces a command serves: `--workspace` flags, else the enabled workspaces of the
 * configuration plus the current directory when it has `.beads/`.
 */
import { join, resolve } from "node:path";
import type { Config } from "../domain/mod.ts";
import { NotFoundError } from "../domain/mod.ts";
import type { CliContext } from "./context.ts";

/**
 * Resolves the workspaces: absolute, normalised (`dir/` and `dir` are one workspace), without
 * duplicates.
 *
 * @param ctx the CLI context
 * @param options `--workspace` values, the configuration, and what the command does with them
 *   (for the message when there is none, e.g. "orchestrate")
 * @returns absolute paths
 * @throws {NotFoundError} when a `--workspace` is not a directory, or there is no workspace at all
 */
export async function resolveWorkspaces(
  ctx: CliContext,
  options: { readonly flags: readonly string[]; readonly config: Config; readonly purpose: string },
): Promise<string[]> {
  const abs = (p: string) => resolve(ctx.cwd, p);
  for (const dir of options.flags.map(abs)) {
    if ((await ctx.fs.stat(dir))?.kind !== "directory") {
      throw new NotFoundError(`Cannot use workspace "${dir}": it is not a directory`, {
        hint: "pass --workspace DIR, the directory that holds .beads/",
      });
    }
  }
  const chosen = options.flags.length > 0
    ? options.flags.map(abs)
    : options.config.workspaces.filter((w) => w.enabled).map((w) => abs(w.path));
  if (
    options.flags.length === 0 && (await ctx.fs.stat(join(ctx.cwd, ".beads")))?.kind === "directory"
  ) {
    chosen.push(resolve(ctx.cwd));
  }
  const unique = [...new Set(chosen)];
  if (unique.length === 0) {
    throw new NotFoundError(
      `Cannot ${options.purpose}: no workspace (no --workspace, none configured, and no .beads/ here)`,
      {
        hint:
          "run inside a project with .beads/, pass --workspace DIR, or `forge workspace add DIR`",
      },
    );
  }
  return unique;
}
