/**
 * Shared parts of the launchWorker() tests: a fake clock, tiny bash launchers and a LaunchSpec.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type Clock, toWorkerId } from "../../src/domain/mod.ts";
import { LaunchError, type LaunchSettings, type LaunchSpec } from "../../src/workers/mod.ts";

/** A clock whose sleep returns at once and moves time on; it records every sleep. */
export function fakeClock(): Clock & { readonly sleeps: number[] } {
  let now = 1_771_289_122_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep(ms) {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

/** One attempt, a short verification, a 10 s hard limit. */
export const SETTINGS: LaunchSettings = {
  timeoutMs: 10_000,
  retries: 0,
  backoffMs: 100,
  verifyMs: 300,
};

/**
 * Writes an executable bash launcher.
 *
 * @param dir where
 * @param name file name
 * @param body the script after `set -u`
 * @returns its path
 */
export async function writeLauncher(dir: string, name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await Deno.writeTextFile(path, `#!/usr/bin/env bash\nset -u\n${body}\n`);
  await Deno.chmod(path, 0o755);
  return path;
}

/**
 * A launch of worker `lw-alpha` with model `sonnet` and only PATH in its environment.
 *
 * @param executable the launcher
 * @param workspace its working directory
 * @param fields overrides
 * @returns the spec
 */
export function spec(
  executable: string,
  workspace: string,
  fields: Partial<LaunchSpec> = {},
): LaunchSpec {
  return {
    workerId: toWorkerId("lw-alpha"),
    launcherName: "test",
    executable,
    model: "sonnet",
    workspace,
    beadId: undefined,
    configPath: undefined,
    extraArgs: [],
    env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
    ...fields,
  };
}

/**
 * Awaits a launch that must fail.
 *
 * @param launch the launchWorker() promise
 * @returns the LaunchError it threw
 */
export async function launchError(launch: Promise<unknown>): Promise<LaunchError> {
  try {
    await launch;
  } catch (error) {
    assert.ok(error instanceof LaunchError, `expected a LaunchError, got ${error}`);
    return error;
  }
  throw new assert.AssertionError({ message: "launchWorker() did not fail" });
}

/** Starts `sleep 300` in a tmux session named after --session-name, prints the union JSON. */
export const TMUX_LAUNCHER = `
for a in "$@"; do case "$a" in --session-name=*) s=\${a#*=} ;; esac; done
tmux new-session -d -s "$s" "sleep 300" || exit 1
pid=$(tmux list-panes -t "=$s" -F '#{pane_pid}')
printf '{"worker_id":"%s","pid":%s,"status":"spawned","session":"%s","model":"sonnet"}\\n' "$s" "$pid" "$s"
`;
