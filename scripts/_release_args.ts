/**
 * The command line of scripts/release.ts: its usage text, options and value checks.
 */
import { parseArgs } from "node:util";
import { UsageError } from "../src/domain/mod.ts";
import { CHANNEL } from "../src/cli/version.ts";
import type { Channel } from "./_release_manifest.ts";
import { SIGNING_KEY_ENV } from "./_release_io.ts";

/** `--help`. */
export const USAGE = `Usage:
  deno run -A scripts/release.ts [build] --version V [--channel stable|beta] [--dist dist]
      [--out release] [--previous FILE|URL] [--base-url URL] [--expires-days 60]
      [--keys keys.json] [--roots roots.json] [--min-supported V] [--notes URL]
      [--allow-older] [--trust-previous]
  deno run -A scripts/release.ts resign --previous FILE|URL [--out release] [--expires-days 60]
      [--keys keys.json] [--roots roots.json] [--trust-previous]
  deno run -A scripts/release.ts verify --dir DIR [--version V] [--channel C]
      [--previous-manifest-version N] [--roots roots.json]

build   dist/forge-<target>[.exe] for every target → OUT/: the binaries, SHA256SUMS,
        manifest.json (+ .sig), keys.json (+ .sig) when --keys is given.
resign  the previous manifest again with manifest_version + 1 and a fresh expires_at.
verify  a release directory (e.g. downloaded back from the draft release).

${SIGNING_KEY_ENV} (build, resign): base64 PKCS #8 Ed25519 private key.
FORGE_RELEASE_KEYS_JSON: default for --keys. --roots: JSON array of {key_id, public_key};
default: the root keys embedded in FORGE (src/update/trusted_keys.ts).`;

const OPTIONS = {
  version: { type: "string" },
  channel: { type: "string" },
  dist: { type: "string", default: "dist" },
  out: { type: "string", default: "release" },
  dir: { type: "string" },
  previous: { type: "string" },
  "base-url": { type: "string" },
  "expires-days": { type: "string", default: "60" },
  keys: { type: "string" },
  roots: { type: "string" },
  "min-supported": { type: "string" },
  notes: { type: "string" },
  "previous-manifest-version": { type: "string" },
  "allow-older": { type: "boolean", default: false },
  "trust-previous": { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const;

/** Parsed options (all commands share one set). */
export type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];

/**
 * Parses the command line.
 *
 * @param args the arguments after the script
 * @returns the command (`build` when none is named) and the options
 * @throws {UsageError} for an unknown option or a stray argument
 */
export function parseReleaseArgs(args: readonly string[]): { command: string; values: Options } {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: OPTIONS,
      allowPositionals: true,
    });
    if (positionals.length > 1) throw new Error(`unexpected "${positionals[1]}"`);
    return { command: positionals[0] ?? "build", values };
  } catch (cause) {
    throw new UsageError(`Cannot parse arguments: ${(cause as Error).message}`, { cause });
  }
}

/**
 * A release channel, by default the one src/cli/version.ts names.
 *
 * @param text `--channel`
 * @returns the channel
 * @throws {UsageError} for any other name
 */
export function channelOf(text: string | undefined): Channel {
  const channel = text ?? CHANNEL;
  if (channel !== "stable" && channel !== "beta") {
    throw new UsageError(`Cannot release on channel "${channel}": use stable or beta`);
  }
  return channel;
}

/**
 * A whole number ≥ 1 given to a flag.
 *
 * @param text the flag's value
 * @param flag its name, for the message
 * @returns the number
 * @throws {UsageError} otherwise
 */
export function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(`Cannot use --${flag} "${text}": expected a whole number ≥ 1`);
  }
  return n;
}
