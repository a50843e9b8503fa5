/**
 * The two registry changes as text edits: adding entries (absolute paths of existing folders, no
 * duplicate path or name; a folder without `.beads/` only warns) and removing one by name or path.
 * The whole file is checked afterwards by the caller.
 */
import { isAbsolute, join, resolve } from "node:path";
import { ForgeError, NotFoundError, parseYamlSource } from "../domain/mod.ts";
import type { ActionContext } from "./action_context.ts";
import type { NewWorkspace } from "./edit_workspaces.ts";
import {
  addWorkspaceEntries,
  removeWorkspaceEntry,
  type WorkspaceFields,
} from "./_workspace_yaml.ts";

/** A planned edit: the new text, the entry removed and warnings for the user. */
export interface WorkspaceEdit {
  readonly text: string;
  readonly removed: Readonly<Record<string, unknown>> | undefined;
  readonly warnings: string[];
}

type Ports = Pick<ActionContext, "fs" | "cwd">;

/**
 * The `workspaces:` entries of a configuration file's text.
 *
 * @param text the file (valid)
 * @param file its path
 * @returns the entries as written
 */
export async function listedEntries(
  text: string,
  file: string,
): Promise<Record<string, unknown>[]> {
  const value = (await parseYamlSource(text, file)).value as Record<string, unknown> | undefined;
  const list = value?.["workspaces"];
  return Array.isArray(list) ? list as Record<string, unknown>[] : [];
}

/**
 * Plans adding workspaces.
 *
 * @param ctx file access and the working directory
 * @param o the file's text, its entries and the workspaces to add
 * @returns the edit
 * @throws {NotFoundError} for a folder that does not exist
 * @throws {ForgeError} CONFLICT for a path or name listed already
 */
export async function planAdd(
  ctx: Ports,
  o: {
    readonly text: string;
    readonly entries: readonly Record<string, unknown>[];
    readonly add: readonly NewWorkspace[];
  },
): Promise<WorkspaceEdit> {
  const warnings: string[] = [];
  const seen = [...o.entries];
  for (const w of o.add) {
    if (!isAbsolute(w.path)) {
      throw new ForgeError("INTERNAL", `Cannot add workspace "${w.path}": the path is relative`);
    }
    if ((await ctx.fs.stat(w.path))?.kind !== "directory") {
      throw new NotFoundError(`Cannot add workspace "${w.path}": it is not a directory`, {
        hint: "check the path; forge workspace discover DIR finds folders with .beads/",
      });
    }
    if ((await ctx.fs.stat(join(w.path, ".beads")))?.kind !== "directory") {
      warnings.push(`${w.path}: no .beads/ yet — run br init there`);
    }
    const twin = seen.find((e) => samePath(ctx.cwd, e["path"], w.path));
    const namesake = seen.find((e) => w.name !== undefined && e["name"] === w.name);
    if (twin !== undefined || namesake !== undefined) {
      const why = twin !== undefined
        ? `it is listed already${typeof twin["name"] === "string" ? ` as "${twin["name"]}"` : ""}`
        : `the name "${w.name}" is taken by ${String(namesake?.["path"])}`;
      throw new ForgeError("CONFLICT", `Cannot add workspace "${w.path}": ${why}`, {
        hint: "forge workspace list shows the registry; remove the old entry first",
      });
    }
    seen.push({ path: w.path, ...(w.name === undefined ? {} : { name: w.name }) });
  }
  const text = await addWorkspaceEntries(o.text, o.add.map(fieldsOf));
  return { text, removed: undefined, warnings };
}

/**
 * Plans removing the entry with this name, else this path.
 *
 * @param ctx file access and the working directory
 * @param o the file's text, its entries and the name or path
 * @returns the edit
 * @throws {NotFoundError} when no entry matches
 */
export async function planRemove(
  ctx: Ports,
  o: {
    readonly text: string;
    readonly entries: readonly Record<string, unknown>[];
    readonly selector: string;
  },
): Promise<WorkspaceEdit> {
  const byName = o.entries.findIndex((e) => e["name"] === o.selector);
  const index = byName !== -1
    ? byName
    : o.entries.findIndex((e) => samePath(ctx.cwd, e["path"], resolve(ctx.cwd, o.selector)));
  if (index === -1) {
    throw new NotFoundError(
      `Cannot remove workspace "${o.selector}": no entry has this name or path`,
      {
        hint: o.entries.length === 0
          ? "no workspace is listed"
          : `listed: ${o.entries.map(describe).join(", ")}`,
      },
    );
  }
  const text = await removeWorkspaceEntry(o.text, index);
  return { text, removed: o.entries[index], warnings: [] };
}

/**
 * An entry's keys in the order they are written.
 *
 * @param w the workspace
 * @returns the fields
 */
export function fieldsOf(w: NewWorkspace): WorkspaceFields {
  return {
    path: w.path,
    ...(w.name === undefined ? {} : { name: w.name }),
    ...(w.priority === undefined ? {} : { priority: w.priority }),
    ...(w.maxWorkers === undefined ? {} : { max_workers: w.maxWorkers }),
  };
}

function samePath(cwd: string, listed: unknown, path: string): boolean {
  return typeof listed === "string" && resolve(cwd, listed) === resolve(path);
}

function describe(entry: Readonly<Record<string, unknown>>): string {
  const path = String(entry["path"]);
  return typeof entry["name"] === "string" ? `${entry["name"]} (${path})` : path;
}
