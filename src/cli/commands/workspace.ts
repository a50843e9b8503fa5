/**
 * `forge workspace add|list|remove|discover`: the registry of workspaces FORGE serves, kept under
 * `workspaces:` of the global configuration file (comments and formatting preserved, the result
 * checked before it is written, every change audited). See adr/0011-multi-workspace.md.
 */
import { resolve } from "node:path";
import {
  discoverWorkspaces,
  editWorkspaces,
  listWorkspaces,
  type NewWorkspace,
  type WorkspaceEditOutcome,
} from "../../actions/mod.ts";
import { UsageError } from "../../domain/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { printDiscovery, printEdit, printWorkspaces } from "./_workspace_view.ts";

/** The parsed `forge workspace` invocation (flags as typed). */
export interface WorkspaceInput {
  readonly verb: "add" | "list" | "remove" | "discover";
  /** The directory (add, discover) or the directory or name (remove). */
  readonly dir?: string;
  readonly name?: string;
  readonly priority?: string;
  readonly maxWorkers?: string;
  readonly add?: boolean;
  readonly depth?: string;
}

/** Deepest `--depth` accepted. */
const MAX_DEPTH = 32;

/**
 * Runs `forge workspace <verb>`.
 *
 * @param ctx the CLI context
 * @param input the verb and its flags
 * @returns exit code 0
 * @throws {UsageError} for unreadable numbers (exit 2)
 * @throws {NotFoundError} for a missing directory, or a workspace to remove that is not listed
 *   (exit 3)
 * @throws {ConfigError} when the file is, or would become, invalid; nothing is written (exit 1)
 */
export async function runWorkspace(ctx: CliContext, input: WorkspaceInput): Promise<number> {
  switch (input.verb) {
    case "add":
      return await add(ctx, input);
    case "remove":
      return await remove(ctx, input.dir ?? "");
    case "list":
      return await list(ctx);
    case "discover":
      return await discover(ctx, input);
    default: {
      const never: never = input.verb;
      throw new UsageError(`Cannot run workspace "${String(never)}": unknown verb`);
    }
  }
}

async function add(ctx: CliContext, input: WorkspaceInput): Promise<number> {
  const workspace: NewWorkspace = {
    path: resolve(ctx.cwd, input.dir ?? "."),
    name: input.name,
    priority: wholeNumber(input.priority, "--priority"),
    maxWorkers: wholeNumber(input.maxWorkers, "--max-workers"),
  };
  const outcome = await edit(ctx, { kind: "add", workspaces: [workspace] });
  printEdit(ctx, outcome);
  return 0;
}

async function remove(ctx: CliContext, selector: string): Promise<number> {
  printEdit(ctx, await edit(ctx, { kind: "remove", selector }));
  return 0;
}

async function edit(
  ctx: CliContext,
  change: Parameters<typeof editWorkspaces>[1]["change"],
): Promise<WorkspaceEditOutcome> {
  const actions = await createActionContext(ctx);
  return await editWorkspaces(actions, { change, explicitConfig: ctx.globals.config });
}

async function list(ctx: CliContext): Promise<number> {
  const config = (await ctx.config()).config;
  const rows = await listWorkspaces({ fs: ctx.fs, clock: ctx.clock, cwd: ctx.cwd, config });
  printWorkspaces(ctx, rows);
  return 0;
}

async function discover(ctx: CliContext, input: WorkspaceInput): Promise<number> {
  const depth = wholeNumber(input.depth ?? "4", "--depth") as number;
  if (depth < 0 || depth > MAX_DEPTH) {
    throw new UsageError(`Cannot read --depth "${input.depth}": expected 0 to ${MAX_DEPTH}`);
  }
  const config = (await ctx.config()).config;
  const found = await discoverWorkspaces({ fs: ctx.fs, cwd: ctx.cwd, config }, {
    dir: input.dir ?? ".",
    depth,
  });
  const fresh = found.found.filter((f) => !f.listed).map((f) => ({ path: f.path }));
  const added = input.add === true && fresh.length > 0
    ? await edit(ctx, { kind: "add", workspaces: fresh })
    : undefined;
  printDiscovery(ctx, { discovery: found, added, adding: input.add === true });
  return 0;
}

function wholeNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(text.trim())) {
    throw new UsageError(`Cannot read ${flag} "${text}": expected a whole number`, {
      hint: `for example ${flag} 2`,
    });
  }
  return Number(text);
}
