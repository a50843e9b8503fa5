/**
 * Decides whether a fetched release manifest can be trusted: its signature chains to a root key
 * embedded in FORGE (directly, or through a release key delegated by a signed keys.json), it is
 * not older than one already seen (replay), and it has not expired (freeze). Pure apart from
 * Web Crypto; the caller fetches the files and persists the versions seen.
 */
import { ISSUES_URL, RELEASES_URL } from "./release_source.ts";
import { keyIdOf, verifySignature } from "./ed25519.ts";
import {
  type KeySet,
  parseReleaseDocument,
  type ReleaseDocuments,
  type ReleaseManifest,
  type SignatureFile,
} from "./manifest_schema.ts";
import type { TrustedKey } from "./trusted_keys.ts";

/** The largest manifest FORGE reads (endless-data attacks); keys.json has the same cap. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Clock skew tolerated around `expires_at`. */
export const EXPIRY_SKEW_MS = 5 * 60 * 1000;

/** The highest document versions this installation has accepted (0 when none yet). */
export interface SeenVersions {
  readonly manifestVersion: number;
  readonly keysVersion: number;
}

/** Everything {@link verifyRelease} needs; no I/O happens inside. */
export interface VerifyReleaseInput {
  /** `manifest.json` exactly as served (the signature covers these bytes). */
  readonly manifestBytes: Uint8Array;
  /** Text of `manifest.json.sig`. */
  readonly manifestSig: string;
  /** `keys.json`, when the release publishes one (it is then verified and required to be fresh). */
  readonly keysBytes?: Uint8Array | undefined;
  /** Text of `keys.json.sig`. */
  readonly keysSig?: string | undefined;
  /** The root keys embedded in this FORGE. */
  readonly roots: readonly TrustedKey[];
  readonly seen: SeenVersions;
  /** Current time, epoch milliseconds. */
  readonly now: number;
  /** The running FORGE's version, named in messages. */
  readonly forgeVersion: string;
  /** `check` reports an expired manifest as a warning instead of refusing it. */
  readonly mode: "update" | "check";
}

/** Why a manifest was refused. */
export type VerifyFailureReason =
  | "malformed"
  | "bad-signature"
  | "unknown-key"
  | "revoked-key"
  | "keys-rollback"
  | "manifest-rollback"
  | "expired";

/** A refusal, with the message for the user. */
export interface VerifyFailure {
  readonly ok: false;
  readonly reason: VerifyFailureReason;
  readonly message: string;
}

/** A trusted manifest and the versions to persist as seen. */
export interface VerifySuccess {
  readonly ok: true;
  readonly manifest: ReleaseManifest;
  readonly manifestVersion: number;
  readonly keysVersion: number;
  /** Id of the key that signed the manifest. */
  readonly signedBy: string;
  /** Set in `check` mode when the manifest has expired. */
  readonly expiredWarning?: string;
}

/** Outcome of {@link verifyRelease}. */
export type VerifyReleaseResult = VerifySuccess | VerifyFailure;

type Step<T> = { readonly ok: true; readonly value: T } | VerifyFailure;

interface Trust {
  readonly keys: ReadonlyMap<string, string>;
  readonly revoked: ReadonlySet<string>;
  readonly keysVersion: number;
}

const UNCHANGED = "Nothing was downloaded and your installation is unchanged.";

function fail(reason: VerifyFailureReason, message: string): VerifyFailure {
  return { ok: false, reason, message: `forge update: ${message}` };
}

function replayed(what: string, got: number, seen: number): VerifyFailure {
  const older = got === 0 ? `no ${what}, although one was` : `an older ${what} (#${got}) than one`;
  return fail(
    what === "keys.json" ? "keys-rollback" : "manifest-rollback",
    `the server returned ${older} already seen (#${seen}). This can be a replay attack or a ` +
      "stale mirror; refusing to use it.",
  );
}

function untrusted(what: string, id: string, why: string, revoked = false): VerifyFailure {
  return fail(
    revoked ? "revoked-key" : "unknown-key",
    `${what} is signed by key ${id}, which ${why}. If forge rotated its signing keys, update ` +
      `manually once: ${RELEASES_URL}`,
  );
}

function forged(what: string, id: string): VerifyFailure {
  // `8F3A1C2B…`: enough of the key id to recognise it.
  return fail(
    "bad-signature",
    `${what} signature is invalid (key ${id.slice(0, 8)}…). ${UNCHANGED} A proxy, mirror or ` +
      "the release itself may have been tampered with.",
  );
}

/**
 * Verifies a release manifest (and the keys.json delegating its signing key) before anything is
 * downloaded from it.
 *
 * @param input the fetched bytes, trusted roots, versions seen, clock and mode
 * @returns the parsed manifest and versions to persist, or the refusal and its message
 */
export async function verifyRelease(input: VerifyReleaseInput): Promise<VerifyReleaseResult> {
  if (Math.max(input.manifestBytes.length, input.keysBytes?.length ?? 0) > MAX_MANIFEST_BYTES) {
    return fail(
      "malformed",
      `the release metadata exceeds 1 MiB; refusing to read it. ${UNCHANGED}`,
    );
  }
  const trust = await trustedKeys(input);
  if (!trust.ok) return trust;
  const sig = await parseDocument(input.manifestSig, "signatureFile", "manifest.json.sig");
  if (!sig.ok) return sig;
  const signer = await checkSigner(input, trust.value, sig.value);
  if (!signer.ok) return signer;
  const manifest = await parseDocument(input.manifestBytes, "releaseManifest", "manifest.json");
  if (!manifest.ok) return manifest;
  return checkFreshness(input, manifest.value, {
    keysVersion: trust.value.keysVersion,
    signedBy: signer.value,
  });
}

/** Refuses a replayed (older) manifest, and an expired one unless only checking. */
function checkFreshness(
  input: VerifyReleaseInput,
  manifest: ReleaseManifest,
  chain: { readonly keysVersion: number; readonly signedBy: string },
): VerifyReleaseResult {
  const version = manifest.manifest_version;
  if (version < input.seen.manifestVersion) {
    return replayed("release manifest", version, input.seen.manifestVersion);
  }
  const expired = expiryNotice(manifest.expires_at, input.now);
  if (expired !== undefined && input.mode === "update") {
    return fail("expired", `${expired}; refusing to treat it as current.`);
  }
  // The CLI prints warnings after "warning:" already.
  const warning = `forge update: ${expired}; the releases it lists may be out of date.`;
  return {
    ok: true,
    manifest,
    manifestVersion: version,
    ...chain,
    ...(expired === undefined ? {} : { expiredWarning: warning }),
  };
}

/** The keys allowed to sign the manifest: the roots, plus keys.json's keys when it verifies. */
async function trustedKeys(input: VerifyReleaseInput): Promise<Step<Trust>> {
  const roots = new Map(input.roots.map((k) => [k.key_id, k.public_key]));
  if (input.keysBytes === undefined && input.keysSig === undefined) {
    // Once a keys.json was seen, leaving it out would also drop its revocations.
    if (input.seen.keysVersion > 0) return replayed("keys.json", 0, input.seen.keysVersion);
    return { ok: true, value: { keys: roots, revoked: new Set(), keysVersion: 0 } };
  }
  if (input.keysBytes === undefined || input.keysSig === undefined) {
    return fail(
      "malformed",
      `keys.json came without its signature file; refusing it. ${UNCHANGED}`,
    );
  }
  const sig = await parseDocument(input.keysSig, "signatureFile", "keys.json.sig");
  if (!sig.ok) return sig;
  const root = roots.get(sig.value.key_id);
  if (root === undefined) {
    const why = `is not a root key of this forge (${input.forgeVersion})`;
    return untrusted("keys.json", sig.value.key_id, why);
  }
  if (!await verifySignature(input.keysBytes, sig.value, root)) {
    return forged("keys.json's", sig.value.key_id);
  }
  const keySet = await parseDocument(input.keysBytes, "keySet", "keys.json");
  if (!keySet.ok) return keySet;
  return delegate(keySet.value, roots, input.seen.keysVersion);
}

function delegate(set: KeySet, roots: Map<string, string>, seen: number): Step<Trust> {
  if (set.keys_version < seen) return replayed("keys.json", set.keys_version, seen);
  const keys = new Map(roots);
  for (const key of set.keys) {
    const actual = keyIdOf(key.public_key);
    if (actual !== key.key_id) {
      return fail(
        "malformed",
        `keys.json lists key ${key.key_id} with a public key whose id is ${actual}; ` +
          `refusing it. ${UNCHANGED}`,
      );
    }
    keys.set(key.key_id, key.public_key);
  }
  return {
    ok: true,
    value: { keys, revoked: new Set(set.revoked), keysVersion: set.keys_version },
  };
}

/** Checks the manifest's signature; returns the signing key's id. */
async function checkSigner(
  input: VerifyReleaseInput,
  trust: Trust,
  sig: SignatureFile,
): Promise<Step<string>> {
  const id = sig.key_id;
  if (trust.revoked.has(id)) return untrusted("the manifest", id, "has been revoked", true);
  const publicKey = trust.keys.get(id);
  if (publicKey === undefined) {
    return untrusted("the manifest", id, `this forge (${input.forgeVersion}) does not trust`);
  }
  if (!await verifySignature(input.manifestBytes, sig, publicKey)) {
    return forged("the release manifest's", id);
  }
  return { ok: true, value: id };
}

/** Parses a document; a failure names the file and the field. */
async function parseDocument<K extends keyof ReleaseDocuments>(
  content: Uint8Array | string,
  kind: K,
  file: string,
): Promise<Step<ReleaseDocuments[K]>> {
  const parsed = await parseReleaseDocument(kind, content);
  if (parsed.ok) return parsed;
  // A signed but malformed document is a publishing bug; an unsigned one may be tampering.
  const after = kind === "signatureFile"
    ? UNCHANGED
    : `${UNCHANGED} Please report this at ${ISSUES_URL}`;
  return fail("malformed", `${file} ${parsed.problem}. ${after}`);
}

/** The start of the expiry message when `expiresAt` (plus skew) is in the past. */
function expiryNotice(expiresAt: string, now: number): string | undefined {
  const expires = Date.parse(expiresAt);
  if (now <= expires + EXPIRY_SKEW_MS) return undefined;
  const day = new Date(expires).toISOString().slice(0, 10);
  return `the release manifest expired on ${day} (${ago(now - expires)}). Updates may be ` +
    "blocked by a mirror or proxy, or publishing has stalled";
}

/** `53 days ago`, `3 hours ago`, `1 minute ago`. */
function ago(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const [n, unit] = minutes >= 1440
    ? [Math.floor(minutes / 1440), "day"]
    : minutes >= 60
    ? [Math.floor(minutes / 60), "hour"]
    : [minutes, "minute"];
  return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
}
