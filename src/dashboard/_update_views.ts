/**
 * Switching views: directly, by Tab / Shift-Tab (wrapping), and back with Esc. Entering chat
 * turns the command line on and leaving turns it off; chat is never remembered as the view to go
 * back to, so Esc never lands in the command line.
 */
import { type DashboardModel, type ViewName, VIEWS } from "./model.ts";
import { withTaskFilter } from "./_update_tasks.ts";

/**
 * Shows a view.
 *
 * @param model the model
 * @param view the view to show
 * @returns the model on that view
 */
export function switchView(model: DashboardModel, view: ViewName): DashboardModel {
  const active = view === "chat";
  const command = model.command.active === active ? model.command : { ...model.command, active };
  if (view === model.view) return command === model.command ? model : { ...model, command };
  return {
    ...model,
    view,
    previousView: model.view === "chat" ? model.previousView : model.view,
    command,
    tasks: model.tasks.searching ? { ...model.tasks, searching: false } : model.tasks,
  };
}

/**
 * Shows the next (1) or previous (-1) view in Tab order, wrapping.
 *
 * @param model the model
 * @param step 1 or -1
 * @returns the model on that view
 */
export function cycleView(model: DashboardModel, step: 1 | -1): DashboardModel {
  const at = VIEWS.indexOf(model.view);
  const next = VIEWS[(at + step + VIEWS.length) % VIEWS.length] ?? "overview";
  return switchView(model, next);
}

/**
 * Esc outside overlays and the command line: clears the tasks search when there is one, else
 * goes back to the previous view.
 *
 * @param model the model
 * @returns the model after going back
 */
export function back(model: DashboardModel): DashboardModel {
  if (model.view === "tasks" && model.tasks.search !== "") {
    return withTaskFilter(model, { search: "", searching: false });
  }
  return switchView(model, model.previousView);
}
