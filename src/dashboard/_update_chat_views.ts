/**
 * Views a chat outcome opens (`switch_view`, `show P0 tasks` …): the view, and for `filter_tasks`
 * the tasks view's filters. A workspace is matched against the dashboard's by path, else by its
 * last path segment; a name that matches none is said, and the filter left open.
 */
import type { ChatOutcome } from "../chat/mod.ts";
import type { DashboardModel } from "./model.ts";
import { say } from "./_update_step.ts";
import { withTaskFilter } from "./_update_tasks.ts";
import { switchView } from "./_update_views.ts";

/** One view a chat outcome asks to open. */
export type ChatViewEffect = ChatOutcome["views"][number];

/**
 * Opens a view a chat outcome names, with its task filters.
 *
 * @param model the model
 * @param effect the view, and the task filters to set (every filter not named is cleared)
 * @returns the model on that view
 */
export function applyView(model: DashboardModel, effect: ChatViewEffect): DashboardModel {
  const shown = switchView(model, effect.view);
  const filters = effect.tasks;
  if (filters === undefined) return shown;
  const named = filters.workspace;
  const workspace = named === undefined ? undefined : workspacePath(shown, named);
  const told = named !== undefined && workspace === undefined
    ? say(shown, {
      from: "forge",
      text: `No workspace "${named}" here: the tasks of every workspace are shown`,
      tone: "error",
    })
    : shown;
  return withTaskFilter(told, {
    priority: filters.priority,
    workspace,
    search: filters.search ?? "",
    searching: false,
  });
}

function workspacePath(model: DashboardModel, named: string): string | undefined {
  const paths = model.snapshot?.workspaces ?? [];
  if (paths.includes(named)) return named;
  const wanted = named.toLowerCase().replace(/\/+$/, "");
  const matching = paths.filter((p) =>
    (p.replace(/\/+$/, "").split("/").pop() ?? "").toLowerCase() === wanted
  );
  return matching.length === 1 ? matching[0] : undefined;
}
