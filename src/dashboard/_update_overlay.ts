/**
 * Keys while an overlay is open; the overlay takes every key (Ctrl+C aside, handled before).
 * Help closes on any key; a confirmation sends its request on y / Enter and drops it on
 * n / Esc / q (a chat plan runs either way, approved or not: its queries are still answered);
 * details move with ↑/k ↓/j (the list selection moves along, so closing leaves the user on the
 * row they last read) and close with Esc / q; alert details acknowledge with Enter / A.
 */
import type { DashboardModel, Key, Overlay, Pending } from "./model.ts";
import { keyName } from "./keymap.ts";
import { answerChat } from "./_update_chat.ts";
import { requestAction, sendAction, transcribe } from "./_update_fleet.ts";
import { clamp, withSelected } from "./_update_selection.ts";
import { stay, type Step, toast } from "./_update_step.ts";
import { visibleAlerts, visibleTasks } from "./select.ts";

const CONFIRM_KEYS = new Set(["y", "Y", "enter"]);
const CANCEL_KEYS = new Set(["n", "N", "escape", "q"]);

/**
 * Handles a key for the open overlay.
 *
 * @param model the model
 * @param overlay the open overlay
 * @param key the key
 * @returns the step (unbound keys change nothing)
 */
export function overlayKey(model: DashboardModel, overlay: Overlay, key: Key): Step {
  const name = keyName(key);
  const closed: DashboardModel = { ...model, overlay: undefined };
  switch (overlay.kind) {
    case "help":
      return stay(closed);
    case "confirm":
      if (CONFIRM_KEYS.has(name)) return confirmed(closed, overlay.pending, true);
      if (CANCEL_KEYS.has(name)) return confirmed(closed, overlay.pending, false);
      return stay(model);
    case "task":
    case "alert":
      return detailsKey(model, overlay, name);
    default: {
      const unreachable: never = overlay;
      throw new TypeError(`Cannot handle overlay: ${JSON.stringify(unreachable)}`);
    }
  }
}

function confirmed(model: DashboardModel, pending: Pending, yes: boolean): Step {
  switch (pending.kind) {
    case "chat":
      return answerChat(model, { plan: pending.plan, approved: yes });
    case "action":
      return yes
        ? sendAction(model, pending.action)
        : stay(transcribe(toast(model, "info", "cancelled"), { text: "cancelled", tone: "dim" }));
    default: {
      const unreachable: never = pending;
      throw new TypeError(`Cannot answer confirmation: ${JSON.stringify(unreachable)}`);
    }
  }
}

function detailsKey(
  model: DashboardModel,
  overlay: Overlay & { readonly kind: "task" | "alert" },
  name: string,
): Step {
  if (name === "escape" || name === "q") return stay({ ...model, overlay: undefined });
  const alerts = visibleAlerts(model);
  if (overlay.kind === "alert" && (name === "enter" || name === "A")) {
    const alert = alerts[overlay.index];
    if (alert === undefined) return stay({ ...model, overlay: undefined });
    return requestAction({ ...model, overlay: undefined }, { kind: "ack", alert: alert.id });
  }
  const step = name === "up" || name === "k" ? -1 : name === "down" || name === "j" ? 1 : 0;
  if (step === 0) return stay(model);
  const length = overlay.kind === "task" ? visibleTasks(model).length : alerts.length;
  const index = clamp(overlay.index + step, length);
  const key = overlay.kind === "task" ? "tasks" : "alerts";
  return stay(withSelected({ ...model, overlay: { kind: overlay.kind, index } }, key, index));
}
