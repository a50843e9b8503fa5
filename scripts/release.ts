/**
 * Builds, signs and checks a FORGE release (see `--help`). The signing key comes only from the
 * FORGE_RELEASE_SIGNING_KEY environment variable and is never printed. Every run ends by verifying
 * its own output with FORGE's verifier; on any problem the output directory is removed.
 */
// deno-lint-ignore-file no-console
import { ForgeError, UsageError, VerificationError } from "../src/domain/mod.ts";
import { CHANNEL, VERSION } from "../src/cli/version.ts";
import { RELEASES_URL } from "../src/update/release_source.ts";
import type { TrustedKey } from "../src/update/trusted_keys.ts";
import { type Artifact, collectArtifacts, sha256sums } from "./_release_artifacts.ts";
import {
  addRelease,
  type Channel,
  manifestText,
  type NextManifest,
  type PreviousManifest,
  releaseVersion,
  renewManifest,
} from "./_release_manifest.ts";
import {
  type KeysFiles,
  loadPrevious,
  prepareOutDir,
  readKeysFiles,
  takeSigningKey,
  writeRelease,
} from "./_release_io.ts";
import { channelOf, type Options, parseReleaseArgs, positiveInt, USAGE } from "./_release_args.ts";
import { checkReleaseDir, loadRoots, type ReleaseDirCheck } from "./_release_verify.ts";

/** The tag must match the source: a binary that reports another version fails its smoke test. */
function checkSourceVersion(version: string, channel: Channel): void {
  if (version !== VERSION || channel !== CHANNEL) {
    throw new UsageError(
      `Cannot release ${version} (${channel}): src/cli/version.ts says VERSION = "${VERSION}", ` +
        `CHANNEL = "${CHANNEL}"`,
      { hint: "set both in src/cli/version.ts, commit, and tag that commit" },
    );
  }
}

/** The roots to check against, keys.json to publish, and the manifest to build on. */
async function loadBase(values: Options, now: number): Promise<{
  roots: readonly TrustedKey[];
  keys: KeysFiles | undefined;
  previous: PreviousManifest | undefined;
}> {
  const roots = await loadRoots(values.roots);
  const keys = await readKeysFiles(values.keys ?? Deno.env.get("FORGE_RELEASE_KEYS_JSON"));
  const previous = values.previous === undefined ? undefined : await loadPrevious({
    source: values.previous,
    roots,
    keys,
    trust: values["trust-previous"],
    now,
    forgeVersion: VERSION,
  });
  return { roots, keys, previous };
}

async function build(values: Options): Promise<void> {
  if (values.version === undefined) throw new UsageError("Cannot build a release: --version V");
  const version = releaseVersion(values.version);
  const channel = channelOf(values.channel);
  checkSourceVersion(version, channel);
  const fresh = {
    now: Date.now(),
    expiresDays: positiveInt(values["expires-days"], "expires-days"),
  };
  const minSupported = values["min-supported"] === undefined
    ? undefined
    : releaseVersion(values["min-supported"]);
  const signingKey = takeSigningKey();
  await prepareOutDir(values.out);
  const { roots, keys, previous } = await loadBase(values, fresh.now);
  const artifacts = await collectArtifacts(values.dist);
  const next = addRelease(previous, {
    version,
    channel,
    artifacts,
    baseUrl: values["base-url"] ?? `${RELEASES_URL}/download/v${version}`,
    notes: values.notes ?? `${RELEASES_URL}/tag/v${version}`,
    // A limit stays until a release sets another: carry the stable head's forward.
    minSupported: minSupported ??
      previous?.manifest.versions[previous.manifest.channels.stable]?.min_supported,
    allowOlder: values["allow-older"],
  }, fresh);
  await writeAndCheck(values.out, next, { signingKey, keys, artifacts }, {
    dir: values.out,
    roots,
    now: fresh.now,
    forgeVersion: VERSION,
    previousManifestVersion: previous?.manifest.manifest_version ?? 0,
    release: { version, channels: next.moved },
  });
  console.log(
    next.moved.length === 0
      ? `channels unchanged: ${version} is not newer than their versions (--allow-older)`
      : `channels ${next.moved.join(", ")} → ${version}`,
  );
}

async function resign(values: Options): Promise<void> {
  if (values.previous === undefined) throw new UsageError("Cannot resign: --previous FILE|URL");
  const fresh = {
    now: Date.now(),
    expiresDays: positiveInt(values["expires-days"], "expires-days"),
  };
  const signingKey = takeSigningKey();
  await prepareOutDir(values.out);
  const { roots, keys, previous } = await loadBase(values, fresh.now);
  if (previous === undefined) throw new UsageError("Cannot resign: --previous FILE|URL");
  const next = { manifest: renewManifest(previous, fresh), moved: [] };
  await writeAndCheck(values.out, next, { signingKey, keys, artifacts: [] }, {
    dir: values.out,
    roots,
    now: fresh.now,
    forgeVersion: VERSION,
    previousManifestVersion: previous.manifest.manifest_version,
  });
}

/** Writes, then verifies what was written; a release that fails its own check is removed. */
async function writeAndCheck(
  out: string,
  next: NextManifest,
  sign: {
    signingKey: string;
    keys: KeysFiles | undefined;
    artifacts: readonly Artifact[];
  },
  check: ReleaseDirCheck,
): Promise<void> {
  try {
    const keyId = await writeRelease({
      dir: out,
      manifestText: manifestText(next.manifest),
      signingKey: sign.signingKey,
      keys: sign.keys,
      binaries: sign.artifacts.map((a) => a.path),
      sha256sums: sign.artifacts.length === 0 ? undefined : sha256sums(sign.artifacts),
    });
    await verify(check);
    const m = next.manifest;
    const binaries = sign.artifacts.length === 0
      ? ""
      : `${sign.artifacts.length} binaries, SHA256SUMS, `;
    console.log(
      `${out}: ${binaries}manifest.json #${m["manifest_version"]} (expires ${m["expires_at"]}) ` +
        `signed by key ${keyId}${sign.keys === undefined ? "" : ", keys.json"}`,
    );
    console.log("verified with FORGE's own verifier; every binary re-hashed");
  } catch (error) {
    await Deno.remove(out, { recursive: true }).catch(() => {});
    throw error;
  }
}

async function verify(check: ReleaseDirCheck): Promise<void> {
  const report = await checkReleaseDir(check);
  if (report.problems.length > 0) {
    throw new VerificationError(
      `Cannot vouch for the release in "${check.dir}" (${report.problems.length} problem` +
        `${report.problems.length === 1 ? "" : "s"}):\n  ${report.problems.join("\n  ")}`,
    );
  }
}

async function verifyCommand(values: Options): Promise<void> {
  if (values.dir === undefined) throw new UsageError("Cannot verify: --dir DIR");
  const version = values.version === undefined ? undefined : releaseVersion(values.version);
  const channels = values.channel === undefined ? [] : [channelOf(values.channel)];
  const pmv = values["previous-manifest-version"];
  await verify({
    dir: values.dir,
    roots: await loadRoots(values.roots),
    now: Date.now(),
    forgeVersion: VERSION,
    previousManifestVersion: pmv === undefined
      ? undefined
      : positiveInt(pmv, "previous-manifest-version"),
    release: version === undefined ? undefined : { version, channels },
  });
  console.log(`verified: ${values.dir}`);
}

const EXIT: Readonly<Record<string, number>> = { USAGE: 2, NOT_FOUND: 3, VERIFICATION: 4 };

async function main(args: readonly string[]): Promise<number> {
  try {
    const { command, values } = parseReleaseArgs(args);
    if (values.help || args.length === 0) {
      console.log(USAGE);
      return 0;
    }
    if (command === "build") await build(values);
    else if (command === "resign") await resign(values);
    else if (command === "verify") await verifyCommand(values);
    else throw new UsageError(`Cannot run "${command}": use build, resign or verify`);
    return 0;
  } catch (error) {
    if (!(error instanceof ForgeError)) throw error;
    console.error(`release: ${error.message}`);
    if (error.hint !== undefined) console.error(`hint: ${error.hint}`);
    return EXIT[error.code] ?? 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
