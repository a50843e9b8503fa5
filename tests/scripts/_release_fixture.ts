/**
 * Fixtures for the release-tooling tests: runs of the real scripts, a test root key trusted through
 * --roots, fake binaries per target, signed previous manifests, and FORGE's verifier on the output.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { CHANNEL, VERSION } from "../../src/cli/version.ts";
import { type GeneratedKeyPair, generateKeyPair, signFile } from "../../src/update/ed25519.ts";
import { TARGETS } from "../../src/update/manifest_schema.ts";
import type { TrustedKey } from "../../src/update/trusted_keys.ts";
import { verifyRelease, type VerifyReleaseResult } from "../../src/update/verify_manifest.ts";
import { artifactName } from "../../scripts/_release_artifacts.ts";

const REPO = new URL("../..", import.meta.url).pathname;
/** One clock for a test file's runs and checks. */
export const NOW = Date.now();

/** A finished script run. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `scripts/<script>` with Deno, from the repository root. */
export async function run(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Run> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", `scripts/${script}`, ...args],
    cwd: REPO,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: text(output.stdout), stderr: text(output.stderr) };
}

/** A release version just below `version` (no prerelease part). */
export function older(version: string): string {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.-]/).map(Number);
  if (patch > 0) return `${major}.${minor}.${patch - 1}`;
  return minor > 0 ? `${major}.${minor - 1}.0` : `${major - 1}.0.0`;
}

/** A temp dir with a root key, its roots file, fake binaries and an output path. */
export interface Fixture {
  readonly dir: string;
  readonly root: GeneratedKeyPair;
  readonly roots: string;
  readonly dist: string;
  readonly out: string;
}

/** A test root key (trusted through --roots) and one small fake binary per target. */
export async function fixture(dir: string): Promise<Fixture> {
  const root = await generateKeyPair();
  const roots = join(dir, "roots.json");
  await Deno.writeTextFile(roots, JSON.stringify([rootOf(root)]));
  const dist = join(dir, "dist");
  await Deno.mkdir(dist);
  for (const target of TARGETS) {
    await Deno.writeTextFile(join(dist, artifactName(target)), `fake forge for ${target}\n`);
  }
  return { dir, root, roots, dist, out: join(dir, "release") };
}

/** The trusted-key entry of a generated pair. */
export function rootOf(key: GeneratedKeyPair): TrustedKey {
  return { key_id: key.keyId, public_key: key.publicKey };
}

/** `release.ts build` of this source's version from the fixture, signed by `key`. */
export function build(f: Fixture, extra: string[] = [], key = f.root.privateKey): Promise<Run> {
  const args = ["--version", VERSION, "--channel", CHANNEL, "--dist", f.dist, "--out", f.out];
  return run("release.ts", [...args, "--roots", f.roots, ...extra], {
    FORGE_RELEASE_SIGNING_KEY: key,
  });
}

/** FORGE's verifier on a release directory (with its keys.json when present). */
export async function verifyOut(
  out: string,
  roots: readonly TrustedKey[],
): Promise<VerifyReleaseResult> {
  const read = (name: string) => Deno.readFile(join(out, name)).catch(() => undefined);
  const text = async (name: string) => {
    const bytes = await read(name);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  };
  return await verifyRelease({
    manifestBytes: await Deno.readFile(join(out, "manifest.json")),
    manifestSig: await Deno.readTextFile(join(out, "manifest.json.sig")),
    keysBytes: await read("keys.json"),
    keysSig: await text("keys.json.sig"),
    roots,
    seen: { manifestVersion: 0, keysVersion: 0 },
    now: NOW,
    forgeVersion: VERSION,
    mode: "update",
  });
}

/** Asserts the verdict is a success and returns it. */
export function verified(result: VerifyReleaseResult): Extract<VerifyReleaseResult, { ok: true }> {
  assert.ok(result.ok, result.ok ? "" : result.message);
  return result;
}

/** Writes a signed manifest to build on. */
export async function writePrevious(
  dir: string,
  key: GeneratedKeyPair,
  manifest: Record<string, unknown>,
): Promise<string> {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const path = join(dir, "previous.json");
  await Deno.writeTextFile(path, text);
  const sig = await signFile(new TextEncoder().encode(text), key.privateKey);
  await Deno.writeTextFile(`${path}.sig`, JSON.stringify(sig));
  return path;
}

/** An expired manifest (building on it must still work) listing one older stable version. */
export function previousManifest(stable: string, manifestVersion: number): Record<string, unknown> {
  return {
    manifest_version: manifestVersion,
    expires_at: "2020-01-31T00:00:00Z",
    channels: { stable },
    versions: {
      [stable]: {
        date: "2020-01-01",
        notes: "https://example.com/notes",
        yanked: false,
        assets: {
          "x86_64-unknown-linux-gnu": {
            url: "https://example.com/f",
            size: 3,
            sha256: "a".repeat(64),
          },
        },
      },
    },
    x_future: { kept: true },
  };
}

/** The raw JSON of a release directory's manifest. */
export async function manifestOf(out: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(join(out, "manifest.json")));
}

/** Asserts the key appears in neither stdout nor stderr. */
export function assertKeyNotPrinted(result: Run, key: string): void {
  assert.ok(!result.stdout.includes(key) && !result.stderr.includes(key), "private key printed");
}
