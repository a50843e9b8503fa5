/**
 * The release script's I/O: the signing key from the environment (never echoed), the previous
 * manifest from a file or URL (verified before anything is built on it), and writing the signed
 * release files into an output directory that starts empty.
 */
import { basename, join } from "node:path";
import { NotFoundError, UsageError, VerificationError } from "../src/domain/mod.ts";
import { signFile } from "../src/update/ed25519.ts";
import { manifestSchemas } from "../src/update/manifest_schema.ts";
import type { TrustedKey } from "../src/update/trusted_keys.ts";
import { verifyRelease } from "../src/update/verify_manifest.ts";
import type { JsonObject, PreviousManifest } from "./_release_manifest.ts";

/** The environment variable holding the release signing key (base64 PKCS #8 Ed25519). */
export const SIGNING_KEY_ENV = "FORGE_RELEASE_SIGNING_KEY";

/** A keys.json to publish beside the manifest, with its root signature. */
export interface KeysFiles {
  readonly keys: Uint8Array;
  readonly sig: Uint8Array;
}

/**
 * Takes the signing key out of the environment, so nothing started later inherits it.
 *
 * @returns the key text
 * @throws {UsageError} when the variable is unset
 */
export function takeSigningKey(): string {
  const key = Deno.env.get(SIGNING_KEY_ENV)?.trim();
  Deno.env.delete(SIGNING_KEY_ENV);
  if (key === undefined || key === "") {
    throw new UsageError(`Cannot sign the release: ${SIGNING_KEY_ENV} is not set`, {
      hint: "set it to the base64 PKCS #8 private key written by scripts/release_keys.ts",
    });
  }
  return key;
}

/**
 * Reads a keys.json and the `.sig` beside it.
 *
 * @param path the keys.json, or undefined for none
 * @returns both files, or undefined
 * @throws {NotFoundError} when either is missing
 */
export async function readKeysFiles(path: string | undefined): Promise<KeysFiles | undefined> {
  if (path === undefined || path === "") return undefined;
  try {
    return { keys: await Deno.readFile(path), sig: await Deno.readFile(`${path}.sig`) };
  } catch (cause) {
    throw new NotFoundError(`Cannot read keys "${path}" and "${path}.sig"`, {
      cause,
      hint: "sign keys.json with: deno run -A scripts/release_keys.ts sign-keys",
    });
  }
}

/** How to load and check the previous manifest. */
export interface PreviousSource {
  /** A path or an http(s) URL; its signature is `<source>.sig`. */
  readonly source: string;
  readonly roots: readonly TrustedKey[];
  readonly keys: KeysFiles | undefined;
  /** Skip the signature check (the manifest is then only validated). */
  readonly trust: boolean;
  readonly now: number;
  readonly forgeVersion: string;
}

/**
 * Loads the manifest a release builds on, refusing one whose signature does not verify: a new
 * signature must never launder a tampered list of versions.
 *
 * @param from where it is and what to trust
 * @returns its raw JSON and validated reading
 * @throws {VerificationError} when it does not verify or is invalid
 * @throws {NotFoundError} when it cannot be read
 */
export async function loadPrevious(from: PreviousSource): Promise<PreviousManifest> {
  const bytes = await readSource(from.source);
  let raw: JsonObject;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new VerificationError(`Cannot read previous manifest "${from.source}": not JSON`, {
      cause,
    });
  }
  if (from.trust) {
    const parsed = (await manifestSchemas()).releaseManifest.safeParse(raw);
    if (parsed.success) return { raw, manifest: parsed.data };
    const issue = parsed.error.issues[0];
    throw new VerificationError(
      `Cannot use previous manifest "${from.source}": ${issue?.path.join(".")}: ${issue?.message}`,
    );
  }
  const verdict = await verifyRelease({
    manifestBytes: bytes,
    manifestSig: new TextDecoder().decode(await readSource(`${from.source}.sig`)),
    keysBytes: from.keys?.keys,
    keysSig: from.keys === undefined ? undefined : new TextDecoder().decode(from.keys.sig),
    roots: from.roots,
    seen: { manifestVersion: 0, keysVersion: 0 },
    now: from.now,
    forgeVersion: from.forgeVersion,
    mode: "check",
  });
  if (!verdict.ok) {
    throw new VerificationError(
      `Cannot build on previous manifest "${from.source}": ` +
        verdict.message.replace(/^forge update: /, ""),
      {
        hint: "--trust-previous skips this check when you have checked the file yourself",
      },
    );
  }
  return { raw, manifest: verdict.manifest };
}

async function readSource(source: string): Promise<Uint8Array> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(60_000) }).catch(
      (cause: unknown) => {
        throw new NotFoundError(`Cannot fetch "${source}"`, { cause });
      },
    );
    if (!response.ok) {
      await response.body?.cancel();
      throw new NotFoundError(`Cannot fetch "${source}": HTTP ${response.status}`);
    }
    return new Uint8Array(await response.arrayBuffer());
  }
  return await Deno.readFile(source).catch((cause: unknown) => {
    throw new NotFoundError(`Cannot read "${source}"`, { cause });
  });
}

/**
 * Makes sure the output directory exists and is empty, so it holds exactly this release.
 *
 * @param dir the output directory
 * @throws {UsageError} when it has files in it
 */
export async function prepareOutDir(dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  for await (const entry of Deno.readDir(dir)) {
    throw new UsageError(`Cannot write the release into "${dir}": it is not empty`, {
      hint: `remove "${dir}/${entry.name}" and the rest, or choose another --out`,
    });
  }
}

/** What goes into the output directory. */
export interface ReleaseFiles {
  readonly dir: string;
  readonly manifestText: string;
  readonly signingKey: string;
  readonly keys: KeysFiles | undefined;
  /** Binaries to copy in, with `SHA256SUMS`. */
  readonly binaries: readonly string[];
  readonly sha256sums: string | undefined;
}

/**
 * Signs the manifest and writes the release files.
 *
 * @param files what to write and the key to sign with
 * @returns the id of the signing key
 * @throws {VerificationError} when the key is not an Ed25519 private key
 */
export async function writeRelease(files: ReleaseFiles): Promise<string> {
  const bytes = new TextEncoder().encode(files.manifestText);
  const signature = await signFile(bytes, files.signingKey);
  for (const path of files.binaries) await Deno.copyFile(path, join(files.dir, basename(path)));
  if (files.sha256sums !== undefined) {
    await Deno.writeTextFile(join(files.dir, "SHA256SUMS"), files.sha256sums);
  }
  if (files.keys !== undefined) {
    await Deno.writeFile(join(files.dir, "keys.json"), files.keys.keys);
    await Deno.writeFile(join(files.dir, "keys.json.sig"), files.keys.sig);
  }
  await Deno.writeFile(join(files.dir, "manifest.json"), bytes);
  await Deno.writeTextFile(
    join(files.dir, "manifest.json.sig"),
    `${JSON.stringify(signature, null, 2)}\n`,
  );
  return signature.key_id;
}
