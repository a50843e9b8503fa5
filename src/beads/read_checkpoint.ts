/**
 * Reads a bead-rs checkpoint: `checkpoint/current.json` names the live content-addressed object
 * (or, in `sharded` mode, a manifest of shards) with its SHA-256. Nothing is trusted before its
 * hash matches; when the pointer moved during the read (a new generation was published), the
 * read starts again.
 */
import { isAbsolute, join, normalize } from "node:path";
import type { BeadReadIssue, Clock, FileSystem } from "../domain/mod.ts";
import { errorMessage } from "../domain/mod.ts";
import { isRecord, type JsonRecord } from "./_fields.ts";
import { sha256Hex } from "./_sha256.ts";

/** Verified checkpoint data. */
export interface CheckpointData {
  /** The files to parse: the monolithic object, or every issue shard. Empty on failure. */
  readonly files: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  /** The object or manifest that `active_root` names. */
  readonly root: string | undefined;
  readonly generation: string | undefined;
  readonly issues: readonly BeadReadIssue[];
}

/** How to read. */
export interface ReadCheckpointOptions {
  readonly fs: FileSystem;
  /** Waits between attempts when given. */
  readonly clock?: Clock;
  /** Reads before giving up on a pointer that keeps changing (default 3). */
  readonly attempts?: number;
}

interface Pointer {
  readonly text: string;
  readonly path: string;
  readonly sha256: string;
  readonly mode: string;
  readonly generation: string | undefined;
}

type Problem = Omit<BeadReadIssue, "line">;
type Attempt = { readonly files: CheckpointData["files"]; readonly root: string } | Problem;

/**
 * Reads and verifies the live checkpoint under `beadsDir`.
 *
 * @param beadsDir the `.beads` directory
 * @param options file access, clock and attempts
 * @returns the verified files, or none with the problem that stopped the read
 */
export async function readCheckpoint(
  beadsDir: string,
  options: ReadCheckpointOptions,
): Promise<CheckpointData> {
  const { fs } = options;
  const dir = join(beadsDir, "checkpoint");
  const pointerPath = join(dir, "current.json");
  const attempts = options.attempts ?? 3;
  let problem: Problem = { kind: "unreadable", file: pointerPath, message: "not read" };
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await options.clock?.sleep(20);
    const pointer = await readPointer(fs, pointerPath);
    if ("kind" in pointer) return failed(pointer, undefined);
    const result = await readRoot(fs, dir, pointer);
    if (!("kind" in result)) {
      return { files: result.files, root: result.root, generation: pointer.generation, issues: [] };
    }
    problem = result;
    const again = await fs.readTextFile(pointerPath).catch(() => undefined);
    if (again === pointer.text) return failed(problem, pointer.generation);
  }
  const message = `${problem.message} (the checkpoint changed ${attempts} times while being read)`;
  return failed({ ...problem, message }, undefined);
}

function failed(problem: Problem, generation: string | undefined): CheckpointData {
  return { files: [], root: undefined, generation, issues: [{ ...problem, line: undefined }] };
}

async function readPointer(fs: FileSystem, path: string): Promise<Pointer | Problem> {
  let text: string;
  let value: unknown;
  try {
    text = await fs.readTextFile(path);
    value = JSON.parse(text);
  } catch (error) {
    return { kind: "unreadable", file: path, message: `cannot read: ${errorMessage(error)}` };
  }
  const root = isRecord(value) ? value["active_root"] : undefined;
  const rootPath = isRecord(root) ? root["path"] : undefined;
  const sha = isRecord(root) ? root["sha256"] : undefined;
  if (typeof rootPath !== "string" || typeof sha !== "string" || sha === "") {
    return { kind: "unreadable", file: path, message: "active_root has no path and sha256" };
  }
  const mode = (value as JsonRecord)["mode"] ?? "monolithic";
  const generation = (value as JsonRecord)["generation_id"];
  return {
    text,
    path: rootPath,
    sha256: sha.toLowerCase(),
    mode: typeof mode === "string" ? mode : "",
    generation: typeof generation === "string" ? generation : undefined,
  };
}

async function readRoot(fs: FileSystem, dir: string, pointer: Pointer): Promise<Attempt> {
  const root = await readVerified(fs, dir, pointer.path, pointer.sha256);
  if ("kind" in root) return root;
  if (pointer.mode === "monolithic") return { files: [root], root: root.path };
  if (pointer.mode !== "sharded") {
    return { kind: "unreadable", file: root.path, message: `unknown mode "${pointer.mode}"` };
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder().decode(root.bytes));
  } catch (error) {
    return { kind: "unreadable", file: root.path, message: `bad manifest: ${errorMessage(error)}` };
  }
  const shards = isRecord(manifest) ? manifest["issue_shards"] : undefined;
  if (!Array.isArray(shards)) {
    return { kind: "unreadable", file: root.path, message: "manifest has no issue_shards" };
  }
  const files = [];
  for (const shard of shards) {
    const path = isRecord(shard) ? shard["path"] : undefined;
    const sha = isRecord(shard) ? shard["sha256"] : undefined;
    if (typeof path !== "string" || typeof sha !== "string") {
      return { kind: "unreadable", file: root.path, message: "a shard has no path and sha256" };
    }
    const file = await readVerified(fs, dir, path, sha.toLowerCase());
    if ("kind" in file) return file;
    files.push(file);
  }
  return { files, root: root.path };
}

async function readVerified(
  fs: FileSystem,
  dir: string,
  relative: string,
  sha256: string,
): Promise<{ readonly path: string; readonly bytes: Uint8Array } | Problem> {
  const clean = normalize(relative);
  if (isAbsolute(clean) || clean === ".." || clean.startsWith("../")) {
    return { kind: "unreadable", file: dir, message: `path "${relative}" leaves the checkpoint` };
  }
  const path = join(dir, clean);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    return { kind: "unreadable", file: path, message: `cannot read: ${errorMessage(error)}` };
  }
  const actual = await sha256Hex(bytes);
  if (actual === sha256) return { path, bytes };
  return {
    kind: "checksum-mismatch",
    file: path,
    message: `sha256 is ${actual}, the pointer says ${sha256}; not trusted`,
  };
}
