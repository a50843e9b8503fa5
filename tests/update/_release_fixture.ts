/**
 * A local release for updater tests: a test root key, stub binaries per version, and a signed
 * manifest published on a release server; plus a sandbox holding the "installed" forge
 * (bin/forge, a stub) and a FORGE home, and a runner for the test build of FORGE.
 */
import { join } from "node:path";
import { generateKeyPair, signFile } from "../../src/update/mod.ts";
import { type ReleaseServer, startReleaseServer } from "./_release_server.ts";
import { type StubBehaviour, stubBinary } from "./_stub_binary.ts";

const ENTRY = new URL("./_forge_test_build.ts", import.meta.url).pathname;

/** One version to publish. */
export interface Published {
  readonly version: string;
  readonly behaviour?: StubBehaviour;
  /** Publish for these targets only (default: this machine's). */
  readonly targets?: readonly string[];
}

/** A sandbox with a release server, a test key and an installed stub forge. */
export interface UpdateSandbox extends AsyncDisposable {
  readonly root: string;
  readonly bin: string;
  readonly home: string;
  readonly server: ReleaseServer;
  readonly key: { readonly publicKey: string; readonly privateKey: string; readonly keyId: string };
  /** Publishes a signed manifest for these versions. */
  publish(
    versions: readonly Published[],
    options: {
      readonly stable: string;
      readonly manifestVersion: number;
      readonly expiresAt?: string;
    },
  ): Promise<Uint8Array<ArrayBuffer>>;
  /** Runs the test build of FORGE. */
  forge(
    args: readonly string[],
    env?: Record<string, string>,
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  /**
   * Runs the test build of FORGE on a pseudo-terminal (util-linux `script`): stdin, stdout and
   * stderr are a terminal, and `output` is what it showed there (both streams, `\r\n` → `\n`).
   */
  forgeOnTty(
    args: readonly string[],
    env?: Record<string, string>,
  ): Promise<{ code: number; output: string }>;
  /** Starts the test build of FORGE in the background. */
  spawnForge(args: readonly string[], env?: Record<string, string>): Deno.ChildProcess;
  /** The version the installed forge reports. */
  installedVersion(): Promise<string>;
}

/**
 * Creates a sandbox with `installed` as bin/forge.
 *
 * @param installed the version installed at first
 * @returns the sandbox; use with `await using`
 */
export async function updateSandbox(installed: string): Promise<UpdateSandbox> {
  const root = await Deno.makeTempDir({ prefix: "forge_update_" });
  const bin = join(root, "bin", "forge");
  const home = join(root, "home");
  await Deno.mkdir(join(root, "bin"), { recursive: true });
  await Deno.mkdir(home, { recursive: true });
  await Deno.writeFile(bin, stubBinary(installed), { mode: 0o755 });
  const server = startReleaseServer();
  const key = await generateKeyPair();
  const enc = new TextEncoder();
  const env = () => ({
    FORGE_HOME: home,
    FORGE_TEST_EXEC: bin,
    FORGE_TEST_ROOT_KEYS: JSON.stringify([{ key_id: key.keyId, public_key: key.publicKey }]),
    FORGE_UPDATE_BASE_URL: server.url,
    FORGE_NO_UPDATE_CHECK: "1",
    NO_COLOR: "1",
  });
  return {
    root,
    bin,
    home,
    server,
    key,
    async publish(versions, options) {
      const entries: Record<string, unknown> = {};
      for (const v of versions) {
        const bytes = stubBinary(
          v.version,
          v.behaviour === undefined ? {} : { behaviour: v.behaviour },
        );
        const assets: Record<string, unknown> = {};
        for (const target of v.targets ?? [Deno.build.target]) {
          const name = `forge-${v.version}-${target}`;
          server.files.set(`/${name}`, bytes);
          assets[target] = { url: name, size: bytes.length, sha256: await sha256(bytes) };
        }
        entries[v.version] = {
          date: "2026-11-20",
          notes: `https://example.test/notes/${v.version}`,
          assets,
        };
      }
      const manifest = enc.encode(JSON.stringify(
        {
          manifest_version: options.manifestVersion,
          expires_at: options.expiresAt ?? "2030-01-01T00:00:00Z",
          channels: { stable: options.stable },
          versions: entries,
        },
        null,
        2,
      ));
      server.files.set("/manifest.json", manifest);
      server.files.set(
        "/manifest.json.sig",
        enc.encode(JSON.stringify(await signFile(manifest, key.privateKey))),
      );
      return manifest;
    },
    async forge(args, extra = {}) {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--quiet", ENTRY, ...args],
        env: { ...env(), ...extra },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const d = new TextDecoder();
      return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
    },
    async forgeOnTty(args, extra = {}) {
      const line = [Deno.execPath(), "run", "-A", "--quiet", ENTRY, ...args].map(shellQuote);
      const out = await new Deno.Command("script", {
        args: ["-qfec", line.join(" "), "/dev/null"],
        env: { ...env(), ...extra, SHELL: "/bin/sh" },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const d = new TextDecoder();
      const output = d.decode(out.stdout).replaceAll("\r\n", "\n") + d.decode(out.stderr);
      return { code: out.code, output };
    },
    spawnForge(args, extra = {}) {
      return new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--quiet", ENTRY, ...args],
        env: { ...env(), ...extra },
        stdin: "null",
        stdout: "null",
        stderr: "null",
      }).spawn();
    },
    async installedVersion() {
      const out = await new Deno.Command(bin, { args: ["version", "--json"], stdout: "piped" })
        .output();
      return JSON.parse(new TextDecoder().decode(out.stdout)).version;
    },
    async [Symbol.asyncDispose]() {
      await server.close();
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
  };
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The names in a directory, sorted (to check that `bin/` holds only `forge`).
 *
 * @param dir the directory
 * @returns its entries' names
 */
export async function listDir(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) out.push(e.name);
  return out.sort();
}

/**
 * The version a stub (or FORGE) binary reports.
 *
 * @param path the binary
 * @returns what `version --json` says
 */
export async function versionOf(path: string): Promise<string> {
  const out = await new Deno.Command(path, { args: ["version", "--json"], stdout: "piped" })
    .output();
  return JSON.parse(new TextDecoder().decode(out.stdout)).version;
}

/**
 * A loopback URL nothing listens on (a port that was just free).
 *
 * @returns e.g. `http://127.0.0.1:40123`
 */
export function closedPortUrl(): string {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return `http://127.0.0.1:${port}`;
}
