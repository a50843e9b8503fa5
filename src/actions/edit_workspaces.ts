/**
 * Editing the workspaces registry (`workspaces:` of the global configuration file FORGE reads, or
 * FORGE_HOME/config.yaml when there is none): add entries or remove one, keeping the user's
 * comments and formatting (_workspace_yaml.ts), checking the whole resulting file against the
 * schema before anything is written, writing atomically with the file's mode (0600 for a new
 * file), one edit at a time (a lock in FORGE_HOME/state; all in _config_file_edit.ts), and
 * auditing every change.
 */
import { ConfigError } from "../domain/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { editConfigFile, type EditWording } from "./_config_file_edit.ts";
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

const WORDING: EditWording = {
  symlinkHint: "edit its target instead: forge --config TARGET workspace …",
  writeHint: "check the folder's permissions, or point --config at a file you own",
  invalid: ({ file, when, errors }) =>
    when === "already"
      ? new ConfigError(`Cannot edit configuration file "${file}": it is invalid`, errors, {
        hint: "fix the keys listed above first (forge config validate)",
      })
      : new ConfigError(
        `Cannot change the workspaces in "${file}": the file would be invalid`,
        errors,
        { hint: "nothing was written; fix the values given" },
      ),
};

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
  const change = request.change;
  return await editConfigFile(ctx, {
    explicitConfig: request.explicitConfig,
    wording: WORDING,
    change: async ({ file, text, created }) => {
      const entries = await listedEntries(text, file);
      const edit = change.kind === "add"
        ? await planAdd(ctx, { text, entries, add: change.workspaces })
        : await planRemove(ctx, { text, entries, selector: change.selector });
      const outcome: WorkspaceEditOutcome = {
        file,
        created,
        added: change.kind === "add" ? change.workspaces : [],
        removed: edit.removed,
        warnings: edit.warnings,
      };
      return { text: edit.text, outcome };
    },
    record: (outcome) => audit(ctx, outcome),
  });
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
