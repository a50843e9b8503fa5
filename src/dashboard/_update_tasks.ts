/**
 * The tasks view's filters: typing a search after `/`, the priority keys 0-4 and the workspace
 * cycle. Any change of filter puts the selection back on the first row, since the old row number
 * means nothing in the new list.
 */
import type { DashboardModel, Key } from "./model.ts";
import { keyName } from "./keymap.ts";
import { stay, type Step } from "./_update_step.ts";
import { workspaceFilters } from "./select.ts";

/**
 * The model with some task filters changed and the selection on the first row.
 *
 * @param model the model
 * @param change the filter fields to set
 * @returns the filtered model
 */
export function withTaskFilter(
  model: DashboardModel,
  change: Partial<DashboardModel["tasks"]>,
): DashboardModel {
  return {
    ...model,
    tasks: { ...model.tasks, ...change },
    selected: { ...model.selected, tasks: 0 },
  };
}

/**
 * A key while typing a search: text goes into the search, Enter keeps it, Esc clears it.
 *
 * @param model the model (searching)
 * @param key the key
 * @returns the step, or undefined when the key is not for the search (arrows, Tab …)
 */
export function searchKey(model: DashboardModel, key: Key): Step | undefined {
  const search = model.tasks.search;
  switch (key.kind) {
    case "char":
      if (key.ctrl === true || key.alt === true) return undefined;
      return stay(withTaskFilter(model, { search: search + key.char }));
    case "paste":
      return stay(withTaskFilter(model, { search: search + key.text.replace(/\r\n|\r|\n/g, " ") }));
    case "backspace":
      return stay(withTaskFilter(model, { search: [...search].slice(0, -1).join("") }));
    case "enter":
      return stay({ ...model, tasks: { ...model.tasks, searching: false } });
    case "escape":
      return stay(withTaskFilter(model, { search: "", searching: false }));
    default:
      return undefined;
  }
}

/**
 * Shows only one priority; the same key again shows all.
 *
 * @param model the model
 * @param key the digit key pressed
 * @returns the filtered model
 */
export function togglePriority(model: DashboardModel, key: Key): DashboardModel {
  const priority = Number(keyName(key));
  if (!Number.isInteger(priority)) return model;
  return withTaskFilter(model, {
    priority: model.tasks.priority === priority ? undefined : priority,
  });
}

/**
 * Moves to the next workspace filter (all, then each workspace, then all again).
 *
 * @param model the model
 * @returns the filtered model
 */
export function cycleWorkspace(model: DashboardModel): DashboardModel {
  const filters = workspaceFilters(model);
  const at = filters.indexOf(model.tasks.workspace);
  return withTaskFilter(model, { workspace: filters[(at + 1) % filters.length] });
}
