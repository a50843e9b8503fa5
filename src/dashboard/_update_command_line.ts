/**
 * Keys while the command line is open: editing, ↑/↓ through earlier lines, Enter to send the line
 * to chat, Esc to leave (back to the view before chat), Tab / Shift-Tab to move on to another
 * view. What a sent line comes to is chat's part (_update_chat.ts).
 */
import type { DashboardModel, Key } from "./model.ts";
import { keyName } from "./keymap.ts";
import { submitLine } from "./_update_chat.ts";
import { editLine } from "./_update_line_edit.ts";
import { ask, stay, type Step } from "./_update_step.ts";
import { cycleView, switchView } from "./_update_views.ts";

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
      return submitLine(model);
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
