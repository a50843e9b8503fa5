/**
 * What the updater remembers between runs (`FORGE_HOME/state/update.json`): the highest manifest
 * and key-set versions seen (rollback-attack protection), the HTTP cache of the manifest (ETag),
 * when it last checked and what it found, versions to skip in notices, and GitHub's rate-limit
 * reset. Written atomically; a missing, corrupt or future-dated file heals to a due check.
 */
import type { FileSystem } from "../domain/mod.ts";

/** The updater's memory. */
export interface UpdateState {
  readonly seenManifestVersion: number;
  readonly seenKeysVersion: number;
  /** The manifest as last fetched, with its validators, so a 304 can reuse (and re-verify) it. */
  readonly cache?: {
    readonly url: string;
    readonly etag?: string;
    readonly lastModified?: string;
    /** Base64 of the exact bytes. */
    readonly manifest: string;
    readonly signature: string;
    /** Base64 of the exact bytes. */
    readonly keys?: string;
    readonly keysSignature?: string;
  };
  /** Epoch ms of the last completed check. */
  readonly lastCheckAt?: number;
  /** The notice the last check found (for the version that ran it), shown until the next. */
  readonly notice?: { readonly line: string; readonly version: string; readonly for: string };
  /** Versions a rollback left: notices skip them until something newer appears. */
  readonly skipped: readonly string[];
  /** GitHub said to wait until then (epoch ms). */
  readonly rateLimitedUntil?: number;
  /** What the last update or rollback installed, and from what. */
  readonly installed?: { readonly version: string; readonly from: string; readonly at: number };
}

/** A state with nothing seen yet. */
export const EMPTY_UPDATE_STATE: UpdateState = {
  seenManifestVersion: 0,
  seenKeysVersion: 0,
  skipped: [],
};

/**
 * Reads the state; anything unreadable gives the empty state (the next check is then due).
 *
 * @param fs the file system
 * @param path the state file
 * @param now current time (epoch ms): a last check in the future is treated as never
 * @returns the state
 */
export async function readUpdateState(
  fs: FileSystem,
  path: string,
  now: number,
): Promise<UpdateState> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readTextFile(path));
  } catch {
    return EMPTY_UPDATE_STATE;
  }
  if (typeof raw !== "object" || raw === null) return EMPTY_UPDATE_STATE;
  const o = raw as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0);
  const { lastCheckAt: _, ...rest } = o as Partial<UpdateState>;
  const lastCheckAt = num(o["lastCheckAt"]);
  return {
    ...rest,
    seenManifestVersion: num(o["seenManifestVersion"]),
    seenKeysVersion: num(o["seenKeysVersion"]),
    skipped: Array.isArray(o["skipped"]) ? o["skipped"].filter((s) => typeof s === "string") : [],
    ...(lastCheckAt > 0 && lastCheckAt <= now ? { lastCheckAt } : {}),
  };
}

/**
 * Writes the state atomically (last writer wins; checks take no lock).
 *
 * @param fs the file system
 * @param path the state file
 * @param state the new state
 */
export async function writeUpdateState(
  fs: FileSystem,
  path: string,
  state: UpdateState,
): Promise<void> {
  await fs.writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
}
