/**
 * Checks a release directory the way a FORGE client would see it: the manifest's signature chain
 * (with FORGE's own verifier and trusted roots), the version's entry and the asset each target's
 * client would pick (with FORGE's own selection), and every binary re-hashed against the manifest
 * and `SHA256SUMS`. Used on the freshly built release and again on the files downloaded back from
 * the draft GitHub release.
 */
import { join } from "node:path";
import { UsageError } from "../src/domain/mod.ts";
import { keyIdOf } from "../src/update/ed25519.ts";
import { type ReleaseManifest, TARGETS } from "../src/update/manifest_schema.ts";
import { selectRelease } from "../src/update/select_release.ts";
import { ROOT_KEYS, type TrustedKey } from "../src/update/trusted_keys.ts";
import { verifyRelease } from "../src/update/verify_manifest.ts";
import { artifactName, measureFile, parseSha256sums } from "./_release_artifacts.ts";
import type { Channel } from "./_release_manifest.ts";

/** What to check in a release directory. */
export interface ReleaseDirCheck {
  readonly dir: string;
  readonly roots: readonly TrustedKey[];
  /** Epoch ms, for the expiry check. */
  readonly now: number;
  /** Named in the verifier's messages. */
  readonly forgeVersion: string;
  /** When known, the manifest must be numbered exactly one higher. */
  readonly previousManifestVersion?: number | undefined;
  /** When set, the directory must hold this version's binaries and `SHA256SUMS`. */
  readonly release?: {
    readonly version: string;
    /** Channels that must now point at the version. */
    readonly channels: readonly Channel[];
  } | undefined;
}

/** The outcome: the verified manifest (when it verified) and every problem found. */
export interface ReleaseDirReport {
  readonly manifest?: ReleaseManifest;
  readonly signedBy?: string;
  readonly problems: readonly string[];
}

/**
 * Verifies a release directory.
 *
 * @param check the directory, trusted roots and expectations
 * @returns the problems found (none means the release is sound)
 */
export async function checkReleaseDir(check: ReleaseDirCheck): Promise<ReleaseDirReport> {
  const read = (name: string): Promise<Uint8Array | undefined> =>
    Deno.readFile(join(check.dir, name)).catch(() => undefined);
  const [manifestBytes, sigBytes, keysBytes, keysSigBytes] = await Promise.all(
    ["manifest.json", "manifest.json.sig", "keys.json", "keys.json.sig"].map(read),
  );
  if (manifestBytes === undefined || sigBytes === undefined) {
    return { problems: [`${check.dir} lacks manifest.json or manifest.json.sig`] };
  }
  const verdict = await verifyRelease({
    manifestBytes,
    manifestSig: new TextDecoder().decode(sigBytes),
    keysBytes,
    keysSig: keysSigBytes === undefined ? undefined : new TextDecoder().decode(keysSigBytes),
    roots: check.roots,
    seen: { manifestVersion: check.previousManifestVersion ?? 0, keysVersion: 0 },
    now: check.now,
    forgeVersion: check.forgeVersion,
    mode: "update",
  });
  if (!verdict.ok) return { problems: [verdict.message] };
  const { manifest, signedBy } = verdict;
  const problems: string[] = [];
  const previous = check.previousManifestVersion;
  if (previous !== undefined && manifest.manifest_version !== previous + 1) {
    problems.push(
      `manifest_version is ${manifest.manifest_version}, expected ${previous + 1} (previous + 1)`,
    );
  }
  if (check.release !== undefined) {
    problems.push(...await checkRelease(check.dir, manifest, check.release));
  }
  return { manifest, signedBy, problems };
}

async function checkRelease(
  dir: string,
  manifest: ReleaseManifest,
  release: NonNullable<ReleaseDirCheck["release"]>,
): Promise<string[]> {
  const { version } = release;
  if (manifest.versions[version] === undefined) return [`the manifest does not list ${version}`];
  const problems = release.channels
    .filter((c) => manifest.channels[c] !== version)
    .map((c) => `channel ${c} points at ${manifest.channels[c]}, expected ${version}`);
  for (const channel of release.channels.filter((c) => manifest.channels[c] === version)) {
    for (const target of TARGETS) {
      const choice = selectRelease({
        manifest,
        current: "0.0.0",
        channel,
        allowDowngrade: false,
        target,
      });
      if (choice.kind !== "install" || choice.version !== version) {
        problems.push(`${target}: a ${channel} client would not be offered ${version}`);
      }
    }
  }
  const sums = await Deno.readTextFile(join(dir, "SHA256SUMS"))
    .then(parseSha256sums)
    .catch((error: unknown) => error instanceof Error ? error.message : String(error));
  if (typeof sums === "string") problems.push(`SHA256SUMS: ${sums}`);
  for (const target of TARGETS) {
    problems.push(...await checkTarget(dir, manifest, version, target, sums));
  }
  if (typeof sums !== "string") {
    const names = new Set(TARGETS.map(artifactName));
    for (const name of sums.keys()) {
      if (!names.has(name)) problems.push(`SHA256SUMS lists "${name}", which is no release asset`);
    }
  }
  return problems;
}

/** What the client on `target` would install, and whether the file in `dir` is exactly that. */
async function checkTarget(
  dir: string,
  manifest: ReleaseManifest,
  version: string,
  target: string,
  sums: ReadonlyMap<string, string> | string,
): Promise<string[]> {
  const name = artifactName(target);
  const choice = selectRelease({
    manifest,
    current: "0.0.0",
    channel: "beta",
    requested: version,
    allowDowngrade: true,
    target,
  });
  if (choice.kind !== "install" || choice.version !== version) {
    const said = choice.kind === "install" ? `install ${choice.version}` : choice.message;
    return [`${target}: a client asking for ${version} would not get it (${said})`];
  }
  const { asset } = choice;
  const problems: string[] = [];
  if (!asset.url.endsWith(`/${name}`)) {
    problems.push(`${target}: asset URL ${asset.url} does not name ${name}`);
  }
  const file = await measureFile(join(dir, name)).catch(() => undefined);
  if (file === undefined) return [...problems, `${target}: ${name} is missing from ${dir}`];
  if (file.size !== asset.size || file.sha256 !== asset.sha256) {
    problems.push(
      `${target}: ${name} is ${file.size} bytes with sha256 ${file.sha256}, but the manifest ` +
        `says ${asset.size} bytes with sha256 ${asset.sha256}`,
    );
  }
  if (typeof sums !== "string" && sums.get(name) !== file.sha256) {
    problems.push(`${target}: SHA256SUMS says ${sums.get(name) ?? "nothing"} for ${name}`);
  }
  return problems;
}

/**
 * The root keys to verify against: FORGE's embedded roots, or those in a JSON file (for tests and
 * forks): an array of `{key_id, public_key}`.
 *
 * @param path the file, or undefined for the embedded roots
 * @returns the roots
 * @throws {UsageError} when the file is unreadable or a key id does not match its key
 */
export async function loadRoots(path: string | undefined): Promise<readonly TrustedKey[]> {
  if (path === undefined) return ROOT_KEYS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await Deno.readTextFile(path));
  } catch (cause) {
    throw new UsageError(`Cannot read root keys "${path}": not a readable JSON file`, { cause });
  }
  const list = Array.isArray(parsed) ? parsed : [];
  const roots = list.flatMap((k: unknown) => {
    const key = k as Partial<TrustedKey> | null;
    return typeof key?.key_id === "string" && typeof key.public_key === "string"
      ? [{ key_id: key.key_id, public_key: key.public_key }]
      : [];
  });
  if (roots.length === 0 || roots.length !== list.length) {
    throw new UsageError(
      `Cannot read root keys "${path}": expected a JSON array of {"key_id", "public_key"}`,
    );
  }
  for (const root of roots) {
    if (keyIdOf(root.public_key) !== root.key_id) {
      throw new UsageError(`Cannot use root key ${root.key_id} from "${path}": wrong key id`);
    }
  }
  return roots;
}
