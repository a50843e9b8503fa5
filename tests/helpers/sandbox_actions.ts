/**
 * The CLI's own action context for a worker sandbox (a private FORGE home, workspace and tmux
 * server), with sim workers that never fail: what `forge serve` runs with, for tests that start
 * real workers through the HTTP API.
 */
import { join } from "node:path";
import type { ActionContext } from "../../src/actions/mod.ts";
import { createActionContext } from "../../src/cli/actions.ts";
import { createContext } from "../../src/cli/context.ts";
import { Output } from "../../src/cli/output.ts";
import type { Processes, RunOptions } from "../../src/domain/mod.ts";
import { denoProcesses, envFrom } from "../../src/platform/mod.ts";
import { readAudit, Store } from "../../src/store/mod.ts";
import type { ForgeSandbox } from "./forge_env.ts";
import { FAST_SIM } from "../cli/_workers.ts";

/** Every child process reaches the sandbox's tmux server, never the user's. */
function sandboxProcesses(sb: ForgeSandbox): Processes {
  const inherited = Deno.env.toObject();
  const isolate = (options: RunOptions = {}): RunOptions => {
    const base = options.clearEnv === true ? { ...options.env } : { ...inherited, ...options.env };
    delete base["TMUX"];
    return {
      ...options,
      env: { ...base, TMUX_TMPDIR: sb.env["TMUX_TMPDIR"] ?? "" },
      clearEnv: true,
    };
  };
  return {
    ...denoProcesses,
    run: (cmd, args, options) => denoProcesses.run(cmd, args, isolate(options)),
  };
}

/**
 * The action context of a sandbox.
 *
 * @param sb the sandbox
 * @returns the CLI's action context for its home, working in its workspace
 */
export async function sandboxActions(sb: ForgeSandbox): Promise<ActionContext> {
  await Deno.writeTextFile(
    join(sb.home, "config.yaml"),
    "max_workers: 3\nrouting: {workers: [sim]}\n",
  );
  const out = new Output({
    json: false,
    color: false,
    isTty: false,
    stdout: { write: () => {} },
    stderr: { write: () => {} },
  });
  const cli = createContext({
    config: undefined,
    home: sb.home,
    json: false,
    debug: false,
    color: false,
  }, out);
  const env: Record<string, string> = {
    ...Deno.env.toObject(),
    ...sb.env,
    ...FAST_SIM,
    FORGE_BEAD_STORE: "jsonl",
  };
  delete env["TMUX"];
  return await createActionContext({
    ...cli,
    cwd: sb.workspace,
    env: envFrom(env),
    processes: sandboxProcesses(sb),
  });
}

/**
 * The sandbox's audit trail, oldest first.
 *
 * @param sb the sandbox
 * @returns action, target, interface and outcome of each entry
 */
export function auditOf(
  sb: ForgeSandbox,
): { action: string; target: string; interface: string; outcome: string }[] {
  const store = Store.open(join(sb.home, "forge.db"));
  try {
    return readAudit(store, { since: 0, limit: 1000 }).reverse();
  } finally {
    store.close();
  }
}
