/**
 * Puts a verified staged binary in place of the installed one without ever writing into the
 * installed file: on Unix one atomic rename (new inode) and a directory fsync; on Windows, where
 * a running exe can be renamed but not replaced, the old one is renamed aside first and put back
 * if the second rename fails. Windows' transient locks (virus scanners, os error 5/32) are retried.
 * Also names the staged and aside files, and cleans up old ones at startup.
 */
import { basename, dirname, join } from "node:path";
import type { BinaryFiles, Clock, FileSystem, Processes } from "../domain/mod.ts";
import { describeOsError, isFileBusy, windowsReason } from "./_os_error.ts";

/** Which install, with what, on which platform. */
export interface SwapBinaryOptions {
  /** The verified, smoke-tested new binary in the install directory. */
  readonly staged: string;
  /** The real file being replaced (links to it are kept). */
  readonly target: string;
  readonly platform: "unix" | "windows";
  readonly fs: FileSystem;
  readonly files: BinaryFiles;
  /** Version installed now, named when nothing changed. */
  readonly currentVersion: string;
  /** Unix: permission bits for the new binary (those of the old one). */
  readonly mode?: number;
  /** Unix, running as root: the old binary's owner, kept on the new one (best effort). */
  readonly owner?: { readonly uid: number; readonly gid: number };
  /** Windows: where the old binary goes (see `asideName`), recorded in the journal beforehand. */
  readonly aside?: string;
  /** Waits between Windows retries. */
  readonly clock: Clock;
  /** Windows: ids of other forge processes, named when Windows keeps refusing. */
  readonly holders?: () => Promise<readonly number[]>;
  /** Windows: total time spent waiting between retries, at most (default 5 s). */
  readonly retryBudgetMs?: number;
  /** Wording of messages. Default "update". */
  readonly command?: "update" | "rollback";
}

/** Swapped; or not, with the install unchanged ("swap-failed") or needing a hand ("restore-failed"). */
export type SwapResult =
  | { readonly ok: true; readonly aside: string | undefined; readonly dirSynced: boolean }
  | {
    readonly ok: false;
    readonly code: "swap-failed" | "restore-failed";
    readonly message: string;
  };

type Attempt = { readonly ok: true } | {
  readonly ok: false;
  readonly error: unknown;
  readonly attempts: number;
};

/** A path part safe in a file name. */
function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9.+-]/g, "_");
}

/**
 * Name of a staged download in the install directory (hidden, unique, never the install name).
 *
 * @param dir the install directory
 * @param options version being staged, a random part, and the platform (Windows keeps `.exe`)
 * @returns the path
 */
export function stagedName(
  dir: string,
  options: {
    readonly version: string;
    readonly rand: string;
    readonly platform?: "unix" | "windows";
  },
): string {
  const exe = options.platform === "windows" ? ".exe" : "";
  return join(dir, `.forge.${safe(options.version)}.${safe(options.rand)}.tmp${exe}`);
}

/**
 * Name the running Windows binary is moved to (unique, so an old one still running never blocks).
 *
 * @param dir the install directory
 * @param options version being moved aside and a random part
 * @returns the path
 */
export function asideName(
  dir: string,
  options: { readonly version: string; readonly rand: string },
): string {
  return join(dir, `.forge.${safe(options.version)}.${safe(options.rand)}.old.exe`);
}

/**
 * Replaces `target` with `staged`.
 *
 * @param options paths, platform, ports and wording
 * @returns ok (with the aside on Windows), or a failure message ready for the user; the staged
 *   file is removed whenever the old binary stays in place
 */
export async function swapBinary(options: SwapBinaryOptions): Promise<SwapResult> {
  return options.platform === "windows" ? await swapWindows(options) : await swapUnix(options);
}

async function swapUnix(options: SwapBinaryOptions): Promise<SwapResult> {
  const { fs, files, staged, target } = options;
  try {
    if (options.owner !== undefined) {
      await files.chown(staged, options.owner.uid, options.owner.gid);
    }
    if (options.mode !== undefined) await fs.chmod(staged, options.mode);
    await fs.rename(staged, target);
  } catch (error) {
    await fs.remove(staged).catch(() => {});
    return { ok: false, code: "swap-failed", message: unchanged(options, describeOsError(error)) };
  }
  return { ok: true, aside: undefined, dirSynced: await files.syncDir(dirname(target)) };
}

async function swapWindows(options: SwapBinaryOptions): Promise<SwapResult> {
  const { fs, staged, target } = options;
  const aside = options.aside ?? asideName(dirname(target), {
    version: options.currentVersion,
    rand: crypto.randomUUID().slice(0, 8),
  });
  const out = await retryBusy(() => fs.rename(target, aside), options);
  if (!out.ok) {
    await fs.remove(staged).catch(() => {});
    return { ok: false, code: "swap-failed", message: await refused(options, out) };
  }
  const into = await retryBusy(() => fs.rename(staged, target), options);
  if (into.ok) return { ok: true, aside, dirSynced: false };
  const back = await retryBusy(() => fs.rename(aside, target), options);
  if (back.ok) {
    await fs.remove(staged).catch(() => {});
    return { ok: false, code: "swap-failed", message: await refused(options, into) };
  }
  return {
    ok: false,
    code: "restore-failed",
    message:
      `${prefix(options)}: could not put the new forge in place (${
        windowsReason(into.error)
      }) nor the old one back (${windowsReason(back.error)}); ${target} is missing. ` +
      `Manual recovery: rename ${aside} to ${basename(target)}`,
  };
}

async function retryBusy(
  operation: () => Promise<void>,
  options: SwapBinaryOptions,
): Promise<Attempt> {
  const budget = options.retryBudgetMs ?? 5_000;
  let waited = 0;
  let delay = 100;
  for (let attempts = 1;; attempts++) {
    try {
      await operation();
      return { ok: true };
    } catch (error) {
      if (!isFileBusy(error) || waited + delay > budget) return { ok: false, error, attempts };
      await options.clock.sleep(delay);
      waited += delay;
      delay = Math.min(delay * 2, 1_600);
    }
  }
}

function prefix(options: SwapBinaryOptions): string {
  return `forge ${options.command ?? "update"}`;
}

function unchanged(options: SwapBinaryOptions, why: string): string {
  return `${prefix(options)}: could not replace ${options.target} (${why}). ` +
    `Your current forge ${options.currentVersion} is unchanged.`;
}

/** Row 21: Windows kept the file locked through every retry. */
async function refused(options: SwapBinaryOptions, attempt: Attempt): Promise<string> {
  if (attempt.ok) return "";
  if (!isFileBusy(attempt.error)) return unchanged(options, windowsReason(attempt.error));
  const pids = await (options.holders?.() ?? Promise.resolve([])).catch(() => []);
  const who = pids.length > 0
    ? `forge processes still running: ${pids.join(", ")}; security software may also be scanning ` +
      "the file. Close them and retry."
    : "Security software may be scanning the file, or another program holds it open. Close it " +
      "and retry.";
  const times = attempt.attempts === 1 ? "1 attempt" : `${attempt.attempts} attempts`;
  return `${
    prefix(options)
  }: Windows would not let forge replace ${options.target} after ${times} ` +
    `(${windowsReason(attempt.error)}). ${who} Your current forge ${options.currentVersion} is ` +
    "unchanged.";
}

/**
 * Lists the other running processes of a Windows image (for `holders`), with `tasklist`.
 *
 * @param processes process port
 * @param options image name (e.g. "forge.exe") and this process's id, left out
 * @returns their ids; empty when tasklist fails
 */
export async function windowsHolders(
  processes: Processes,
  options: { readonly image: string; readonly ownPid: number },
): Promise<readonly number[]> {
  const result = await processes.run(
    "tasklist",
    ["/FI", `IMAGENAME eq ${options.image}`, "/FO", "CSV", "/NH"],
    { timeoutMs: 5_000 },
  );
  if (result.code !== 0) return [];
  return result.stdout.split(/\r?\n/).map((line) => /^"[^"]*","(\d+)"/.exec(line)?.[1])
    .filter((pid): pid is string => pid !== undefined).map(Number)
    .filter((pid) => pid !== options.ownPid);
}

/**
 * Removes leftovers of earlier updates in the install directory: staged downloads, Windows
 * asides (once no process runs them) and probes, older than `olderThanMs` and not listed in
 * `keep` (the files of a live journal). Failures (a running aside on Windows) are skipped.
 *
 * @param options install directory, ports, age limit (default 1 h) and paths to keep
 * @returns the names removed
 */
export async function cleanStaleFiles(options: {
  readonly dir: string;
  readonly fs: FileSystem;
  readonly now: number;
  readonly olderThanMs?: number;
  readonly keep?: readonly string[];
}): Promise<readonly string[]> {
  const removed: string[] = [];
  const limit = options.olderThanMs ?? 3_600_000;
  for (const entry of await options.fs.readDir(options.dir)) {
    if (!/^\.forge\.(?:.+\.(?:tmp|tmp\.exe|old\.exe)|probe\..+)$/.test(entry.name)) continue;
    const path = join(options.dir, entry.name);
    if (options.keep?.includes(path) === true) continue;
    const info = await options.fs.lstat(path).catch(() => undefined);
    if (info?.kind !== "file" || options.now - (info.mtimeMs ?? options.now) < limit) continue;
    try {
      await options.fs.remove(path);
      removed.push(entry.name);
    } catch { /* still running or held: next time */ }
  }
  return removed;
}
