/**
 * Finds the release an update would install: reads the signed metadata (from the release server,
 * or from local files for an offline install), verifies it against the trusted keys and what was
 * seen before, remembers it (highest versions seen, ETag cache, the notice), and chooses.
 */
import { join } from "node:path";
import type { FetchedRelease } from "./fetch_release.ts";
import { fetchRelease, toBase64 } from "./fetch_release.ts";
import type { UpdateRequest } from "./run_update.ts";
import { noticeFor, selectRelease } from "./select_release.ts";
import type { UpdateFailure, UpdateOutcome, UpdateRuntime } from "./update_runtime.ts";
import { readUpdateState, type UpdateState, writeUpdateState } from "./update_state.ts";
import { verifyRelease } from "./verify_manifest.ts";

/**
 * The state file inside the state directory.
 *
 * @param stateDir FORGE_HOME/state
 * @returns the path of update.json
 */
export function updateStatePath(stateDir: string): string {
  return join(stateDir, "update.json");
}

/** The choice made on the verified manifest, or the outcome that ends the update. */
export type Found =
  | {
    readonly ok: true;
    readonly selection: ReturnType<typeof selectRelease>;
    readonly warnings: readonly string[];
  }
  | { readonly ok: false; readonly outcome: UpdateOutcome };

/** Fetches, verifies and remembers the manifest, then chooses. */
/**
 * Fetches (or reads), verifies, remembers and chooses.
 *
 * @param rt the runtime
 * @param request what the user asked for
 * @returns the manifest and selection, or the failure outcome
 */
export async function findRelease(rt: UpdateRuntime, request: UpdateRequest): Promise<Found> {
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
  const fetched = request.local === undefined
    ? await fetchRelease({
      url: request.manifestUrl,
      fetch: rt.fetch,
      cache: state.cache,
      env: (name) => rt.env.get(name),
      now,
    })
    : await readLocalRelease(rt, request.local.manifest);
  if (!fetched.ok) {
    if ("rateLimitedUntil" in fetched && fetched.rateLimitedUntil !== undefined) {
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
  if (!verified.ok) {
    if (r.fromCache) {
      // Otherwise every later run would get a 304 for this copy and fail the same way.
      const { cache: _, ...uncached } = state;
      await save(rt, statePath, uncached);
    }
    return fail("verification", verified.message);
  }
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
  return { ok: true, selection, warnings };
}

async function save(rt: UpdateRuntime, path: string, state: UpdateState): Promise<void> {
  await rt.fs.mkdirp(rt.stateDir, 0o700).catch(() => {});
  await writeUpdateState(rt.fs, path, state);
}

/**
 * Remembers what an update or rollback installed (and, after a rollback, the version to skip).
 *
 * @param rt the runtime
 * @param installed the version installed, the one replaced, and the one to skip in notices
 */
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

/** The metadata of an offline install: `<manifest>`, `<manifest>.sig`, and keys.json beside it. */
async function readLocalRelease(
  rt: UpdateRuntime,
  manifest: string,
): Promise<
  { readonly ok: true; readonly release: FetchedRelease } | {
    readonly ok: false;
    readonly kind: "http";
    readonly message: string;
  }
> {
  const read = (path: string) => rt.fs.readFile(path);
  try {
    const bytes = await read(manifest);
    const signature = new TextDecoder().decode(await read(`${manifest}.sig`));
    const keysPath = join(manifest, "..", "keys.json");
    const keys = await read(keysPath).catch(() => undefined);
    const keysSignature = keys === undefined
      ? undefined
      : new TextDecoder().decode(await read(`${keysPath}.sig`));
    return {
      ok: true,
      release: {
        url: `file://${manifest}`,
        manifest: bytes,
        signature,
        ...(keys === undefined ? {} : { keys }),
        ...(keysSignature === undefined ? {} : { keysSignature }),
        fromCache: false,
      },
    };
  } catch (error) {
    return {
      ok: false,
      kind: "http",
      message: `forge update: cannot read ${manifest} or its signature ${manifest}.sig (${
        error instanceof Error ? error.message : String(error)
      }). Nothing was installed.`,
    };
  }
}
