/**
 * `forge serve`: the status page, JSON API, live events and Prometheus metrics of this FORGE
 * home, until Ctrl+C or SIGTERM. It observes: the orchestrator is another process (`forge run`,
 * or `--serve` on it, serves the same from the engine's own process). Loopback only unless a
 * token is set; actions need the token.
 */
import { runningOrchestrator } from "../../actions/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { resolveWorkspaces } from "../workspaces.ts";
import { parsePort, serveToken } from "./_serve_address.ts";
import { announceServer, errorLog } from "./_serve_beside.ts";
import { startServeSession } from "./_serve_session.ts";

/** Flags of `forge serve`. */
export interface ServeInput {
  readonly host: string;
  readonly port: string;
  readonly token: string | undefined;
  readonly workspaces: readonly string[];
}

/**
 * Runs the status server until interrupted.
 *
 * @param ctx the CLI context
 * @param input flags
 * @returns exit code 0
 * @throws {UsageError} for a bad port, or a non-loopback host without a token (before binding)
 * @throws {ForgeError} CONFLICT when the port is in use
 */
export async function runServe(ctx: CliContext, input: ServeInput): Promise<number> {
  const address = { host: input.host, port: parsePort(input.port) };
  const token = serveToken(address, { flag: input.token, env: ctx.env.get("FORGE_SERVE_TOKEN") });
  const actions = await createActionContext(ctx);
  const workspaces = input.workspaces.length > 0
    ? await resolveWorkspaces(ctx, {
      flags: input.workspaces,
      config: actions.config,
      purpose: "observe",
    })
    : await resolveWorkspaces(ctx, { flags: [], config: actions.config, purpose: "observe" })
      .catch(() => []);
  const other = await runningOrchestrator(actions);
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  try {
    // The snapshot finds the orchestrator itself (and sees it stop and start again).
    const session = await startServeSession(actions, {
      address,
      token,
      role: "observer",
      workspaces,
      onError: await errorLog(),
    });
    announceServer(
      ctx,
      session,
      other === undefined
        ? "; observing only: no orchestrator runs on this home (start one with forge run)"
        : `; observing the orchestrator of pid ${other} (forge serve does not orchestrate)`,
    );
    await stopped;
    await session.stop();
  } finally {
    Deno.removeSignalListener("SIGINT", stop);
    Deno.removeSignalListener("SIGTERM", stop);
  }
  return 0;
}
