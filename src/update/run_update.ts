/**
 * `forge update`: fetch and verify the signed manifest, choose the release, and (unless only
 * checking) download, verify, self-test and install it atomically, keeping the previous binary
 * for `forge rollback`. Refusals come before anything is downloaded; every failure leaves the
 * installed binary as it was. One update at a time.
 */
import { join } from "node:path";
import { installStaged } from "./_install_binary.ts";
import { downloadAsset, type DownloadFailureCode } from "./download_asset.ts";
import { fetchRelease, toBase64 } from "./fetch_release.ts";
import { preflight } from "./preflight.ts";
import { type Channel, noticeFor, selectRelease } from "./select_release.ts";
import { stagedName } from "./swap_binary.ts";
import { acquireUpdateLock } from "./update_lock.ts";
import type { UpdateFailure, UpdateOutcome, UpdateRuntime } from "./update_runtime.ts";
import { readUpdateState, type UpdateState, writeUpdateState } from "./update_state.ts";
import { verifyRelease } from "./verify_manifest.ts";
import type { ReleaseManifest } from "./manifest_schema.ts";

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
}

/** The state file inside the state directory. */
export function updateStatePath(stateDir: string): string {
  return join(stateDir, "update.json");
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
  const failed = (failure: UpdateFailure, message: string, to?: string): UpdateOutcome => ({
    ok: false,
    failure,
    from,
    to,
    target: undefined,
    message,
    warnings: [],
  });
  let install: Extract<Awaited<ReturnType<typeof preflight>>, { ok: true }> | undefined;
  if (!request.check) {
    const pre = await preflight({
      execPath: rt.execPath,
      standalone: rt.standalone,
      env: rt.env,
      files: rt.files,
      fs: rt.fs,
      platform: rt.platform,
      selfUpdateDisabled: rt.selfUpdateDisabled,
      currentVersion: from,
    });
    if (!pre.ok) return failed("refused", pre.message);
    install = pre;
  }
  const lock = request.check ? undefined : await acquireUpdateLock({
    stateDir: rt.stateDir,
    files: rt.files,
    fs: rt.fs,
    clock: rt.clock,
    pid: rt.pid,
    from,
  });
  if (lock !== undefined && !lock.ok) return failed("locked", lock.message);
  try {
    const found = await findRelease(rt, request);
    if (!found.ok) return found.outcome;
    const { manifest, selection } = found;
    if (selection.kind === "up-to-date") {
      return {
        ok: true,
        status: "up-to-date",
        from,
        to: undefined,
        target: undefined,
        message: selection.message,
        warnings: found.warnings,
      };
    }
    if (selection.kind === "refuse") {
      return failed(selection.reason === "no-build" ? "no-build" : "usage", selection.message);
    }
    const to = selection.version;
    if (request.check || install === undefined) {
      return {
        ok: true,
        status: "available",
        from,
        to,
        target: undefined,
        message:
          `forge ${to} is available (you have ${from}). Run 'forge update' to install it. Notes: ${selection.notes}`,
        warnings: found.warnings,
      };
    }
    const staged = stagedName(install.dir, {
      version: to,
      rand: rt.random(),
      platform: rt.platform,
    });
    const downloaded = await downloadAsset({
      url: new URL(selection.asset.url, request.manifestUrl).href,
      size: selection.asset.size,
      sha256: selection.asset.sha256,
      version: to,
      stagedPath: staged,
      fetch: rt.fetch,
      files: rt.files,
      fs: rt.fs,
      env: rt.env,
      clock: rt.clock,
      ...(request.stallTimeoutMs === undefined ? {} : { stallTimeoutMs: request.stallTimeoutMs }),
      ...(rt.onProgress === undefined ? {} : { onProgress: rt.onProgress }),
    });
    if (!downloaded.ok) return failed(downloadFailure(downloaded.code), downloaded.message, to);
    await rt.checkpoint?.("after_download");
    if (request.dryRun) {
      await rt.fs.remove(staged).catch(() => {});
      return {
        ok: true,
        status: "dry-run",
        from,
        to,
        target: install.target,
        message: `forge ${to} was downloaded and verified (sha256 ${
          downloaded.sha256.slice(0, 12)
        }…); dry run: nothing was installed.`,
        warnings: [...install.warnings, ...found.warnings],
      };
    }
    void manifest;
    const done = await installStaged(rt, {
      command: "update",
      from,
      to,
      target: install.target,
      staged,
      sha256: downloaded.sha256,
      mode: install.mode,
      owner: install.keepOwner,
    });
    if (!done.ok) return { ...failed(done.failure, done.message, to), target: install.target };
    await recordInstall(rt, { version: to, from });
    return {
      ok: true,
      status: "updated",
      from,
      to,
      target: install.target,
      message:
        `Installed forge ${to} (was ${from}) at ${install.target}. 'forge rollback' returns to ${from}.`,
      warnings: [...install.warnings, ...found.warnings, ...done.warnings],
    };
  } finally {
    if (lock?.ok === true) await lock.lock.release();
  }
}

type Found =
  | {
    readonly ok: true;
    readonly manifest: ReleaseManifest;
    readonly selection: ReturnType<typeof selectRelease>;
    readonly warnings: readonly string[];
  }
  | { readonly ok: false; readonly outcome: UpdateOutcome };

/** Fetches, verifies and remembers the manifest, then chooses. */
async function findRelease(rt: UpdateRuntime, request: UpdateRequest): Promise<Found> {
  const from = rt.currentVersion;
  const now = rt.clock.now();
  const statePath = updateStatePath(rt.stateDir);
  const state = await readUpdateState(rt.fs, statePath, now);
  const fail = (failure: UpdateFailure, message: string): Found => ({
    ok: false,
    outcome: { ok: false, failure, from, to: undefined, target: undefined, message, warnings: [] },
  });
  if ((state.rateLimitedUntil ?? 0) > now) {
    const at = new Date(state.rateLimitedUntil ?? now).toISOString().slice(11, 16);
    return fail(
      "network",
      `forge update: the release server asked to wait until ${at} UTC (rate limit); try again then.`,
    );
  }
  const fetched = await fetchRelease({
    url: request.manifestUrl,
    fetch: rt.fetch,
    cache: state.cache,
    env: (name) => rt.env.get(name),
    now,
  });
  if (!fetched.ok) {
    if (fetched.rateLimitedUntil !== undefined) {
      await save(rt, statePath, { ...state, rateLimitedUntil: fetched.rateLimitedUntil });
    }
    return fail(fetched.kind === "too-large" ? "verification" : "network", fetched.message);
  }
  const r = fetched.release;
  const verified = await verifyRelease({
    manifestBytes: r.manifest,
    manifestSig: r.signature,
    ...(r.keys === undefined ? {} : { keysBytes: r.keys }),
    ...(r.keysSignature === undefined ? {} : { keysSig: r.keysSignature }),
    roots: rt.roots,
    seen: { manifestVersion: state.seenManifestVersion, keysVersion: state.seenKeysVersion },
    now,
    forgeVersion: from,
    mode: request.check ? "check" : "update",
  });
  if (!verified.ok) return fail("verification", verified.message);
  const selection = selectRelease({
    manifest: verified.manifest,
    current: from,
    channel: request.channel,
    requested: request.version,
    allowDowngrade: request.allowDowngrade,
    target: rt.target,
  });
  const notice = noticeFor(verified.manifest, from, request.channel, state.skipped);
  const { notice: _, ...rest } = state;
  await save(rt, statePath, {
    ...rest,
    seenManifestVersion: Math.max(state.seenManifestVersion, verified.manifestVersion),
    seenKeysVersion: Math.max(state.seenKeysVersion, verified.keysVersion),
    cache: {
      url: r.url,
      manifest: toBase64(r.manifest),
      signature: r.signature,
      ...(r.keys === undefined ? {} : { keys: toBase64(r.keys) }),
      ...(r.keysSignature === undefined ? {} : { keysSignature: r.keysSignature }),
      ...(r.etag === undefined ? {} : { etag: r.etag }),
      ...(r.lastModified === undefined ? {} : { lastModified: r.lastModified }),
    },
    lastCheckAt: now,
    ...(notice === undefined || selection.kind !== "install"
      ? {}
      : { notice: { line: notice, version: selection.version, for: from } }),
  });
  const warnings = verified.expiredWarning === undefined ? [] : [verified.expiredWarning];
  return { ok: true, manifest: verified.manifest, selection, warnings };
}

async function save(rt: UpdateRuntime, path: string, state: UpdateState): Promise<void> {
  await rt.fs.mkdirp(rt.stateDir, 0o700).catch(() => {});
  await writeUpdateState(rt.fs, path, state);
}

/** Remembers what an update or rollback installed. */
export async function recordInstall(
  rt: UpdateRuntime,
  installed: { readonly version: string; readonly from: string; readonly skip?: string },
): Promise<void> {
  const path = updateStatePath(rt.stateDir);
  const state = await readUpdateState(rt.fs, path, rt.clock.now());
  const skipped = installed.skip === undefined
    ? state.skipped.filter((v) => v !== installed.version)
    : [...new Set([...state.skipped, installed.skip])];
  await save(rt, path, {
    ...state,
    skipped,
    installed: { version: installed.version, from: installed.from, at: rt.clock.now() },
  });
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
