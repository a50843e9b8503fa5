/**
 * Keys while the command line is open: editing, ↑/↓ through earlier lines, Enter to submit,
 * Esc to leave (back to the view before chat), Tab / Shift-Tab to move on to another view. A
 * submitted line goes to the transcript with FORGE's answer under it.
 */
import type { DashboardModel, Key } from "./model.ts";
import { COMMAND_HELP, type CommandContext, parseCommandLine } from "./command_line.ts";
import { KEYMAP, keyName } from "./keymap.ts";
import { requestAction } from "./_update_fleet.ts";
import { editLine } from "./_update_line_edit.ts";
import { ask, say, stay, type Step } from "./_update_step.ts";
import { cycleView, switchView } from "./_update_views.ts";
import { visibleWorkers } from "./select.ts";

/** Submitted lines kept for ↑/↓. */
export const MAX_HISTORY = 100;

/**
 * Handles a key while the command line is open.
 *
 * @param model the model (command line active)
 * @param key the key
 * @returns the step
 */
export function commandLineKey(model: DashboardModel, key: Key): Step {
  switch (keyName(key)) {
    case "enter":
      return submit(model);
    case "escape": {
      const cleared = { ...model.command, text: "", cursor: 0, historyIndex: undefined };
      return stay(switchView({ ...model, command: cleared }, model.previousView));
    }
    case "up":
      return stay(browse(model, -1));
    case "down":
      return stay(browse(model, 1));
    case "tab":
      return stay(cycleView(model, 1));
    case "backtab":
      return stay(cycleView(model, -1));
    case "ctrl+l":
      return ask(model, { kind: "repaint" });
  }
  const line = editLine(model.command, key);
  return stay(line === undefined ? model : { ...model, command: { ...model.command, ...line } });
}

/** ↑ (-1) goes to older lines, ↓ (1) to newer ones and past the newest to an empty line. */
function browse(model: DashboardModel, step: -1 | 1): DashboardModel {
  const { history, historyIndex } = model.command;
  if (history.length === 0 || (step === 1 && historyIndex === undefined)) return model;
  let index: number | undefined;
  if (step === -1) index = historyIndex === undefined ? history.length - 1 : historyIndex - 1;
  else index = historyIndex === undefined ? undefined : historyIndex + 1;
  if (index !== undefined && index < 0) index = 0;
  if (index !== undefined && index >= history.length) index = undefined;
  const text = index === undefined ? "" : history[index] ?? "";
  return {
    ...model,
    command: { ...model.command, text, cursor: text.length, historyIndex: index },
  };
}

function submit(model: DashboardModel): Step {
  const text = model.command.text.trim();
  if (text === "") return stay(model);
  const { history } = model.command;
  const kept = history[history.length - 1] === text ? history : [...history, text];
  const command = {
    ...model.command,
    text: "",
    cursor: 0,
    history: kept.slice(-MAX_HISTORY),
    historyIndex: undefined,
  };
  const next = say({ ...model, command }, "user", text);
  const outcome = parseCommandLine(text, commandContext(next));
  switch (outcome.kind) {
    case "action":
      return requestAction(next, outcome.action);
    case "view": {
      const key = KEYMAP.find((b) => b.command === `view:${outcome.view}`)?.display;
      const told = outcome.view === "chat"
        ? say(next, "forge", "this is the command line; Esc goes back")
        : say(next, "forge", `${outcome.view} view${key === undefined ? "" : ` (key: ${key})`}`);
      return stay(switchView(told, outcome.view));
    }
    case "help":
      return stay(COMMAND_HELP.reduce((m, line) => say(m, "forge", line), next));
    case "quit":
      return ask(next, { kind: "quit" });
    case "error": {
      const told = say(next, "forge", outcome.message);
      if (outcome.suggestions.length === 0) return stay(told);
      return stay(say(told, "forge", `did you mean: ${outcome.suggestions.join(" · ")}`));
    }
    default: {
      const unreachable: never = outcome;
      throw new TypeError(`Cannot handle command outcome: ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * What the parser checks names against: the listed workers, and the worker configs known here
 * (the default one and those of listed workers).
 */
function commandContext(model: DashboardModel): CommandContext {
  const workers = visibleWorkers(model);
  const types = new Set<string>(model.workerTypes);
  if (model.defaultWorker !== undefined) types.add(model.defaultWorker);
  for (const w of workers) if (w.workerType !== undefined) types.add(w.workerType);
  return {
    workers: workers.map((w) => w.view.id),
    workerTypes: [...types],
    defaultWorker: model.defaultWorker,
  };
}
