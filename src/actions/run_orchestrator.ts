/**
 * `forge run` (and the demo, and the dashboard's engine): takes the orchestrator lock, opens the
 * store, works out the worker types and workspaces, and runs the engine until it is asked to stop.
 */
import type { Random, WatchPaths } from "../domain/mod.ts";
import type { EnginePorts, EngineState } from "../orchestrator/mod.ts";
import { runEngine } from "../orchestrator/mod.ts";
import { Store } from "../store/mod.ts";
import { loadWorkerConfigs, Tmux } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { engineSettings, routableWorkers } from "./_engine_settings.ts";
import { createEnginePorts } from "./engine_ports.ts";
import { ingestLogs } from "./ingest_logs.ts";
import { acquireOrchestratorLock } from "./orchestrator_lock.ts";

/** How to run. */
export interface RunOrchestratorOptions {
  /** Absolute workspace paths to serve. */
  readonly workspaces: readonly string[];
  readonly random: Random;
  readonly watch: WatchPaths;
  readonly pid: number;
  /** Aborting stops the engine (or drains it, when `drain()` says so at that moment). */
  readonly signal: AbortSignal;
  readonly drain?: () => boolean;
  readonly onState?: EnginePorts["onState"];
  readonly onError?: EnginePorts["onError"];
  /** Full rescan period (default 5 s). */
  readonly rescanMs?: number;
}

/**
 * Runs the orchestrator until stopped.
 *
 * @param ctx the action context
 * @param options workspaces, ports, stop signal and observers
 * @returns the engine's final state
 * @throws {ForgeError} when another orchestrator runs on this home, or no worker type is usable
 */
export async function runOrchestrator(
  ctx: ActionContext,
  options: RunOrchestratorOptions,
): Promise<EngineState> {
  const lock = await acquireOrchestratorLock({ ...ctx, pid: options.pid });
  const store = Store.open(ctx.layout.database);
  try {
    await ingestLogs({ ...ctx, store });
    const set = await loadWorkerConfigs(ctx);
    const workers = routableWorkers(ctx.config, set.entries);
    const settings = engineSettings(ctx.config, { workers, cwd: ctx.cwd });
    const taken = new Set(
      (await ctx.fs.readDir(ctx.layout.status)).map((e) => e.name.replace(/\.json$/, "")),
    );
    for (const s of await new Tmux(ctx.processes).listSessions()) taken.add(s);
    const ports = createEnginePorts({
      ...ctx,
      store,
      workspaces: options.workspaces,
      workerConfigs: new Map(workers.map((w) => [w.name, w])),
      watch: options.watch,
      random: options.random,
    }, {
      ...(options.onState === undefined ? {} : { onState: options.onState }),
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    });
    try {
      return await runEngine(ports, {
        settings,
        takenIds: taken,
        signal: options.signal,
        ...(options.drain === undefined ? {} : { drain: options.drain }),
        ...(options.rescanMs === undefined ? {} : { rescanMs: options.rescanMs }),
      });
    } finally {
      ports.close();
    }
  } finally {
    store.close();
    await lock.release();
  }
}
