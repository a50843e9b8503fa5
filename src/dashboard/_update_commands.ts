/**
 * What each keymap command does to the model (keys reach here after overlays, the command line
 * and the tasks search had their turn).
 */
import type { DashboardModel, Key, ViewName } from "./model.ts";
import type { Command } from "./keymap.ts";
import { fleetKey } from "./_update_fleet.ts";
import { cycleLevel, cycleSource, logsOf, toggleFollow } from "./_update_logs.ts";
import { moveSelection, selectedIndex } from "./_update_selection.ts";
import { ask, stay, type Step } from "./_update_step.ts";
import { cycleWorkspace, togglePriority } from "./_update_tasks.ts";
import { back, cycleView, switchView } from "./_update_views.ts";
import { visibleAlerts, visibleTasks, visibleWorkers } from "./select.ts";

/**
 * Runs a keymap command.
 *
 * @param model the model
 * @param command what the key is bound to in the current view
 * @param key the key itself (the priority keys need the digit)
 * @returns the step
 */
export function runCommand(model: DashboardModel, command: Command, key: Key): Step {
  switch (command) {
    case "help":
      return stay({ ...model, overlay: { kind: "help" } });
    case "quit":
      return ask(model, { kind: "quit" });
    case "repaint":
      return ask(model, { kind: "repaint" });
    case "next-view":
      return stay(cycleView(model, 1));
    case "prev-view":
      return stay(cycleView(model, -1));
    case "spawn":
    case "kill":
    case "pause-toggle":
    case "pause-all":
    case "resume-all":
    case "ack":
      return fleetKey(model, command);
    case "open":
      return stay(open(model));
    case "back":
      return stay(back(model));
    case "search":
      return stay({ ...model, tasks: { ...model.tasks, searching: true } });
    case "priority-filter":
      return stay(togglePriority(model, key));
    case "workspace-filter":
      return stay(cycleWorkspace(model));
    case "follow":
      return stay(toggleFollow(model));
    case "level-filter":
      return stay(cycleLevel(model));
    case "source-filter":
      return stay(cycleSource(model));
    case "up":
    case "down":
    case "page-up":
    case "page-down":
    case "top":
    case "bottom":
      return stay(moveSelection(model, command));
    default:
      return stay(switchView(model, viewOf(command)));
  }
}

function viewOf(command: `view:${ViewName}`): ViewName {
  return command.slice("view:".length) as ViewName;
}

/** Enter: a worker's log, a task's or an alert's details. */
function open(model: DashboardModel): DashboardModel {
  switch (model.view) {
    case "workers": {
      const worker = visibleWorkers(model)[selectedIndex(model, "workers")];
      return worker === undefined ? model : switchView(logsOf(model, worker.view.id), "logs");
    }
    case "tasks": {
      const index = selectedIndex(model, "tasks");
      return index < visibleTasks(model).length
        ? { ...model, overlay: { kind: "task", index } }
        : model;
    }
    case "alerts": {
      const index = selectedIndex(model, "alerts");
      return index < visibleAlerts(model).length
        ? { ...model, overlay: { kind: "alert", index } }
        : model;
    }
    default:
      return model;
  }
}
