/**
 * The steps an update and a rollback share, from a verified file staged in the install directory
 * to the installed binary: self-test the staged file, keep a verified copy of the current one,
 * journal, swap atomically, then check what is installed. Any failure before the swap leaves the
 * install untouched and removes the staged file.
 */
import { join } from "node:path";
import { sha256OfFile } from "./_file_hash.ts";
import { keepPrevious } from "./keep_previous.ts";
import { smokeTest } from "./smoke_test.ts";
import { asideName, swapBinary, windowsHolders } from "./swap_binary.ts";
import { deleteJournal, type UpdateJournal, writeJournal } from "./update_journal.ts";
import type { UpdateFailure, UpdateRuntime } from "./update_runtime.ts";

/** A staged binary and where it goes. */
export interface StagedInstall {
  readonly command: "update" | "rollback";
  readonly from: string;
  readonly to: string;
  /** The real file replaced. */
  readonly target: string;
  readonly staged: string;
  readonly sha256: string;
  readonly mode: number | undefined;
  readonly owner: { readonly uid: number; readonly gid: number } | undefined;
}

/** Installed (with warnings), or why not. */
export type InstallResult =
  | { readonly ok: true; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly failure: UpdateFailure; readonly message: string };

/**
 * Installs a staged binary.
 *
 * @param rt the runtime
 * @param s what is staged and where it goes
 * @returns installed, or the failure (the staged file is gone either way)
 */
export async function installStaged(rt: UpdateRuntime, s: StagedInstall): Promise<InstallResult> {
  const fail = async (failure: UpdateFailure, message: string): Promise<InstallResult> => {
    await rt.fs.remove(s.staged).catch(() => {});
    return { ok: false, failure, message };
  };
  const smoke = await smokeTest({
    path: s.staged,
    version: s.to,
    target: rt.target,
    processes: rt.processes,
    command: s.command,
  });
  if (!smoke.ok) return await fail("self-test", smoke.message);
  const exeName = rt.platform === "windows" ? "forge.exe" : "forge";
  const kept = await keepPrevious({
    stateDir: rt.stateDir,
    fs: rt.fs,
    files: rt.files,
    exeName,
    source: s.target,
    version: s.from,
  });
  if (!kept.ok) return await fail("refused", kept.message);
  await rt.checkpoint?.("after_backup");
  const dir = join(s.target, "..");
  const aside = rt.platform === "windows"
    ? asideName(dir, { version: s.from, rand: rt.random() })
    : undefined;
  const journal: UpdateJournal = {
    phase: "swap",
    command: s.command,
    platform: rt.platform,
    from: s.from,
    to: s.to,
    target: s.target,
    staged: s.staged,
    ...(aside === undefined ? {} : { aside }),
    backup: kept.path,
    sha256: s.sha256,
    from_sha256: kept.sha256,
    pid: rt.pid,
    started_at: new Date(rt.clock.now()).toISOString(),
  };
  await writeJournal(rt.fs, { stateDir: rt.stateDir, journal });
  await rt.checkpoint?.("before_swap");
  const swapped = await swapBinary({
    staged: s.staged,
    target: s.target,
    platform: rt.platform,
    fs: rt.fs,
    files: rt.files,
    currentVersion: s.from,
    ...(s.mode === undefined ? {} : { mode: s.mode }),
    ...(s.owner === undefined ? {} : { owner: s.owner }),
    ...(aside === undefined ? {} : { aside }),
    clock: rt.clock,
    holders: () => windowsHolders(rt.processes, { image: exeName, ownPid: rt.pid }),
    command: s.command,
  });
  if (!swapped.ok) {
    // Swap failed with the old binary in place: nothing to repair. Otherwise the journal stays.
    if (swapped.code === "swap-failed") await deleteJournal(rt.fs, rt.stateDir);
    return { ok: false, failure: swapped.code, message: swapped.message };
  }
  await rt.checkpoint?.("after_swap");
  await writeJournal(rt.fs, { stateDir: rt.stateDir, journal: { ...journal, phase: "swapped" } });
  const warnings = await verifyInstalled(rt, s);
  await deleteJournal(rt.fs, rt.stateDir);
  return { ok: true, warnings };
}

/** After the swap: the installed file is the one verified, and it runs. */
async function verifyInstalled(rt: UpdateRuntime, s: StagedInstall): Promise<string[]> {
  const warnings: string[] = [];
  const hash = await sha256OfFile(rt.fs, s.target).catch(() => undefined);
  if (hash !== s.sha256) {
    warnings.push(
      `forge ${s.command}: ${s.target} does not hold the bytes just installed (sha256 ${
        hash?.slice(0, 12) ?? "unreadable"
      }…); something else changed it. Run 'forge ${s.command}' again.`,
    );
  }
  const smoke = await smokeTest({
    path: s.target,
    version: s.to,
    target: rt.target,
    processes: rt.processes,
    command: s.command,
  });
  if (!smoke.ok) warnings.push(smoke.message);
  const found = await rt.processes.which(rt.platform === "windows" ? "forge.exe" : "forge");
  if (found !== undefined) {
    const real = await rt.files.realPath(found).catch(() => found);
    if (real !== s.target) {
      warnings.push(
        `forge ${s.command}: installed forge ${s.to} to ${s.target}, but the 'forge' found first on your PATH (${found}) is a different file. Remove it or fix PATH.`,
      );
    }
  }
  return warnings;
}
