/**
 * `forge rollback`: puts the previous binary back. The saved copy is checked against its sidecar
 * hash, copied into the install directory, self-tested and swapped in atomically like an update;
 * the version rolled back from is then skipped by update notices until a newer one appears.
 */
import { copyFileHashed } from "./_file_hash.ts";
import { installStaged } from "./_install_binary.ts";
import { verifyKept } from "./keep_previous.ts";
import { recordInstall } from "./_find_release.ts";
import { stagedName } from "./swap_binary.ts";
import { failedOutcome, startInstall } from "./_start_install.ts";
import type { UpdateFailure, UpdateOutcome, UpdateRuntime } from "./update_runtime.ts";

/**
 * Runs `forge rollback`.
 *
 * @param rt the runtime
 * @returns how it ended, with the message to print
 */
export async function runRollback(rt: UpdateRuntime): Promise<UpdateOutcome> {
  const from = rt.currentVersion;
  const failed = (failure: UpdateFailure, message: string, to?: string): UpdateOutcome =>
    failedOutcome(rt, failure, { message, ...(to === undefined ? {} : { to }) });
  const started = await startInstall(rt, "rollback");
  if (!started.ok) return started.outcome;
  const pre = started.install;
  try {
    const kept = await verifyKept({
      stateDir: rt.stateDir,
      fs: rt.fs,
      exeName: rt.platform === "windows" ? "forge.exe" : "forge",
      currentVersion: from,
    });
    if (!kept.ok) return failed(kept.code === "missing" ? "refused" : "verification", kept.message);
    const to = kept.version;
    const staged = stagedName(pre.dir, { version: to, rand: rt.random(), platform: rt.platform });
    let sha256: string;
    try {
      sha256 = await copyFileHashed({
        fs: rt.fs,
        files: rt.files,
        from: kept.path,
        to: staged,
        mode: 0o700,
      });
    } catch (error) {
      return failed(
        "refused",
        `forge rollback: could not copy the saved forge ${to} into ${pre.dir} (${
          error instanceof Error ? error.message : String(error)
        }). Your current forge ${from} is unchanged.`,
        to,
      );
    }
    if (sha256 !== kept.sha256) {
      await rt.fs.remove(staged).catch(() => {});
      return failed(
        "verification",
        `forge rollback: the copy of forge ${to} changed while it was copied; it was not restored. Your current forge ${from} is unchanged.`,
        to,
      );
    }
    const done = await installStaged(rt, {
      command: "rollback",
      from,
      to,
      target: pre.target,
      staged,
      sha256,
      mode: pre.mode,
      owner: pre.keepOwner,
    });
    if (!done.ok) return { ...failed(done.failure, done.message, to), target: pre.target };
    await recordInstall(rt, { version: to, from, skip: from });
    return {
      ok: true,
      status: "rolled-back",
      from,
      to,
      target: pre.target,
      message:
        `forge rollback: restored forge ${to} (from ${from}). Update notices will skip ${from}; 'forge update' reinstalls it.`,
      warnings: [...pre.warnings, ...done.warnings],
    };
  } finally {
    await started.lock.release();
  }
}
