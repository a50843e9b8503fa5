/**
 * Real processes on a private tmux server. Every `run` (also with `clearEnv`) gets this sandbox's
 * TMUX_TMPDIR and loses TMUX, so neither FORGE nor the launchers it starts can reach the user's
 * tmux server or another test's. Disposing kills the server and removes its folder.
 */
import type { Processes, RunOptions, RunResult } from "../../src/domain/mod.ts";
import { denoProcesses } from "../../src/platform/mod.ts";

/** A private tmux server and the Processes port bound to it. */
export interface TmuxSandbox extends AsyncDisposable {
  /** The TMUX_TMPDIR of the private server. */
  readonly dir: string;
  /** denoProcesses, with TMUX_TMPDIR injected into every run. */
  readonly processes: Processes;
  /** The test's environment without TMUX, with TMUX_TMPDIR: a base for launcher environments. */
  readonly env: Readonly<Record<string, string>>;
  /** Runs tmux against the private server. */
  tmux(args: readonly string[]): Promise<RunResult>;
  /** A session or worker name no other test uses. */
  uniqueName(prefix: string): string;
}

let counter = 0;

/**
 * Creates a sandbox; use it with `await using`.
 *
 * @returns the sandbox
 */
export async function tmuxSandbox(): Promise<TmuxSandbox> {
  const dir = await Deno.makeTempDir({ prefix: "forge_tmux_" });
  const inherited = Deno.env.toObject();
  delete inherited["TMUX"];
  const env = { ...inherited, TMUX_TMPDIR: dir };
  const isolate = (options: RunOptions = {}): RunOptions => {
    const base = options.clearEnv === true ? { ...options.env } : { ...inherited, ...options.env };
    delete base["TMUX"];
    return { ...options, env: { ...base, TMUX_TMPDIR: dir }, clearEnv: true };
  };
  const processes: Processes = {
    ...denoProcesses,
    run: (command, args, options) => denoProcesses.run(command, args, isolate(options)),
  };
  const tmux = (args: readonly string[]) => processes.run("tmux", args, { timeoutMs: 5_000 });
  return {
    dir,
    processes,
    env,
    tmux,
    uniqueName: (prefix) => `${prefix}-${Deno.pid}-${++counter}`,
    async [Symbol.asyncDispose]() {
      await tmux(["kill-server"]);
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}
