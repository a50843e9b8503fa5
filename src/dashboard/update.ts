/**
 * The dashboard's update: a pure function from the model and one message to the next model and
 * the effects to perform. A key goes to the first of these that is active: the overlay, the
 * command line, the tasks search, then the keymap. Ctrl+C quits from anywhere. Chat's answers
 * arrive as messages whenever they are ready, whatever the user does meanwhile.
 */
import type { DashboardModel, Key, Msg, Request } from "./model.ts";
import { commandFor, keyName } from "./keymap.ts";
import { runCommand } from "./_update_commands.ts";
import { commandLineKey } from "./_update_command_line.ts";
import { chatDone, chatFailed, chatPlanned } from "./_update_chat.ts";
import { actionDone } from "./_update_fleet.ts";
import { overlayKey } from "./_update_overlay.ts";
import { withSnapshot } from "./_update_snapshot.ts";
import { ask, stay, type Step } from "./_update_step.ts";
import { searchKey } from "./_update_tasks.ts";

/**
 * Computes the next model and the requests for one message.
 *
 * @param model the model before
 * @param msg what happened
 * @returns the next model and the requests the runtime performs
 * @throws {TypeError} for a message kind it does not know (a programming error)
 */
export function update(
  model: DashboardModel,
  msg: Msg,
): { model: DashboardModel; requests: readonly Request[] } {
  switch (msg.kind) {
    case "key":
      return onKey(model, msg.key);
    case "resize":
      return stay({ ...model, size: msg.size });
    case "snapshot":
      return stay(withSnapshot(model, msg.snapshot));
    case "tick":
      return stay({
        ...model,
        now: msg.now,
        toasts: model.toasts.filter((t) => t.until > msg.now),
      });
    case "action-done":
      return stay(actionDone(model, msg));
    case "chat-planned":
      return chatPlanned(model, msg.plan);
    case "chat-done":
      return chatDone(model, msg.outcome);
    case "chat-failed":
      return chatFailed(model, msg.message);
    default: {
      const unreachable: never = msg;
      throw new TypeError(`Cannot update the dashboard: ${JSON.stringify(unreachable)}`);
    }
  }
}

function onKey(model: DashboardModel, key: Key): Step {
  if (keyName(key) === "ctrl+c") return ask(model, { kind: "quit" });
  if (model.overlay !== undefined) return overlayKey(model, model.overlay, key);
  if (model.command.active) return commandLineKey(model, key);
  if (model.tasks.searching && model.view === "tasks") {
    const step = searchKey(model, key);
    if (step !== undefined) return step;
  }
  const command = commandFor(key, model.view);
  return command === undefined ? stay(model) : runCommand(model, command, key);
}
