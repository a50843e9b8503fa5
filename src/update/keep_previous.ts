/**
 * Keeps verified copies of replaced binaries for `forge rollback`: `<stateDir>/versions/<ver>/
 * forge[.exe]` plus a `forge[.exe].sha256` sidecar written atomically and last, so a copy without
 * its sidecar is never trusted. A binary and its sidecar are pruned together, never apart.
 */
import { join } from "node:path";
import type { BinaryFiles, FileSystem } from "../domain/mod.ts";
import { copyFileHashed, sha256OfFile } from "./_file_hash.ts";
import { describeOsError } from "./_os_error.ts";
import { semver } from "./_semver.ts";

/** Where saved versions live and how they are named. */
export interface KeptStore {
  /** FORGE's state directory (versions/ goes inside). */
  readonly stateDir: string;
  readonly fs: FileSystem;
  /** File name of the binary: "forge", or "forge.exe" on Windows. Default "forge". */
  readonly exeName?: string;
}

/** What to keep. */
export interface KeepPreviousOptions extends KeptStore {
  /** The installed binary (its real path). */
  readonly source: string;
  /** Its version. */
  readonly version: string;
  readonly files: BinaryFiles;
  /** How many saved versions to keep, this one included. Default 2. */
  readonly keep?: number;
}

/** Kept (and which older copies were pruned), or why not. */
export type KeepResult =
  | {
    readonly ok: true;
    readonly path: string;
    readonly sha256: string;
    readonly pruned: readonly string[];
  }
  | { readonly ok: false; readonly message: string };

/** One saved version. */
export interface KeptVersion {
  readonly version: string;
  readonly path: string;
  /** When the sidecar was written (0 when there is none). */
  readonly keptAtMs: number;
  /** True when the sidecar exists; a copy without one is unusable. */
  readonly complete: boolean;
}

/** A saved copy ready to restore, or why there is none. */
export type VerifyKeptResult =
  | { readonly ok: true; readonly version: string; readonly path: string; readonly sha256: string }
  | { readonly ok: false; readonly code: "missing" | "corrupted"; readonly message: string };

const NONE_AVAILABLE = "forge rollback: no previous version is available (it was installed by a " +
  "package manager or the backup was removed).";

function versionsDir(store: KeptStore): string {
  return join(store.stateDir, "versions");
}

function binaryPath(store: KeptStore, version: string): string {
  return join(versionsDir(store), version, store.exeName ?? "forge");
}

/**
 * Copies the installed binary into the versions store, hashing it, then writes its sidecar and
 * prunes the oldest copies.
 *
 * @param options source binary, its version, store and ports
 * @returns the saved path and hash, or a failure message (nothing was installed yet)
 */
export async function keepPrevious(options: KeepPreviousOptions): Promise<KeepResult> {
  const { fs, files } = options;
  if (semver.valid(options.version) === null) {
    return {
      ok: false,
      message: `forge update: cannot keep a copy of forge "${options.version}": not a version.`,
    };
  }
  const dir = join(versionsDir(options), options.version);
  const path = binaryPath(options, options.version);
  const temp = join(dir, `.${options.exeName ?? "forge"}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  let sha256: string;
  try {
    await fs.mkdirp(dir, 0o700);
    // Without its sidecar an older copy of this version is no longer trusted while it is replaced.
    await fs.remove(`${path}.sha256`);
    sha256 = await copyFileHashed({ fs, files, from: options.source, to: temp, mode: 0o755 });
    await fs.rename(temp, path);
    await files.syncDir(dir);
    await fs.writeFileAtomic(`${path}.sha256`, `${sha256}  ${options.exeName ?? "forge"}\n`, {
      mode: 0o644,
    });
    await files.syncDir(dir);
  } catch (error) {
    await fs.remove(temp).catch(() => {});
    return {
      ok: false,
      message: `forge update: could not keep a copy of forge ${options.version} in ${dir} (${
        describeOsError(error)
      }). Nothing was installed.`,
    };
  }
  const pruned = await prune(options, options.version);
  return { ok: true, path, sha256, pruned };
}

/** Removes every saved version but the newest `keep` complete ones (and `justKept`). */
async function prune(options: KeepPreviousOptions, justKept: string): Promise<readonly string[]> {
  const keep = Math.max(1, options.keep ?? 2);
  const kept = await listKept(options);
  const survivors = new Set<string>([justKept]);
  for (const k of kept) if (k.complete && survivors.size < keep) survivors.add(k.version);
  const pruned: string[] = [];
  for (const k of kept) {
    if (survivors.has(k.version)) continue;
    await options.fs.remove(join(versionsDir(options), k.version), { recursive: true }).catch(
      () => {},
    );
    pruned.push(k.version);
  }
  return pruned;
}

/**
 * Lists the saved versions, newest kept first (ties: higher version first).
 *
 * @param store state directory and ports
 * @returns saved versions, complete or not; directories not named like a version are ignored
 */
export async function listKept(store: KeptStore): Promise<readonly KeptVersion[]> {
  const found: KeptVersion[] = [];
  for (const entry of await store.fs.readDir(versionsDir(store))) {
    if (entry.kind !== "directory" || semver.valid(entry.name) === null) continue;
    const path = binaryPath(store, entry.name);
    const sidecar = await store.fs.stat(`${path}.sha256`);
    const binary = await store.fs.stat(path);
    if (binary === undefined && sidecar === undefined) continue;
    found.push({
      version: entry.name,
      path,
      keptAtMs: sidecar?.mtimeMs ?? 0,
      complete: sidecar !== undefined && binary !== undefined,
    });
  }
  return found.sort((a, b) => b.keptAtMs - a.keptAtMs || semver.rcompare(a.version, b.version));
}

/**
 * Finds a saved version and checks it against its sidecar before a rollback uses it.
 *
 * @param options store, the running version (never rolled back to), and optionally which version
 *   (default: the most recently kept other than the running one)
 * @returns the verified copy, or a row 15 message
 */
export async function verifyKept(
  options: KeptStore & { readonly currentVersion: string; readonly version?: string },
): Promise<VerifyKeptResult> {
  const kept = await listKept(options);
  const pick = kept.find((k) =>
    k.complete && k.version !== options.currentVersion &&
    (options.version === undefined || k.version === options.version)
  );
  if (pick === undefined) return { ok: false, code: "missing", message: NONE_AVAILABLE };
  let expected: string | undefined;
  let actual: string | undefined;
  try {
    expected = /^([0-9a-fA-F]{64})\b/.exec(await options.fs.readTextFile(`${pick.path}.sha256`))
      ?.[1];
    actual = await sha256OfFile(options.fs, pick.path);
  } catch {
    return { ok: false, code: "missing", message: NONE_AVAILABLE };
  }
  if (expected === undefined || expected.toLowerCase() !== actual) {
    return {
      ok: false,
      code: "corrupted",
      message: `forge rollback: the saved copy of forge ${pick.version} is corrupted (sha256 ` +
        `mismatch); it was not restored. Your current forge ${options.currentVersion} is unchanged.`,
    };
  }
  return { ok: true, version: pick.version, path: pick.path, sha256: actual };
}
