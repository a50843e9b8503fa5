/**
 * Finds the one authoritative bead file of a workspace (spec/beads.md §8): follow
 * `.beads/redirect`, prefer a bead-rs checkpoint pointer, else the classic JSONL export named by
 * `metadata.json`, `issues.jsonl` or `beads.jsonl`. Merge artifacts, history snapshots, backups
 * and temporary files are never candidates.
 */
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import type { FileSystem } from "../domain/mod.ts";
import { isRecord } from "./_fields.ts";

/** Where a workspace's beads live. */
export type BeadSource =
  | { readonly kind: "checkpoint"; readonly beadsDir: string; readonly pointer: string }
  | { readonly kind: "jsonl"; readonly beadsDir: string; readonly path: string }
  | { readonly kind: "none"; readonly beadsDir: string; readonly problem: string | undefined };

/** The `.beads` directory to use, and what went wrong following a redirect. */
export interface BeadsDir {
  readonly path: string;
  readonly problem: string | undefined;
}

/** Export names that are never live data even when `metadata.json` names them. */
const NOT_LIVE = /(^|\.)(base|left|right|orig|backup|merge)(\.|$)|tmp|^deletions\.jsonl$/;

/**
 * Resolves a workspace to its `.beads` directory, following a `redirect` file one hop (a path,
 * relative to the workspace, to the shared `.beads`). A workspace path that is itself a `.beads`
 * directory is taken as is.
 *
 * @param workspace the workspace (or `.beads`) directory
 * @param options file access
 * @returns the directory and, when a redirect is broken, why
 */
export async function resolveBeadsDir(
  workspace: string,
  options: { readonly fs: FileSystem },
): Promise<BeadsDir> {
  const { fs } = options;
  const dir = basename(workspace) === ".beads" ? workspace : join(workspace, ".beads");
  const redirect = join(dir, "redirect");
  if ((await fs.stat(redirect))?.kind !== "file") return { path: dir, problem: undefined };
  const text = await fs.readTextFile(redirect).catch(() => "");
  const target = text.split("\n").map((l) => l.trim()).find((l) => l !== "" && !l.startsWith("#"));
  if (target === undefined) return { path: dir, problem: undefined };
  const abs = isAbsolute(target) ? target : resolve(dirname(dir), target);
  const nested = join(abs, ".beads");
  const path = basename(abs) !== ".beads" && (await fs.stat(nested))?.kind === "directory"
    ? nested
    : abs;
  if ((await fs.stat(path))?.kind === "directory") return { path, problem: undefined };
  return { path, problem: `${redirect} points to ${path}, which is not a directory` };
}

/**
 * Finds the authoritative bead file of a workspace.
 *
 * @param workspace the workspace (or `.beads`) directory
 * @param options file access
 * @returns the checkpoint pointer, the JSONL file, or none
 */
export async function discoverBeadSource(
  workspace: string,
  options: { readonly fs: FileSystem },
): Promise<BeadSource> {
  const { fs } = options;
  const { path: beadsDir, problem } = await resolveBeadsDir(workspace, options);
  const pointer = join(beadsDir, "checkpoint", "current.json");
  if ((await fs.stat(pointer))?.kind === "file") return { kind: "checkpoint", beadsDir, pointer };
  const names = [await exportName(fs, beadsDir), "issues.jsonl", "beads.jsonl"];
  let empty: string | undefined;
  for (const name of new Set(names)) {
    if (name === undefined) continue;
    const path = join(beadsDir, name);
    const info = await fs.stat(path);
    if (info?.kind !== "file") continue;
    if (info.size > 0) return { kind: "jsonl", beadsDir, path };
    empty ??= path;
  }
  if (empty !== undefined) return { kind: "jsonl", beadsDir, path: empty };
  return { kind: "none", beadsDir, problem };
}

/** The `jsonl_export` name of `metadata.json`, when it is a plain, live `.jsonl` file name. */
async function exportName(fs: FileSystem, beadsDir: string): Promise<string | undefined> {
  let metadata: unknown;
  try {
    metadata = JSON.parse(await fs.readTextFile(join(beadsDir, "metadata.json")));
  } catch {
    return undefined;
  }
  const name = isRecord(metadata) ? metadata["jsonl_export"] : undefined;
  if (typeof name !== "string" || !name.endsWith(".jsonl") || /[/\\]/.test(name)) return undefined;
  return NOT_LIVE.test(name) ? undefined : name;
}
