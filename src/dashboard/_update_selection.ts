/**
 * Moving the selection of the current view's list. Only `selected` is kept right; the view
 * scrolls to it. Logs count up from the newest line, so "up" is older, and moving up stops
 * following new lines.
 */
import type { DashboardModel, ViewName } from "./model.ts";
import { visibleAlerts, visibleLogs, visibleTasks, visibleWorkers } from "./select.ts";

/** Rows PgUp / PgDn move. */
export const PAGE = 10;

/** A movement command of the keymap. */
export type Move = "up" | "down" | "page-up" | "page-down" | "top" | "bottom";

/**
 * Which `selected` entry a view moves, and how long its list is. The overview moves the
 * workers selection: its worker keys (x, p) act on it.
 *
 * @param model the model
 * @param view a view
 * @returns the entry and the list length, or undefined for views without a list
 */
export function listOf(
  model: DashboardModel,
  view: ViewName,
): { readonly key: ViewName; readonly length: number } | undefined {
  switch (view) {
    case "overview":
    case "workers":
      return { key: "workers", length: visibleWorkers(model).length };
    case "tasks":
      return { key: "tasks", length: visibleTasks(model).length };
    case "alerts":
      return { key: "alerts", length: visibleAlerts(model).length };
    case "routing":
      return { key: "routing", length: model.snapshot?.routing.length ?? 0 };
    case "logs":
      return { key: "logs", length: visibleLogs(model).length };
    default:
      return undefined;
  }
}

/**
 * An index brought into a list of `length` rows.
 *
 * @param index any index
 * @param length the list length
 * @returns the nearest row (0 for an empty list)
 */
export function clamp(index: number, length: number): number {
  return Math.max(0, Math.min(index, length - 1));
}

/**
 * The selected row of a list.
 *
 * @param model the model
 * @param key the `selected` entry
 * @returns the row (0 when never moved)
 */
export function selectedIndex(model: DashboardModel, key: ViewName): number {
  return model.selected[key] ?? 0;
}

/**
 * The model with one list's selection set.
 *
 * @param model the model
 * @param key the `selected` entry
 * @param index the row
 * @returns the model (the same object when nothing changed)
 */
export function withSelected(model: DashboardModel, key: ViewName, index: number): DashboardModel {
  if (model.selected[key] === index) return model;
  return { ...model, selected: { ...model.selected, [key]: index } };
}

/**
 * Moves the current view's selection, clamped to its list.
 *
 * @param model the model
 * @param move the movement
 * @returns the model with the selection moved (unchanged in views without a list)
 */
export function moveSelection(model: DashboardModel, move: Move): DashboardModel {
  const list = listOf(model, model.view);
  if (list === undefined) return model;
  const at = selectedIndex(model, list.key);
  if (list.key === "logs") return moveLogs(model, at, { move, length: list.length });
  const target = {
    up: at - 1,
    down: at + 1,
    "page-up": at - PAGE,
    "page-down": at + PAGE,
    top: 0,
    bottom: list.length - 1,
  }[move];
  return withSelected(model, list.key, clamp(target, list.length));
}

function moveLogs(
  model: DashboardModel,
  at: number,
  options: { readonly move: Move; readonly length: number },
): DashboardModel {
  const { move, length } = options;
  if (move === "bottom") return withSelected(followLogs(model, true), "logs", 0);
  const target = {
    up: at + 1,
    down: at - 1,
    "page-up": at + PAGE,
    "page-down": at - PAGE,
    top: length - 1,
  }[move];
  const upward = move === "up" || move === "page-up" || move === "top";
  const next = upward ? followLogs(model, false) : model;
  return withSelected(next, "logs", clamp(target, length));
}

/**
 * The model with log following on or off.
 *
 * @param model the model
 * @param follow whether new lines keep the view at the newest
 * @returns the model
 */
export function followLogs(model: DashboardModel, follow: boolean): DashboardModel {
  if (model.logs.follow === follow) return model;
  return { ...model, logs: { ...model.logs, follow } };
}
