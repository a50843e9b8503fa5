/**
 * `--serve [host:]port` on `forge run`, `forge`/`forge dashboard` and `forge demo`: the status
 * server in the same process as the engine, reading its state directly. The token comes from
 * `FORGE_SERVE_TOKEN` (a flag would show it in the process list); the address is checked before
 * anything starts.
 */
import type { ActionContext } from "../../actions/mod.ts";
import type { ActivityLine, FleetRole } from "../../domain/mod.ts";
import type { EngineState } from "../../orchestrator/mod.ts";
import type { CliContext } from "../context.ts";
import { parseServeAddress, type ServeAddress, serveToken } from "./_serve_address.ts";
import { type ServeSession, startServeSession } from "./_serve_session.ts";

/** A checked `--serve`: where to listen and the token. */
export interface ServePlan {
  readonly address: ServeAddress;
  readonly token: string | undefined;
}

/**
 * Checks `--serve` before anything starts.
 *
 * @param ctx the CLI context (for FORGE_SERVE_TOKEN)
 * @param value the flag's value: true without an address, undefined when not given
 * @returns the plan, or undefined without `--serve`
 * @throws {UsageError} for an unreadable address, or one beyond loopback without a token
 */
export function planServe(
  ctx: CliContext,
  value: string | true | undefined,
): ServePlan | undefined {
  if (value === undefined) return undefined;
  const address = parseServeAddress(value);
  return {
    address,
    token: serveToken(address, { flag: undefined, env: ctx.env.get("FORGE_SERVE_TOKEN") }),
  };
}

/**
 * Starts the server beside the engine and says where it is.
 *
 * @param ctx the CLI context
 * @param actions the action context of the home served
 * @param input the plan, the role, the workspaces and the engine's state
 * @returns the session
 */
export async function serveBeside(
  ctx: CliContext,
  actions: ActionContext,
  input: {
    readonly plan: ServePlan;
    readonly role: FleetRole;
    readonly workspaces: readonly string[];
    readonly engine?: () => EngineState | undefined;
    readonly engineLines?: () => readonly ActivityLine[];
    readonly orchestratorPid?: number;
  },
): Promise<ServeSession> {
  const { plan, ...rest } = input;
  const session = await startServeSession(actions, {
    ...rest,
    address: plan.address,
    token: plan.token,
    anyPort: "--serve 127.0.0.1:0",
    onError: await errorLog(),
  });
  announceServer(ctx, session);
  return session;
}

/**
 * Says where the server listens: one line on stderr, and with `--json` one JSON line
 * `{url, port, read_only}` on stdout (how scripts find the port chosen for port 0).
 *
 * @param ctx the CLI context
 * @param session the running server
 * @param note more words for the stderr line (what this process does)
 * @returns the stderr line
 */
export function announceServer(ctx: CliContext, session: ServeSession, note = ""): string {
  const mode = session.readOnly ? "read-only" : "actions need the token";
  const line = `serving ${session.url} (${mode})${note}`;
  if (ctx.globals.json) {
    ctx.out.printJson({ url: session.url, port: session.port, read_only: session.readOnly });
  }
  ctx.out.info(line);
  return line;
}

/**
 * Where the server's own failures go: FORGE's log.
 *
 * @returns a function that logs one
 */
export async function errorLog(): Promise<(error: unknown) => void> {
  const { getLogger } = await import("@logtape/logtape");
  const log = getLogger(["forge", "serve"]);
  return (error) => log.error("request failed: {error}", { error: String(error) });
}
