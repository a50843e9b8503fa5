/**
 * A sandbox for running FORGE for real: its own FORGE_HOME, workspace and tmux server (through
 * TMUX_TMPDIR), so tests never touch the user's sessions or each other's, and everything is
 * removed afterwards, tmux server included.
 */
import { join } from "node:path";

const ROOT = new URL("../..", import.meta.url).pathname;

/** Result of one `forge` run. */
export interface ForgeRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A disposable FORGE sandbox. */
export interface ForgeSandbox extends AsyncDisposable {
  readonly root: string;
  readonly home: string;
  readonly workspace: string;
  /** Environment for anything run inside the sandbox (FORGE_HOME, TMUX_TMPDIR, HOME). */
  readonly env: Record<string, string>;
  /** Runs `forge <args>` from source as a child process. */
  forge(
    args: readonly string[],
    options?: {
      readonly cwd?: string;
      readonly env?: Record<string, string>;
      readonly stdin?: string;
    },
  ): Promise<ForgeRun>;
  /** Runs tmux against the sandbox's server. */
  tmux(args: readonly string[]): Promise<ForgeRun>;
}

function denoDir(): string {
  const explicit = Deno.env.get("DENO_DIR");
  if (explicit !== undefined && explicit !== "") return explicit;
  const cache = Deno.env.get("XDG_CACHE_HOME") ?? join(Deno.env.get("HOME") ?? "/root", ".cache");
  return Deno.build.os === "darwin"
    ? join(Deno.env.get("HOME") ?? "", "Library", "Caches", "deno")
    : join(cache, "deno");
}

/**
 * Creates a sandbox.
 *
 * @param name a short label, part of directory names
 * @returns the sandbox; use with `await using`
 */
export async function forgeSandbox(name = "t"): Promise<ForgeSandbox> {
  const root = await Deno.makeTempDir({ prefix: `forge_${name}_` });
  const home = join(root, "home");
  const workspace = join(root, "ws");
  const tmuxDir = join(root, "tmux");
  await Deno.mkdir(home, { recursive: true });
  await Deno.mkdir(workspace, { recursive: true });
  await Deno.mkdir(tmuxDir, { recursive: true });
  const env: Record<string, string> = {
    // HOME changes below; keep Deno's cache where it is, or every run would fetch npm packages again.
    DENO_DIR: denoDir(),
    FORGE_HOME: home,
    TMUX_TMPDIR: tmuxDir,
    HOME: root,
    NO_COLOR: "1",
    FORGE_NO_UPDATE_CHECK: "1",
  };
  const run = async (
    cmd: string,
    args: readonly string[],
    options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
  ) => {
    const childEnv = { ...Deno.env.toObject(), ...env, ...(options.env ?? {}) };
    delete childEnv["TMUX"];
    const child = new Deno.Command(cmd, {
      args: [...args],
      cwd: options.cwd ?? workspace,
      env: childEnv,
      clearEnv: true,
      stdin: options.stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    if (options.stdin !== undefined) {
      const w = child.stdin.getWriter();
      await w.write(new TextEncoder().encode(options.stdin));
      await w.close();
    }
    const out = await child.output();
    const decoder = new TextDecoder();
    return {
      code: out.code,
      stdout: decoder.decode(out.stdout),
      stderr: decoder.decode(out.stderr),
    };
  };
  return {
    root,
    home,
    workspace,
    env,
    forge: (args, options = {}) =>
      run(Deno.execPath(), ["run", "-A", "--quiet", join(ROOT, "main.ts"), ...args], options),
    tmux: (args) => run("tmux", args),
    async [Symbol.asyncDispose]() {
      await run("tmux", ["kill-server"]).catch(() => {});
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
  };
}
