/**
 * What each list of the dashboard shows, derived from the model: the same functions serve the
 * view (what to draw) and update() (what a selection or Enter points at), so they always agree.
 */
import type { ActivityLine, FleetAlert, FleetWorker, QueuedBead } from "../domain/mod.ts";
import type { DashboardModel, LogFilter } from "./model.ts";

const LEVEL_RANK: Readonly<Record<string, number>> = { debug: 0, info: 1, warn: 2, error: 3 };
const FILTER_RANK: Readonly<Record<LogFilter, number>> = { all: 0, info: 1, warn: 2, error: 3 };

/**
 * The tasks the tasks view lists: the snapshot's order (in progress, ready by score, blocked,
 * deferred) after the priority, workspace and search filters.
 *
 * @param model the model
 * @returns the tasks shown
 */
export function visibleTasks(model: DashboardModel): readonly QueuedBead[] {
  const all = model.snapshot?.tasks ?? [];
  const { priority, workspace, search } = model.tasks;
  if (priority === undefined && workspace === undefined && search === "") return all;
  // Filtering 10,000 beads takes milliseconds: the view and update() ask again for the same list
  // on every frame and key, so the last answer is kept until the list or a filter changes.
  const memo = lastFilter;
  if (
    memo !== undefined && memo.all === all && memo.priority === priority &&
    memo.workspace === workspace && memo.search === search
  ) {
    return memo.shown;
  }
  const needle = search.toLowerCase();
  const shown = all.filter((q) =>
    (priority === undefined || q.bead.priority === priority) &&
    (workspace === undefined || q.workspace === workspace) &&
    (needle === "" || matches(q, needle))
  );
  lastFilter = { all, priority, workspace, search, shown };
  return shown;
}

let lastFilter: {
  readonly all: readonly QueuedBead[];
  readonly priority: number | undefined;
  readonly workspace: string | undefined;
  readonly search: string;
  readonly shown: readonly QueuedBead[];
} | undefined;

function matches(q: QueuedBead, needle: string): boolean {
  const b = q.bead;
  return b.id.toLowerCase().includes(needle) ||
    b.title.toLowerCase().includes(needle) ||
    b.issueType.toLowerCase().includes(needle) ||
    (b.assignee?.toLowerCase().includes(needle) ?? false) ||
    b.labels.some((l) => l.toLowerCase().includes(needle));
}

/**
 * The workers the workers view lists: live ones first (as the snapshot orders them).
 *
 * @param model the model
 * @returns the worker rows
 */
export function visibleWorkers(model: DashboardModel): readonly FleetWorker[] {
  return model.snapshot?.workers ?? [];
}

/**
 * The alerts the alerts view lists: open ones, critical first, then newest first.
 *
 * @param model the model
 * @returns the alerts
 */
export function visibleAlerts(model: DashboardModel): readonly FleetAlert[] {
  const rank = { critical: 0, warning: 1, info: 2 } as const;
  return [...(model.snapshot?.alerts ?? [])].filter((a) => !a.acknowledged)
    .sort((a, b) => rank[a.severity] - rank[b.severity] || b.at - a.at);
}

/**
 * The log lines the logs view can show (oldest first) after the source and level filters.
 *
 * @param model the model
 * @returns the lines
 */
export function visibleLogs(model: DashboardModel): readonly ActivityLine[] {
  const lines = model.snapshot?.activity ?? [];
  const { source, level } = model.logs;
  if (source === undefined && level === "all") return lines;
  const min = FILTER_RANK[level];
  return lines.filter((l) =>
    (source === undefined || l.source === source) && (LEVEL_RANK[l.level] ?? 0) >= min
  );
}

/**
 * The sources the logs view cycles through with `s`: undefined (all), `forge`, then each worker.
 *
 * @param model the model
 * @returns the sources in order
 */
export function logSources(model: DashboardModel): readonly (string | undefined)[] {
  const ids = new Set<string>();
  for (const w of model.snapshot?.workers ?? []) ids.add(w.view.id);
  for (const l of model.snapshot?.activity ?? []) if (l.source !== "forge") ids.add(l.source);
  return [undefined, "forge", ...[...ids].sort()];
}

/**
 * The workspace filters the tasks view cycles through with `f`: undefined (all), then each.
 *
 * @param model the model
 * @returns the workspaces in order
 */
export function workspaceFilters(model: DashboardModel): readonly (string | undefined)[] {
  return [undefined, ...(model.snapshot?.workspaces ?? [])];
}
