/**
 * Builds the next `manifest.json` from the previous one: a new version (or only a fresh expiry),
 * `manifest_version` one higher, channels moved forward only. Keys this script does not know are
 * carried over untouched, so an older release script never drops what a newer one wrote.
 */
// @ts-types="@types/semver"
import * as semver from "semver";
import { UsageError } from "../src/domain/mod.ts";
import type { ReleaseManifest } from "../src/update/manifest_schema.ts";
import type { Artifact } from "./_release_artifacts.ts";

/** A JSON object as read from disk. */
export type JsonObject = { readonly [key: string]: unknown };

/** Release channels, in the manifest's `channels` object. */
export type Channel = "stable" | "beta";

/** The manifest a release builds on: its raw JSON (kept verbatim) and its validated reading. */
export interface PreviousManifest {
  readonly raw: JsonObject;
  readonly manifest: ReleaseManifest;
}

/** What is being released. */
export interface NewRelease {
  readonly version: string;
  readonly channel: Channel;
  readonly artifacts: readonly Artifact[];
  /** Asset URLs are `<baseUrl>/<file name>`. */
  readonly baseUrl: string;
  /** Release notes page. */
  readonly notes: string;
  /** The oldest FORGE that may update straight to this version, when there is such a limit. */
  readonly minSupported: string | undefined;
  /** Accept a version that is not newer than the channel's current one (channels then stay). */
  readonly allowOlder: boolean;
}

/** When the manifest is made and how long it stays valid. */
export interface Freshness {
  /** Epoch ms. */
  readonly now: number;
  readonly expiresDays: number;
}

/** The next manifest and which channels now point at the new version. */
export interface NextManifest {
  readonly manifest: JsonObject;
  readonly moved: readonly Channel[];
}

const DAY_MS = 86_400_000;
const PLAIN_SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/**
 * Normalises a release version: strips a leading `v`, requires `MAJOR.MINOR.PATCH[-pre]`.
 *
 * @param text the version or tag (`1.5.0`, `v1.5.0-beta.2`)
 * @returns the version without `v`
 * @throws {UsageError} when it is not such a version
 */
export function releaseVersion(text: string): string {
  const version = text.startsWith("v") ? text.slice(1) : text;
  if (!PLAIN_SEMVER.test(version) || semver.valid(version) === null) {
    throw new UsageError(
      `Cannot release version "${text}": not a semantic version MAJOR.MINOR.PATCH[-prerelease]`,
    );
  }
  return version;
}

/**
 * The manifest with a new release added.
 *
 * @param previous the current manifest, or undefined for the first release
 * @param release what is released
 * @param fresh the clock and validity period
 * @returns the next manifest and the channels that moved
 * @throws {UsageError} for a prerelease on stable, a version already published, or (without
 *   `allowOlder`) a version not newer than the channel's current one
 */
export function addRelease(
  previous: PreviousManifest | undefined,
  release: NewRelease,
  fresh: Freshness,
): NextManifest {
  const current: ChannelHeads = previous?.manifest.channels ?? {};
  checkReleasable(previous, current, release);
  const { version, channel } = release;
  // Beta clients get the newer of beta and stable, so beta moves only past both.
  const newer = (...heads: (string | undefined)[]) =>
    heads.every((head) => head === undefined || semver.gt(version, head));
  const moved = [
    ...(channel === "stable" && newer(current.stable) ? ["stable" as const] : []),
    ...(newer(current.stable, current.beta) ? ["beta" as const] : []),
  ];
  const channels: Record<string, unknown> = { ...asObject(previous?.raw["channels"]) };
  for (const c of moved) channels[c] = version;
  return {
    manifest: {
      ...previous?.raw,
      manifest_version: (previous?.manifest.manifest_version ?? 0) + 1,
      expires_at: expiresAt(fresh),
      channels,
      versions: { ...asObject(previous?.raw["versions"]), [version]: versionEntry(release, fresh) },
    },
    moved,
  };
}

type ChannelHeads = { readonly [c in Channel]?: string | undefined };

function checkReleasable(
  previous: PreviousManifest | undefined,
  current: ChannelHeads,
  release: NewRelease,
): void {
  const { version, channel } = release;
  if (channel === "stable" && semver.prerelease(version) !== null) {
    throw new UsageError(
      `Cannot release ${version} on the stable channel: it is a prerelease (use --channel beta)`,
    );
  }
  if (previous === undefined && channel !== "stable") {
    throw new UsageError(
      `Cannot release ${version} on ${channel}: the first release must be stable`,
      { hint: "a manifest always names a stable version; release a stable version first" },
    );
  }
  if (previous !== undefined && Object.hasOwn(previous.manifest.versions, version)) {
    throw new UsageError(`Cannot release ${version}: the manifest already lists it`, {
      hint: "published versions never change; release a new version",
    });
  }
  const floors = (channel === "stable" ? ["stable"] as const : ["stable", "beta"] as const)
    .flatMap((c) => current[c] === undefined ? [] : [[c, current[c]] as const]);
  const notNewer = floors.find(([, v]) => !semver.gt(version, v));
  if (notNewer !== undefined && !release.allowOlder) {
    throw new UsageError(
      `Cannot release ${version} on ${channel}: it is not newer than the current ` +
        `${notNewer[0]} release ${notNewer[1]}`,
      { hint: "--allow-older adds it to the manifest without moving any channel" },
    );
  }
}

/**
 * The same manifest, re-issued: `manifest_version` one higher and a fresh `expires_at`.
 *
 * @param previous the current manifest
 * @param fresh the clock and validity period
 * @returns the next manifest
 */
export function renewManifest(previous: PreviousManifest, fresh: Freshness): JsonObject {
  return {
    ...previous.raw,
    manifest_version: previous.manifest.manifest_version + 1,
    expires_at: expiresAt(fresh),
  };
}

/**
 * The exact bytes to publish and sign.
 *
 * @param manifest the manifest
 * @returns pretty-printed JSON with a final newline
 */
export function manifestText(manifest: JsonObject): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function versionEntry(release: NewRelease, fresh: Freshness): JsonObject {
  const base = release.baseUrl.replace(/\/+$/, "");
  return {
    date: new Date(fresh.now).toISOString().slice(0, 10),
    notes: release.notes,
    ...(release.minSupported === undefined ? {} : { min_supported: release.minSupported }),
    yanked: false,
    assets: Object.fromEntries(
      release.artifacts.map((a) => [a.target, {
        url: `${base}/${a.name}`,
        size: a.size,
        sha256: a.sha256,
      }]),
    ),
  };
}

function expiresAt(fresh: Freshness): string {
  return new Date(fresh.now + fresh.expiresDays * DAY_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function asObject(value: unknown): JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as JsonObject
    : {};
}
