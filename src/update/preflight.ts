/**
 * Decides, before anything is downloaded, whether this forge can replace itself: it must be a
 * compiled binary, not owned by a package manager, a regular file (links are followed and kept),
 * in a directory this user can write. Never escalates privileges; says what to do instead.
 */
import { basename, dirname, join } from "node:path";
import type { BinaryFiles, Env, FileSystem } from "../domain/mod.ts";
import { describeOsError, hasCode } from "./_os_error.ts";
import { packageManagerMessage, packageManagerOf } from "./_package_manager.ts";

/** The running binary and what is known about the build. */
export interface PreflightOptions {
  /** The exec path captured at startup (before any swap could change what it points to). */
  readonly execPath: string;
  /** False when running from source with `deno run`. */
  readonly standalone: boolean;
  readonly env: Env;
  readonly files: BinaryFiles;
  readonly fs: FileSystem;
  readonly platform: "unix" | "windows";
  /** This user's id (default: asked of `files`). */
  readonly uid?: number;
  /** Set by packagers at build time to turn self-update off. */
  readonly selfUpdateDisabled?: boolean;
  /** The running version, for warnings. */
  readonly currentVersion?: string;
  /** Random part of the probe file's name (default: random). */
  readonly rand?: string;
}

/** Why an install cannot be updated in place. */
export type PreflightRefusal = "not-standalone" | "package-manager" | "unwritable" | "not-a-file";

/** Where and how to install, or why not. */
export type PreflightResult =
  | {
    readonly ok: true;
    /** The real file to replace. */
    readonly target: string;
    /** The link the binary was run through, kept as it is. */
    readonly link: string | undefined;
    readonly dir: string;
    /** Permission bits for the new binary (Unix); undefined on Windows. */
    readonly mode: number | undefined;
    /** Running as root over someone else's binary: the owner to give the new one. */
    readonly keepOwner: { readonly uid: number; readonly gid: number } | undefined;
    /** Things to tell the user that do not stop the update. */
    readonly warnings: readonly string[];
  }
  | { readonly ok: false; readonly code: PreflightRefusal; readonly message: string };

type Refused = Extract<PreflightResult, { ok: false }>;

/**
 * Checks that the running binary can be updated in place.
 *
 * @param options exec path, build facts, environment and ports
 * @returns the resolved install, or a refusal with its message
 */
export async function preflight(options: PreflightOptions): Promise<PreflightResult> {
  const { fs, files, execPath } = options;
  if (!options.standalone) {
    return refuse(
      "not-standalone",
      "forge update: this forge runs from source (deno run), so it " +
        "cannot replace itself. Update your checkout with 'git pull' instead.",
    );
  }
  let target: string;
  try {
    target = await files.realPath(execPath);
  } catch (error) {
    return refuse(
      "not-a-file",
      `forge update: cannot find the running forge at ${execPath} (${describeOsError(error)}).`,
    );
  }
  const manager = packageManagerOf(target, options.env);
  if (manager !== undefined) return refuse("package-manager", packageManagerMessage(manager));
  if (options.selfUpdateDisabled === true) {
    return refuse(
      "package-manager",
      "forge update: self-update is turned off in this build of " +
        "forge. Update it with the tool that installed it.",
    );
  }
  const info = await fs.stat(target);
  if (info?.kind !== "file") {
    return refuse(
      "not-a-file",
      `forge update: ${target} is not a regular file, so forge cannot ` +
        "replace it.",
    );
  }
  const link = (await fs.lstat(execPath))?.kind === "symlink" ? execPath : undefined;
  const dir = dirname(target);
  const unwritable = await probe(options, { dir, target, link });
  if (unwritable !== undefined) return unwritable;
  const owner = await files.ownership(target);
  const uid = options.uid ?? files.uid();
  const keepOwner = uid === 0 && owner?.uid !== undefined && owner.uid !== 0
    ? { uid: owner.uid, gid: owner.gid ?? owner.uid }
    : undefined;
  return {
    ok: true,
    target,
    link,
    dir,
    mode: options.platform === "windows" ? undefined : ((info.mode ?? 0o755) & 0o777) | 0o500,
    keepOwner,
    warnings: warnings(target, owner?.nlink, options.currentVersion),
  };
}

function refuse(code: Refused["code"], message: string): Refused {
  return { ok: false, code, message };
}

/** Creates and removes a probe file in the install directory; a refusal when that fails. */
async function probe(
  options: PreflightOptions,
  install: { readonly dir: string; readonly target: string; readonly link: string | undefined },
): Promise<Refused | undefined> {
  const path = join(install.dir, `.forge.probe.${options.rand ?? crypto.randomUUID().slice(0, 8)}`);
  try {
    const file = await options.files.createNew(path, 0o600);
    file.close();
  } catch (error) {
    return refuse("unwritable", await unwritableMessage(options, install, error));
  }
  await options.fs.remove(path).catch(() => {});
  return undefined;
}

async function unwritableMessage(
  options: PreflightOptions,
  install: { readonly dir: string; readonly target: string; readonly link: string | undefined },
  error: unknown,
): Promise<string> {
  const { dir, target, link } = install;
  if (link !== undefined) {
    return `forge update: ${link} is a link to ${target}, which you cannot write to. Update the ` +
      "link target as its owner, or reinstall to a user directory.";
  }
  const denied = hasCode(error, "EACCES", "EPERM");
  const ownerUid = denied ? (await options.files.ownership(dir))?.uid : undefined;
  const uid = options.uid ?? options.files.uid();
  const end = "Nothing was downloaded.";
  if (options.platform === "windows") {
    return `forge update: cannot write to ${dir} (${describeOsError(error)}). Run 'forge update' ` +
      "from an elevated terminal, or reinstall forge into a user directory such as " +
      `%LOCALAPPDATA%\\Programs\\forge. ${end}`;
  }
  const userDir = "reinstall forge into a user directory such as ~/.local/bin";
  if (ownerUid === undefined || ownerUid === uid) {
    return `forge update: cannot write to ${dir} (${
      describeOsError(error)
    }). Give yourself write ` +
      `access to it, or ${userDir}. ${end}`;
  }
  const owner = await userName(options.fs, ownerUid);
  const how = ownerUid === 0 ? "Run 'sudo forge update'" : `Run 'forge update' as ${owner}`;
  return `forge update: cannot write to ${dir} (owned by ${owner}). ${how}, or ${userDir}. ${end}`;
}

/** The login name of a uid from /etc/passwd, or "uid N". */
async function userName(fs: FileSystem, uid: number): Promise<string> {
  if (uid === 0) return "root";
  try {
    for (const line of (await fs.readTextFile("/etc/passwd")).split("\n")) {
      const [name, , id] = line.split(":");
      if (name !== undefined && id === String(uid)) return name;
    }
  } catch { /* no passwd file: fall through */ }
  return `uid ${uid}`;
}

function warnings(
  target: string,
  nlink: number | undefined,
  version: string | undefined,
): string[] {
  const found: string[] = [];
  if (nlink !== undefined && nlink > 1) {
    found.push(
      `forge update: ${target} has ${nlink} hard links; only this name gets the new ` +
        "version, the other names keep the old one.",
    );
  }
  const dirName = basename(dirname(target));
  if (version !== undefined && dirName.includes(version)) {
    found.push(
      `forge update: ${target} is in a directory named after version ${version} ` +
        `(${dirName}); the new version will be installed there all the same.`,
    );
  }
  return found;
}
