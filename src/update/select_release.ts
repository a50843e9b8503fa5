/**
 * Which release `forge update` installs from a verified manifest, and the notice a yanked or
 * outdated installation shows. Rules: the asset must match the exact target triple; `stable`
 * never sees prereleases and `beta` follows the newer of its head and stable; only strictly newer
 * versions install implicitly; anything older needs `--allow-downgrade`; withdrawn (yanked)
 * versions are never offered. Pure.
 */
import { semver } from "./_semver.ts";
import { RELEASES_URL } from "./release_source.ts";
import type { ReleaseAsset, ReleaseEntry, ReleaseManifest } from "./manifest_schema.ts";

/** A release channel. */
export type Channel = "stable" | "beta";

/** What {@link selectRelease} decides from. */
export interface SelectReleaseInput {
  readonly manifest: ReleaseManifest;
  /** The running FORGE's version. */
  readonly current: string;
  readonly channel: Channel;
  /** `--version X`: exactly this version (a leading `v` is allowed). */
  readonly requested?: string | undefined;
  /** `--allow-downgrade`: an older version may replace the current one. */
  readonly allowDowngrade: boolean;
  /** `Deno.build.target` of the running FORGE. */
  readonly target: string;
}

/** The decision. */
export type ReleaseSelection =
  | { readonly kind: "up-to-date"; readonly message: string }
  | {
    readonly kind: "install";
    readonly version: string;
    readonly asset: ReleaseAsset;
    readonly notes: string;
    /** The version is older than the current one (allowed by `--allow-downgrade`). */
    readonly downgrade: boolean;
  }
  | {
    readonly kind: "refuse";
    /** `usage` → exit 2, `no-build` → exit 3, `unknown-version` → the version cannot be had. */
    readonly reason: "usage" | "no-build" | "unknown-version";
    readonly message: string;
  };

type Refusal = Extract<ReleaseSelection, { kind: "refuse" }>;

function refuse(reason: Refusal["reason"], message: string): Refusal {
  return { kind: "refuse", reason, message: `forge update: ${message}` };
}

/**
 * Picks the release to install.
 *
 * @param input the verified manifest, current version, channel, flags and target
 * @returns up to date (with why), the version and asset to install, or a refusal with its message
 */
export function selectRelease(input: SelectReleaseInput): ReleaseSelection {
  const { manifest, current, channel } = input;
  if (semver.valid(current) === null) {
    return refuse(
      "unknown-version",
      `this forge's version "${current}" is not a release version; install a release from ` +
        `${RELEASES_URL}`,
    );
  }
  if (input.requested !== undefined) return selectRequested(input, input.requested);
  const head = channelHead(manifest, channel);
  if (head === undefined) {
    return refuse("unknown-version", `the ${channel} channel has no release. Nothing was changed.`);
  }
  if (semver.gt(head, current)) return install(input, head, false);
  if (semver.eq(head, current)) return { kind: "up-to-date", message: upToDate(current) };
  if (input.allowDowngrade) return install(input, head, true);
  const message = channel === "stable" && semver.prerelease(current) !== null
    ? `forge ${current} is newer than the latest stable (${head}); staying on it until stable ` +
      "catches up. To switch now: forge update --channel stable --allow-downgrade"
    : `${upToDate(current)} The server's ${channel} release is ${head}, which is older. ` +
      `To install it anyway: forge update --version ${head} --allow-downgrade`;
  return { kind: "up-to-date", message };
}

function selectRequested(input: SelectReleaseInput, requested: string): ReleaseSelection {
  const { manifest, current } = input;
  const version = semver.valid(requested.replace(/^v/, ""));
  if (version === null) {
    return refuse(
      "usage",
      `"--version ${requested}" is not a version number (expected MAJOR.MINOR.PATCH, such ` +
        "as 1.4.0).",
    );
  }
  const entry = manifest.versions[version];
  if (entry === undefined || entry.yanked) {
    const why = entry === undefined ? "is not in the release manifest" : "was withdrawn";
    return refuse(
      "unknown-version",
      `forge ${version} ${why} (available: ${available(manifest)}). Nothing was changed.`,
    );
  }
  if (semver.eq(version, current)) return { kind: "up-to-date", message: upToDate(current) };
  const downgrade = semver.lt(version, current);
  if (downgrade && !input.allowDowngrade) {
    return refuse(
      "usage",
      `forge ${version} is older than the installed ${current}. To install it anyway: ` +
        `forge update --version ${version} --allow-downgrade`,
    );
  }
  return install(input, version, downgrade);
}

function install(input: SelectReleaseInput, version: string, downgrade: boolean): ReleaseSelection {
  const entry = input.manifest.versions[version] as ReleaseEntry;
  const asset = entry.assets[input.target];
  if (asset === undefined) {
    const targets = Object.keys(entry.assets).sort().join(", ") || "none";
    return refuse(
      "no-build",
      `forge ${version} has no build for ${input.target} (available: ${targets}). ` +
        "Nothing was changed.",
    );
  }
  return { kind: "install", version, asset, notes: entry.notes, downgrade };
}

/**
 * The one-line notice for an installation that should move: a newer release on its channel, or
 * (when nothing newer exists) the way back from a withdrawn current version.
 *
 * @param manifest the verified manifest
 * @param current the running FORGE's version
 * @param channel the installation's channel
 * @param skipped versions the user rolled back from (no notice for them)
 * @returns the notice without newline, or undefined when there is nothing to say
 */
export function noticeFor(
  manifest: ReleaseManifest,
  current: string,
  channel: Channel,
  skipped: readonly string[] = [],
): string | undefined {
  const head = channelHead(manifest, channel);
  if (head === undefined || semver.valid(current) === null) return undefined;
  if (semver.gt(head, current)) {
    if (skipped.includes(head)) return undefined;
    const notes = manifest.versions[head]?.notes ?? "";
    return `A new release of forge is available: ${current} → ${head} (${channel}). ` +
      `Run 'forge update'. Notes: ${notes}`;
  }
  if (manifest.versions[current]?.yanked === true && semver.lt(head, current)) {
    return `forge ${current} was withdrawn; run 'forge update --allow-downgrade' to return ` +
      `to ${head}.`;
  }
  return undefined;
}

/**
 * The version a channel offers: its head (for beta, the newer of beta and stable), or when that
 * one was withdrawn, the newest version below it that was not and suits the channel.
 */
function channelHead(manifest: ReleaseManifest, channel: Channel): string | undefined {
  const stable = manifest.channels.stable;
  const beta = manifest.channels.beta;
  const head = channel === "beta" && beta !== undefined && semver.gt(beta, stable) ? beta : stable;
  if (manifest.versions[head]?.yanked === false) return head;
  return Object.entries(manifest.versions)
    .filter(([version, entry]) =>
      !entry.yanked && semver.lt(version, head) &&
      (channel === "beta" || semver.prerelease(version) === null)
    )
    .map(([version]) => version)
    .sort(semver.rcompare)[0];
}

/** The offered versions, newest first, at most ten. */
function available(manifest: ReleaseManifest): string {
  const versions = Object.entries(manifest.versions)
    .filter(([, entry]) => !entry.yanked)
    .map(([version]) => version)
    .sort(semver.rcompare);
  const shown = versions.slice(0, 10).join(", ") || "none";
  return versions.length > 10 ? `${shown}, …` : shown;
}

function upToDate(current: string): string {
  return `forge is up to date (${current}).`;
}
