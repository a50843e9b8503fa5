/**
 * Engine settings from the configuration: limits, the worker types routing may use, the restart
 * policy, and which plans and budget apply.
 */
import { isAbsolute, resolve } from "node:path";
import type { Config, WorkerConfig } from "../domain/mod.ts";
import type { EngineSettings, WorkerType } from "../orchestrator/mod.ts";
import type { WorkerConfigEntry } from "../workers/mod.ts";

/**
 * The worker configs the orchestrator may start: `routing.workers` when set, else the user's own
 * (FORGE_HOME/workers), else the simulated worker.
 *
 * @param config the configuration
 * @param entries every loaded worker config
 * @returns the chosen configs
 */
export function routableWorkers(
  config: Config,
  entries: ReadonlyMap<string, WorkerConfigEntry>,
): WorkerConfig[] {
  const named = config.routing.workers;
  if (named.length > 0) return named.flatMap((n) => entries.get(n)?.config ?? []);
  const own = [...entries.values()].filter((e) => e.source === "home").map((e) => e.config);
  if (own.length > 0) return own;
  const sim = entries.get("sim")?.config;
  return sim === undefined ? [] : [sim];
}

function typeOf(w: WorkerConfig): WorkerType {
  const p = w.cost_per_million_tokens;
  return {
    name: w.name,
    model: w.model,
    models: w.models,
    tier: w.tier,
    pricePerMillion: p === undefined ? 0 : p.input + p.output,
    maxWorkers: w.max_workers,
  };
}

/**
 * Builds the engine's settings.
 *
 * @param config the configuration
 * @param options worker configs to route to, workspaces (absolute) and the working directory
 * @returns the settings
 */
export function engineSettings(
  config: Config,
  options: { readonly workers: readonly WorkerConfig[]; readonly cwd: string },
): EngineSettings {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(options.cwd, p));
  const r = config.recovery;
  return {
    maxWorkers: config.max_workers,
    workspaceMaxWorkers: new Map(
      config.workspaces.filter((w) => w.max_workers !== undefined).map((
        w,
      ) => [abs(w.path), w.max_workers as number]),
    ),
    workspacePriority: new Map(config.workspaces.map((w) => [abs(w.path), w.priority])),
    workerTypes: options.workers.map(typeOf),
    restart: {
      baseMs: r.restart_base_seconds * 1000,
      maxMs: r.restart_max_seconds * 1000,
      maxFailures: r.max_failures,
      windowMs: r.failure_window_minutes * 60_000,
    },
    payPerTokenAllowed: true,
    defaultParkMs: r.park_minutes * 60_000,
  };
}
