/**
 * The logs view's keys: Space pauses and resumes following, `v` cycles the level filter and `s`
 * the source. Filters keep the selection within the shorter or longer list.
 */
import type { DashboardModel, LogFilter } from "./model.ts";
import { clamp, followLogs, selectedIndex, withSelected } from "./_update_selection.ts";
import { logSources, visibleLogs } from "./select.ts";

const LEVELS: readonly LogFilter[] = ["all", "info", "warn", "error"];

/**
 * Space: pauses a following log, or resumes following (back at the newest line).
 *
 * @param model the model
 * @returns the model with following toggled
 */
export function toggleFollow(model: DashboardModel): DashboardModel {
  if (model.logs.follow) return followLogs(model, false);
  return withSelected(followLogs(model, true), "logs", 0);
}

/**
 * `v`: all → info → warn → error → all.
 *
 * @param model the model
 * @returns the model with the next level filter
 */
export function cycleLevel(model: DashboardModel): DashboardModel {
  const level = LEVELS[(LEVELS.indexOf(model.logs.level) + 1) % LEVELS.length] ?? "all";
  return withLogFilter(model, { level });
}

/**
 * `s`: all sources, `forge`, then each worker, then all again.
 *
 * @param model the model
 * @returns the model with the next source filter
 */
export function cycleSource(model: DashboardModel): DashboardModel {
  const sources = logSources(model);
  const at = sources.indexOf(model.logs.source);
  return withLogFilter(model, { source: sources[(at + 1) % sources.length] });
}

/**
 * The model with the logs showing one source from the newest line (Enter on a worker).
 *
 * @param model the model
 * @param source a worker id
 * @returns the filtered, following model
 */
export function logsOf(model: DashboardModel, source: string): DashboardModel {
  const next = { ...model, logs: { ...model.logs, source, follow: true } };
  return withSelected(next, "logs", 0);
}

function withLogFilter(
  model: DashboardModel,
  change: Partial<DashboardModel["logs"]>,
): DashboardModel {
  const next = { ...model, logs: { ...model.logs, ...change } };
  return withSelected(next, "logs", clamp(selectedIndex(model, "logs"), visibleLogs(next).length));
}
