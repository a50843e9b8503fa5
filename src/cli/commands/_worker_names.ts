/**
 * The worker configs a user may name when spawning (with their models), and the one spawned when
 * none is named: the first the engine would route to (the configured routing list, else the
 * home's own configs, else `sim`).
 */
import type { ActionContext } from "../../actions/mod.ts";
import { loadWorkerConfigs } from "../../workers/mod.ts";

/** Spawnable worker configs. */
export interface WorkerNames {
  readonly defaultWorker: string | undefined;
  /** Names, sorted. */
  readonly workerTypes: readonly string[];
  /** The same, with each one's model. */
  readonly workerModels: readonly { readonly name: string; readonly model: string | undefined }[];
}

/**
 * Lists them; a worker config that cannot be read is left out (doctor reports it).
 *
 * @param actions the action context
 * @returns the names, their models and the default
 */
export async function workerNames(actions: ActionContext): Promise<WorkerNames> {
  const set = await loadWorkerConfigs(actions).catch(() => undefined);
  const entries = [...(set?.entries.values() ?? [])].sort((a, b) =>
    a.config.name.localeCompare(b.config.name)
  );
  const named = actions.config.routing.workers;
  const own = entries.filter((e) => e.source === "home");
  const first = named[0] ?? own[0]?.config.name ?? (set?.entries.has("sim") ? "sim" : undefined);
  return {
    defaultWorker: first,
    workerTypes: entries.map((e) => e.config.name),
    workerModels: entries.map((e) => ({ name: e.config.name, model: e.config.model })),
  };
}
