/**
 * What a backend is shown of the fleet: a bounded, plain summary built from the snapshot. Text
 * written by others (bead titles, worker fields) is passed as data with control characters
 * removed and lengths capped; it never becomes part of FORGE's own instructions.
 */
import type { FleetSnapshot } from "../domain/mod.ts";
import { formatUsd } from "../domain/mod.ts";
import type { ChatContext } from "./chat_types.ts";
import { clean } from "./fleet_text.ts";

/** Most workers and beads a backend is shown. */
const MAX_WORKERS = 50;
const MAX_TASKS = 30;

/**
 * Builds the context sent with a request.
 *
 * @param snapshot the fleet now
 * @param options the current view and the spawnable worker configs
 * @returns the protocol's context object
 */
export function chatContext(
  snapshot: FleetSnapshot,
  options: { readonly view: string; readonly workerTypes: readonly string[] },
): ChatContext {
  const workers = snapshot.workers.slice(0, MAX_WORKERS).map((w) => ({
    id: clean(w.view.id, 80),
    status: w.view.status.state,
    health: w.view.health,
    model: nullable(w.view.status.model, 80),
    worker_type: nullable(w.workerType, 80),
    workspace: nullable(w.workspace, 200),
    bead: nullable(w.view.status.currentTask, 80),
  }));
  const order = { in_progress: 0, ready: 1 } as Record<string, number>;
  const tasks = [...snapshot.tasks]
    .sort((a, b) => (order[a.state] ?? 2) - (order[b.state] ?? 2))
    .slice(0, MAX_TASKS)
    .map((q) => ({
      id: clean(q.bead.id, 80),
      title: clean(q.bead.title, 120),
      priority: q.bead.priority,
      state: q.state,
      workspace: clean(q.workspace, 200),
    }));
  const c = snapshot.counts;
  const today = snapshot.costs?.today.cost_usd;
  const summary = [
    `${snapshot.workers.length} workers`,
    `${c.ready} beads ready, ${c.inProgress} in progress, ${c.blocked} blocked`,
    today === undefined ? undefined : `spent today ${formatUsd(today)}`,
    `${snapshot.alerts.filter((a) => !a.acknowledged).length} open alerts`,
  ].filter((s) => s !== undefined).join("; ");
  return {
    current_view: options.view,
    visible_data: { workers, tasks },
    worker_types: options.workerTypes.map((t) => clean(t, 80)),
    workspaces: snapshot.workspaces.map((w) => clean(w, 200)),
    summary,
  };
}

function nullable(text: string | undefined, max: number): string | null {
  return text === undefined ? null : clean(text, max);
}
