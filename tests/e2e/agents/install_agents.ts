/**
 * The real agent CLIs for the end-to-end tests, installed from npm at pinned exact versions into a
 * cache folder outside the repository on first use (`FORGE_TEST_AGENTS_DIR`, else
 * `$XDG_CACHE_HOME/forge-test-agents`, else `~/.cache/forge-test-agents`). Each package goes into
 * its own folder, installed under a temporary name and renamed when complete, under a lock, so
 * parallel test files install it once and a broken install is never used.
 *
 * Run as a script (`deno task test` does, before the tests, because `deno test --quiet` hides
 * what tests print), it installs whatever is missing and says so.
 */
import { join } from "node:path";

/** An agent CLI the tests run. */
export interface AgentPackage {
  /** npm package name. */
  readonly pkg: string;
  /** Exact version. */
  readonly version: string;
  /** The command in node_modules/.bin. */
  readonly bin: string;
}

/** The pinned CLIs (their facts: ../shared/spec/agents*.md). */
export const AGENT_PACKAGES = {
  "claude-code": { pkg: "@anthropic-ai/claude-code", version: "2.1.328", bin: "claude" },
  codex: { pkg: "@openai/codex", version: "0.169.0", bin: "codex" },
  opencode: { pkg: "opencode-ai", version: "1.18.33", bin: "opencode" },
  gemini: { pkg: "@google/gemini-cli", version: "0.61.0", bin: "gemini" },
} as const satisfies Record<string, AgentPackage>;

/** One of the pinned agents. */
export type AgentName = keyof typeof AGENT_PACKAGES;

function cacheRoot(): string {
  const explicit = Deno.env.get("FORGE_TEST_AGENTS_DIR");
  if (explicit !== undefined && explicit !== "") return explicit;
  const cache = Deno.env.get("XDG_CACHE_HOME") ?? join(Deno.env.get("HOME") ?? "/tmp", ".cache");
  return join(cache, "forge-test-agents");
}

const pending = new Map<string, Promise<string>>();

/**
 * The path of an agent's command, installing it first if needed.
 *
 * @param name the agent
 * @returns the absolute path of its executable
 * @throws {Error} when npm fails (the message has npm's output and what to do)
 */
export function ensureAgent(name: AgentName): Promise<string> {
  const found = pending.get(name);
  if (found !== undefined) return found;
  const promise = install(AGENT_PACKAGES[name]);
  pending.set(name, promise);
  return promise;
}

async function install(p: AgentPackage): Promise<string> {
  const root = cacheRoot();
  const dir = join(root, `${p.pkg.replace("/", "+")}@${p.version}`);
  const bin = join(dir, "node_modules", ".bin", p.bin);
  if (await exists(bin)) return bin;
  await Deno.mkdir(root, { recursive: true });
  const lock = `${dir}.lock`;
  await acquire(lock);
  try {
    if (await exists(bin)) return bin;
    // Half-done installs of runs that died are of no use.
    const stem = `${dir.slice(root.length + 1)}.tmp-`;
    for await (const e of Deno.readDir(root)) {
      if (e.name.startsWith(stem)) {
        await Deno.remove(join(root, e.name), { recursive: true }).catch(() => {});
      }
    }
    const tmp = `${dir}.tmp-${Deno.pid}`;
    say(`Installing ${p.pkg}@${p.version} into ${root} for the real-agent tests (once)…`);
    const out = await new Deno.Command("npm", {
      args: [
        "install",
        "--prefix",
        tmp,
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        `${p.pkg}@${p.version}`,
      ],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
      throw new Error(
        `Cannot install ${p.pkg}@${p.version} with npm (exit ${out.code}): ${
          new TextDecoder().decode(out.stderr).slice(-2000)
        }\nThese tests need the npm registry once; set FORGE_TEST_AGENTS_DIR to a folder that holds the installs.`,
      );
    }
    await Deno.rename(tmp, dir);
    say(`Installed ${p.pkg}@${p.version}.`);
    return bin;
  } finally {
    await Deno.remove(lock, { recursive: true }).catch(() => {});
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A lock folder (mkdir is atomic) holding the owner's pid. A lock whose owner is gone, or older
 * than 10 minutes, is from a run that died and is taken over.
 */
async function acquire(lock: string): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  while (true) {
    try {
      await Deno.mkdir(lock);
      await Deno.writeTextFile(join(lock, "pid"), String(Deno.pid));
      return;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      if (await stale(lock)) await Deno.remove(lock, { recursive: true }).catch(() => {});
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${lock} (another install?)`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function stale(lock: string): Promise<boolean> {
  const since = (await Deno.stat(lock).catch(() => undefined))?.mtime?.getTime() ?? 0;
  if (Date.now() - since > 10 * 60_000) return true;
  const owner = await Deno.readTextFile(join(lock, "pid")).catch(() => "");
  return owner !== "" && Deno.build.os === "linux" && !(await exists(`/proc/${owner}`));
}

function say(line: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`${line}\n`));
}

if (import.meta.main) {
  // Every install runs to its end (no lock or half-done folder left behind), then failures are told.
  const names = Object.keys(AGENT_PACKAGES) as AgentName[];
  const results = await Promise.allSettled(names.map(ensureAgent));
  const failed = results.filter((r) => r.status === "rejected");
  for (const r of failed) say(`error: ${(r.reason as Error).message}`);
  if (failed.length > 0) Deno.exit(1);
}
