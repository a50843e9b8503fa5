/**
 * Editing the workspaces registry (`workspaces:` of the global configuration file FORGE reads, or
 * FORGE_HOME/config.yaml when there is none): add entries or remove one, keeping the user's
 * comments and formatting (_workspace_yaml.ts), checking the whole resulting file against the
 * schema before anything is written, writing atomically with the file's mode (0600 for a new
 * file), one edit at a time (a lock in FORGE_HOME/state), and auditing every change.
 */
import { dirname, join } from "node:path";
import type { FileInfo } from "../domain/mod.ts";
import { ConfigError, errorMessage, ForgeError } from "../domain/mod.ts";
import { findConfigFiles } from "../config/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { configTextErrors } from "./_check_config_text.ts";
import { fieldsOf, listedEntries, planAdd, planRemove } from "./_workspace_changes.ts";

/** A workspace to register. */
export interface NewWorkspace {
  /** Absolute path of the directory. */
  readonly path: string;
  readonly name?: string | undefined;
  readonly priority?: number | undefined;
  readonly maxWorkers?: number | undefined;
}

/** The change to make. */
export type WorkspaceChange =
  | { readonly kind: "add"; readonly workspaces: readonly NewWorkspace[] }
  /** By name, or by path (relative paths resolve against the working directory). */
  | { readonly kind: "remove"; readonly selector: string };

/** What was changed, and where. */
export interface WorkspaceEditOutcome {
  readonly file: string;
  /** True when the file did not exist before. */
  readonly created: boolean;
  readonly added: readonly NewWorkspace[];
  /** The entry removed, as it was written. */
  readonly removed: Readonly<Record<string, unknown>> | undefined;
  /** Added directories without `.beads/` yet. */
  readonly warnings: readonly string[];
}

/** The parts of the action context an edit uses. */
export type EditContext = Pick<
  ActionContext,
  "fs" | "env" | "cwd" | "layout" | "actor" | "audit"
>;

const NEW_FILE_HEADER = "# FORGE configuration. Check it with `forge config validate`.\n";

/**
 * Edits the workspaces registry.
 *
 * @param ctx ports, the working directory, the FORGE home and the audit sink
 * @param request the change, and `--config` when given
 * @returns the file edited and what changed
 * @throws {NotFoundError} for a directory that does not exist, or a workspace to remove that is
 *   not listed
 * @throws {ForgeError} CONFLICT for a duplicate path or name; IO for a symlinked file
 * @throws {ConfigError} when the file is invalid already, or would be after the change (nothing
 *   is written then)
 */
export async function editWorkspaces(
  ctx: EditContext,
  request: { readonly change: WorkspaceChange; readonly explicitConfig?: string | undefined },
): Promise<WorkspaceEditOutcome> {
  const file = await configFileToEdit(ctx, request.explicitConfig);
  await ctx.fs.mkdirp(ctx.layout.state);
  const lock = await ctx.fs.lock(join(ctx.layout.state, "config-edit.lock"));
  try {
    const info = await ctx.fs.lstat(file);
    if (info?.kind === "symlink") {
      throw new ForgeError("IO", `Cannot edit configuration file "${file}": it is a symlink`, {
        hint: "edit its target instead: forge --config TARGET workspace …",
      });
    }
    const text = info === undefined ? NEW_FILE_HEADER : await ctx.fs.readTextFile(file);
    await refuseInvalid(text, { file, when: "already" });
    const entries = await listedEntries(text, file);
    const change = request.change;
    const edit = change.kind === "add"
      ? await planAdd(ctx, { text, entries, add: change.workspaces })
      : await planRemove(ctx, { text, entries, selector: change.selector });
    await refuseInvalid(edit.text, { file, when: "after" });
    await write(ctx, { file, text: edit.text, mode: modeOf(info) });
    const outcome: WorkspaceEditOutcome = {
      file,
      created: info === undefined,
      added: change.kind === "add" ? change.workspaces : [],
      removed: edit.removed,
      warnings: edit.warnings,
    };
    await audit(ctx, outcome);
    return outcome;
  } finally {
    await lock.release();
  }
}

async function configFileToEdit(ctx: EditContext, explicit: string | undefined): Promise<string> {
  const lookup = await findConfigFiles({
    fs: ctx.fs,
    env: ctx.env,
    cwd: ctx.cwd,
    home: ctx.layout.home,
    ...(explicit === undefined ? {} : { explicitPath: explicit }),
  });
  return lookup.global?.path ?? join(ctx.layout.home, "config.yaml");
}

async function write(
  ctx: EditContext,
  o: { readonly file: string; readonly text: string; readonly mode: number },
): Promise<void> {
  try {
    await ctx.fs.mkdirp(dirname(o.file));
    await ctx.fs.writeFileAtomic(o.file, o.text, { mode: o.mode });
  } catch (cause) {
    throw new ForgeError(
      "IO",
      `Cannot write configuration file "${o.file}": ${errorMessage(cause)}`,
      { cause, hint: "check the folder's permissions, or point --config at a file you own" },
    );
  }
}

function modeOf(info: FileInfo | undefined): number {
  return info?.mode === undefined ? 0o600 : info.mode & 0o777;
}

async function refuseInvalid(
  text: string,
  options: { readonly file: string; readonly when: "already" | "after" },
): Promise<void> {
  const errors = await configTextErrors(text, options.file);
  if (errors.length === 0) return;
  throw options.when === "already"
    ? new ConfigError(`Cannot edit configuration file "${options.file}": it is invalid`, errors, {
      hint: "fix the keys listed above first (forge config validate)",
    })
    : new ConfigError(
      `Cannot change the workspaces in "${options.file}": the file would be invalid`,
      errors,
      { hint: "nothing was written; fix the values given" },
    );
}

async function audit(ctx: EditContext, outcome: WorkspaceEditOutcome): Promise<void> {
  const changes = outcome.removed === undefined
    ? outcome.added.map((w) => ({ verb: "workspace add", target: w.path, entry: fieldsOf(w) }))
    : [{
      verb: "workspace remove",
      target: String(outcome.removed["path"]),
      entry: outcome.removed,
    }];
  for (const c of changes) {
    await ctx.audit({
      actor: ctx.actor,
      action: "config",
      target: c.target,
      outcome: "ok",
      details: { change: c.verb, file: outcome.file, entry: c.entry },
    });
  }
}
