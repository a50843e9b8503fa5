/**
 * `forge update`: fetch and verify the signed manifest, choose the release, and (unless only
 * checking) download, verify, self-test and install it atomically, keeping the previous binary
 * for `forge rollback`. Refusals come before anything is downloaded; every failure leaves the
 * installed binary as it was. One update at a time. An offline install reads the manifest and
 * the binary from files and verifies them the same way.
 */
import { copyFileHashed } from "./_file_hash.ts";
import { findRelease, recordInstall } from "./_find_release.ts";
import { installStaged } from "./_install_binary.ts";
import { failedOutcome, startInstall } from "./_start_install.ts";
import { downloadAsset, type DownloadFailureCode, type DownloadResult } from "./download_asset.ts";
import type { ReleaseAsset } from "./manifest_schema.ts";
import type { Channel } from "./select_release.ts";
import { smokeTest } from "./smoke_test.ts";
import { stagedName } from "./swap_binary.ts";
import type { UpdateFailure, UpdateOutcome, UpdateRuntime } from "./update_runtime.ts";

/** What the user asked for. */
export interface UpdateRequest {
  /** Only look: verify the manifest and say what would happen. */
  readonly check: boolean;
  readonly channel: Channel;
  readonly version?: string | undefined;
  readonly allowDowngrade: boolean;
  /** Download, verify and self-test, but install nothing. */
  readonly dryRun: boolean;
  readonly manifestUrl: string;
  readonly stallTimeoutMs?: number;
  /** Offline: the binary and the manifest (with `.sig`, and keys.json beside it) as files. */
  readonly local?: { readonly binary: string; readonly manifest: string };
}

/**
 * Runs `forge update`.
 *
 * @param rt the runtime
 * @param request what to do
 * @returns how it ended, with the message to print
 */
export async function runUpdate(rt: UpdateRuntime, request: UpdateRequest): Promise<UpdateOutcome> {
  const from = rt.currentVersion;
  const started = request.check ? undefined : await startInstall(rt, "update");
  if (started !== undefined && !started.ok) return started.outcome;
  try {
    const found = await findRelease(rt, request);
    if (!found.ok) return found.outcome;
    const { selection, warnings } = found;
    if (selection.kind === "up-to-date") {
      return {
        ok: true,
        status: "up-to-date",
        from,
        to: undefined,
        target: undefined,
        message: selection.message,
        warnings,
      };
    }
    if (selection.kind === "refuse") {
      const failure = selection.reason === "no-build" ? "no-build" : "usage";
      return failedOutcome(rt, failure, { message: selection.message });
    }
    const to = selection.version;
    if (started === undefined) {
      return {
        ok: true,
        status: "available",
        from,
        to,
        target: undefined,
        message:
          `forge ${to} is available (you have ${from}). Run 'forge update' to install it. Notes: ${selection.notes}`,
        warnings,
      };
    }
    const { install } = started;
    const staged = stagedName(install.dir, {
      version: to,
      rand: rt.random(),
      platform: rt.platform,
    });
    const got = request.local === undefined
      ? await download(rt, request, { staged, to, asset: selection.asset })
      : await stageLocal(rt, request.local.binary, { staged, to, asset: selection.asset });
    if (!got.ok) return failedOutcome(rt, downloadFailure(got.code), { message: got.message, to });
    await rt.checkpoint?.("after_download");
    if (request.dryRun) {
      const smoke = await smokeTest({
        path: staged,
        version: to,
        target: rt.target,
        processes: rt.processes,
        command: "update",
      });
      await rt.fs.remove(staged).catch(() => {});
      if (!smoke.ok) return failedOutcome(rt, "self-test", { message: smoke.message, to });
      return {
        ok: true,
        status: "dry-run",
        from,
        to,
        target: install.target,
        message: `forge ${to} was downloaded, verified (sha256 ${
          got.sha256.slice(0, 12)
        }…) and self-tested; dry run: nothing was installed.`,
        warnings: [...install.warnings, ...warnings],
      };
    }
    const done = await installStaged(rt, {
      command: "update",
      from,
      to,
      target: install.target,
      staged,
      sha256: got.sha256,
      mode: install.mode,
      owner: install.keepOwner,
    });
    if (!done.ok) {
      return failedOutcome(rt, done.failure, { message: done.message, to, target: install.target });
    }
    await recordInstall(rt, { version: to, from });
    return {
      ok: true,
      status: "updated",
      from,
      to,
      target: install.target,
      message:
        `Installed forge ${to} (was ${from}) at ${install.target}. 'forge rollback' returns to ${from}.`,
      warnings: [...install.warnings, ...warnings, ...done.warnings],
    };
  } finally {
    if (started?.ok === true) await started.lock.release();
  }
}

interface Staging {
  readonly staged: string;
  readonly to: string;
  readonly asset: ReleaseAsset;
}

function download(rt: UpdateRuntime, request: UpdateRequest, s: Staging): Promise<DownloadResult> {
  return downloadAsset({
    url: new URL(s.asset.url, request.manifestUrl).href,
    size: s.asset.size,
    sha256: s.asset.sha256,
    version: s.to,
    stagedPath: s.staged,
    fetch: rt.fetch,
    files: rt.files,
    fs: rt.fs,
    env: rt.env,
    clock: rt.clock,
    ...(request.stallTimeoutMs === undefined ? {} : { stallTimeoutMs: request.stallTimeoutMs }),
    ...(rt.onProgress === undefined ? {} : { onProgress: rt.onProgress }),
  });
}

/** Offline: copies the given binary into place, checking it against the signed manifest. */
async function stageLocal(rt: UpdateRuntime, binary: string, s: Staging): Promise<DownloadResult> {
  const info = await rt.fs.stat(binary);
  if (info?.kind !== "file") {
    return {
      ok: false,
      code: "io",
      message: `forge update: ${binary} is not a file. Nothing was installed.`,
    };
  }
  if (info.size !== s.asset.size) {
    return {
      ok: false,
      code: "verification",
      message:
        `forge update: ${binary} has ${info.size} bytes, but the signed manifest says forge ${s.to} for ${rt.target} has ${s.asset.size}. Nothing was installed.`,
    };
  }
  let sha256: string;
  try {
    sha256 = await copyFileHashed({
      fs: rt.fs,
      files: rt.files,
      from: binary,
      to: s.staged,
      mode: 0o700,
    });
  } catch (error) {
    return {
      ok: false,
      code: "io",
      message: `forge update: could not copy ${binary} into place (${
        error instanceof Error ? error.message : String(error)
      }). Nothing was installed.`,
    };
  }
  if (sha256 !== s.asset.sha256) {
    await rt.fs.remove(s.staged).catch(() => {});
    return {
      ok: false,
      code: "verification",
      message: `forge update: checksum mismatch for ${binary} (expected ${
        s.asset.sha256.slice(0, 8)
      }…, got ${sha256.slice(0, 8)}…). Nothing was installed.`,
    };
  }
  return { ok: true, bytes: info.size, sha256 };
}

function downloadFailure(code: DownloadFailureCode): UpdateFailure {
  switch (code) {
    case "verification":
    case "too-large":
      return "verification";
    case "network":
    case "stalled":
      return "network";
    case "io":
      return "refused";
    case "cancelled":
      return "cancelled";
  }
}
