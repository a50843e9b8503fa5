/**
 * The workspaces FORGE serves, for `forge workspace list` and the dashboard's workspace filter:
 * each configured entry with its settings, the bead format found and its queue counts, plus the
 * current directory when it has `.beads/` without being listed (it is served implicitly there).
 */
import { join, resolve } from "node:path";
import type { BeadFormat, WorkspaceEntry } from "../domain/mod.ts";
import { buildTaskQueue, readBeads } from "../beads/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** Ready, in-progress and open (not closed) beads. */
export interface WorkspaceCounts {
  readonly ready: number;
  readonly inProgress: number;
  readonly open: number;
}

/** One workspace. */
export interface WorkspaceRow {
  /** Absolute path. */
  readonly path: string;
  readonly name: string | undefined;
  readonly enabled: boolean;
  readonly priority: number;
  readonly maxWorkers: number | undefined;
  /** False for the current directory served without an entry. */
  readonly listed: boolean;
  /** True for the working directory. */
  readonly current: boolean;
  readonly format: BeadFormat | undefined;
  readonly counts: WorkspaceCounts | undefined;
  /** Why there are no counts, or what went wrong reading. */
  readonly problem: string | undefined;
}

/** The default priority of an implicit workspace, as the schema gives a listed one. */
const DEFAULT_PRIORITY = 100;

/**
 * Lists the workspaces with their bead counts.
 *
 * @param ctx ports, the configuration and the working directory
 * @returns configured workspaces in configuration order, then the implicit current directory
 */
export async function listWorkspaces(
  ctx: Pick<ActionContext, "fs" | "clock" | "config" | "cwd">,
): Promise<WorkspaceRow[]> {
  const cwd = resolve(ctx.cwd);
  const rows: WorkspaceRow[] = [];
  for (const entry of ctx.config.workspaces) {
    rows.push(
      await describeWorkspace(ctx, { entry, path: resolve(cwd, entry.path), listed: true }),
    );
  }
  const hasBeads = (await ctx.fs.stat(join(cwd, ".beads")))?.kind === "directory";
  if (hasBeads && !rows.some((r) => r.path === cwd)) {
    const entry = { path: cwd, enabled: true, priority: DEFAULT_PRIORITY };
    rows.push(await describeWorkspace(ctx, { entry, path: cwd, listed: false }));
  }
  return rows;
}

async function describeWorkspace(
  ctx: Pick<ActionContext, "fs" | "clock" | "config" | "cwd">,
  o: { readonly entry: WorkspaceEntry; readonly path: string; readonly listed: boolean },
): Promise<WorkspaceRow> {
  const base = {
    path: o.path,
    name: o.entry.name,
    enabled: o.entry.enabled,
    priority: o.entry.priority,
    maxWorkers: o.entry.max_workers,
    listed: o.listed,
    current: o.path === resolve(ctx.cwd),
  };
  if ((await ctx.fs.stat(o.path))?.kind !== "directory") {
    return { ...base, format: undefined, counts: undefined, problem: "no such directory" };
  }
  const snapshot = await readBeads(o.path, { fs: ctx.fs, clock: ctx.clock });
  if (snapshot.source === undefined) {
    const hasDir = (await ctx.fs.stat(join(o.path, ".beads")))?.kind === "directory";
    const problem = snapshot.issues[0]?.message ??
      (hasDir ? "no bead file in .beads/ yet" : "no .beads/ yet — run br init there");
    return { ...base, format: undefined, counts: undefined, problem };
  }
  const queue = buildTaskQueue(snapshot, { now: ctx.clock.now(), scoring: ctx.config.scoring });
  const count = (state: string) => queue.beads.filter((q) => q.state === state).length;
  const skipped = snapshot.skippedLines + snapshot.issues.length;
  return {
    ...base,
    format: snapshot.format,
    counts: { ready: count("ready"), inProgress: count("in_progress"), open: queue.beads.length },
    problem: skipped === 0 ? undefined : `${skipped} problem(s) reading ${snapshot.source}`,
  };
}
