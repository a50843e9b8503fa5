/**
 * `forge run`: the headless orchestrator (CI, servers, systemd). It prints one line per thing it
 * does (JSON lines with --json). Ctrl+C stops spawning and leaves workers running; with --drain it
 * waits for running beads first (a second Ctrl+C stops at once). `--serve` adds the status page,
 * served from the engine's own process.
 */
import { runOrchestrator } from "../../actions/mod.ts";
import type { EngineState } from "../../orchestrator/mod.ts";
import { systemRandom, watchPaths } from "../../platform/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { describeEffect, effectJson } from "../engine_log.ts";
import { resolveWorkspaces } from "../workspaces.ts";
import { planServe, serveBeside } from "./_serve_beside.ts";
import type { ServeSession } from "./_serve_session.ts";

/** Flags of `forge run`. */
export interface RunInput {
  readonly workspaces: readonly string[];
  readonly drain: boolean;
  /** `--serve [host:]port`: true without an address. */
  readonly serve?: string | true | undefined;
}

/**
 * Runs the orchestrator until interrupted.
 *
 * @param ctx the CLI context
 * @param input flags
 * @returns exit code 0
 */
export async function runRun(ctx: CliContext, input: RunInput): Promise<number> {
  const serve = planServe(ctx, input.serve);
  const actions = await createActionContext(ctx);
  const workspaces = await resolveWorkspaces(ctx, {
    flags: input.workspaces,
    config: actions.config,
    purpose: "orchestrate",
  });
  const stop = new AbortController();
  let interrupts = 0;
  let drain = input.drain;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) drain = false;
    stop.abort();
    if (interrupts === 1) {
      ctx.out.info(
        drain ? "draining: waiting for running beads (Ctrl+C again to stop now)…" : "stopping…",
      );
    }
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  if (!ctx.globals.json) {
    ctx.out.info(
      `orchestrating ${workspaces.join(", ")} (max ${actions.config.max_workers} workers)`,
    );
  }
  let latest: EngineState | undefined;
  let server: ServeSession | undefined;
  try {
    if (serve !== undefined) {
      server = await serveBeside(ctx, actions, {
        plan: serve,
        role: "orchestrator",
        workspaces,
        engine: () => latest,
      });
    }
    const final = await runOrchestrator(actions, {
      workspaces,
      random: systemRandom,
      watch: watchPaths,
      pid: ctx.runtime.pid,
      signal: stop.signal,
      drain: () => drain,
      onState: (state, effects) => {
        latest = state;
        for (const e of effects) {
          if (ctx.globals.json) ctx.out.printJson(effectJson(e, ctx.clock.now()));
          else {
            const line = describeEffect(e);
            if (line !== undefined) {
              ctx.out.print(`${new Date(ctx.clock.now()).toISOString().slice(11, 19)} ${line}`);
            }
          }
        }
      },
      onError: (effect, error) =>
        ctx.out.warn(`${effect.kind} failed: ${(error as Error).message}`),
    });
    const left = [...final.workers.keys()];
    if (left.length > 0 && !ctx.globals.json) {
      ctx.out.info(
        `left ${left.length} worker${left.length === 1 ? "" : "s"} running (${
          left.join(", ")
        }); the next \`forge run\` adopts them, \`forge kill --all\` stops them`,
      );
    }
  } finally {
    await server?.stop();
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
  }
  return 0;
}
