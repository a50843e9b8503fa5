/**
 * `forge workspace discover DIR`: finds the folders below DIR that hold `.beads/`, to a bounded
 * depth, never following symlinks and skipping `node_modules` and dot-directories (`.git` …), and
 * says which bead format each one has and whether it is listed already.
 */
import { join, resolve } from "node:path";
import type { BeadFormat } from "../domain/mod.ts";
import { NotFoundError } from "../domain/mod.ts";
import { discoverBeadSource } from "../beads/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** A folder with `.beads/`. */
export interface FoundWorkspace {
  /** Absolute path. */
  readonly path: string;
  /** Undefined when `.beads/` holds no bead file yet. */
  readonly format: BeadFormat | undefined;
  /** True when the configuration lists it already. */
  readonly listed: boolean;
}

/** What a search found. */
export interface Discovery {
  readonly found: readonly FoundWorkspace[];
  /** True when the search stopped at MAX_DIRS folders. */
  readonly truncated: boolean;
}

/** Folders looked into at most, so a search from `/` or `$HOME` ends. */
export const MAX_DIRS = 20_000;

const SKIP = new Set(["node_modules"]);

/**
 * Finds workspaces below a directory.
 *
 * @param ctx ports, the configuration (to mark listed ones) and the working directory
 * @param options the directory and how many levels below it to look (0: only itself)
 * @returns the folders found, in path order
 * @throws {NotFoundError} when the directory does not exist
 */
export async function discoverWorkspaces(
  ctx: Pick<ActionContext, "fs" | "config" | "cwd">,
  options: { readonly dir: string; readonly depth: number },
): Promise<Discovery> {
  const root = resolve(ctx.cwd, options.dir);
  if ((await ctx.fs.stat(root))?.kind !== "directory") {
    throw new NotFoundError(`Cannot search "${root}" for workspaces: it is not a directory`);
  }
  const listed = new Set(ctx.config.workspaces.map((w) => resolve(ctx.cwd, w.path)));
  const found: FoundWorkspace[] = [];
  let visited = 0;
  let level = [root];
  for (let depth = 0; depth <= options.depth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (++visited > MAX_DIRS) return { found: sorted(found), truncated: true };
      const entries = await ctx.fs.readDir(dir);
      if (entries.some((e) => e.name === ".beads") && await isDir(ctx, join(dir, ".beads"))) {
        found.push({ path: dir, format: await formatOf(ctx, dir), listed: listed.has(dir) });
      }
      for (const e of entries) {
        if (e.kind === "directory" && !e.name.startsWith(".") && !SKIP.has(e.name)) {
          next.push(join(dir, e.name));
        }
      }
    }
    level = next;
  }
  return { found: sorted(found), truncated: false };
}

async function isDir(ctx: Pick<ActionContext, "fs">, path: string): Promise<boolean> {
  return (await ctx.fs.stat(path))?.kind === "directory";
}

async function formatOf(
  ctx: Pick<ActionContext, "fs">,
  dir: string,
): Promise<BeadFormat | undefined> {
  const source = await discoverBeadSource(dir, { fs: ctx.fs });
  switch (source.kind) {
    case "checkpoint":
      return "bead-rs-checkpoint";
    case "jsonl":
      return "classic-jsonl";
    case "none":
      return undefined;
  }
}

function sorted(found: FoundWorkspace[]): FoundWorkspace[] {
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
