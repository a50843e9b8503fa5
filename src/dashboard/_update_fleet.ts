/**
 * Keys and lines that change the fleet. Every request passes here on its way out: refused in
 * observer mode (the orchestrator of another process owns the fleet), held for a confirmation
 * where confirm.ts asks for one, else sent. Results come back as toasts, and as transcript lines
 * while the command line is open.
 */
import type { ActionRequest } from "../domain/mod.ts";
import { formatUsd } from "../domain/mod.ts";
import type { DashboardModel, TranscriptEntry } from "./model.ts";
import { confirmationFor } from "./confirm.ts";
import { ask, say, stay, type Step, toast } from "./_update_step.ts";
import { selectedIndex } from "./_update_selection.ts";
import { visibleAlerts, visibleWorkers } from "./select.ts";

/** The keymap commands that act on the fleet. */
export type FleetCommand =
  | "spawn"
  | "kill"
  | "pause-toggle"
  | "pause-all"
  | "resume-all"
  | "ack";

/**
 * Turns a fleet key into a request for the selected worker or alert.
 *
 * @param model the model
 * @param command the keymap command
 * @returns the step: a request, a confirmation, or a toast saying why not
 */
export function fleetKey(model: DashboardModel, command: FleetCommand): Step {
  if (command === "spawn") {
    if (model.defaultWorker === undefined) {
      return refuse(
        model,
        "Cannot spawn a worker: no worker config is set up (add one, then retry)",
      );
    }
    return requestAction(model, { kind: "spawn", worker: model.defaultWorker, count: 1 });
  }
  if (command === "pause-all") return requestAction(model, { kind: "pause", target: "all" });
  if (command === "resume-all") return requestAction(model, { kind: "resume", target: "all" });
  if (command === "ack") {
    const alert = visibleAlerts(model)[selectedIndex(model, "alerts")];
    if (alert === undefined) return stay(toast(model, "warn", "No alert selected"));
    return requestAction(model, { kind: "ack", alert: alert.id });
  }
  const worker = visibleWorkers(model)[selectedIndex(model, "workers")];
  if (worker === undefined) return stay(toast(model, "warn", "No worker selected"));
  const target = worker.view.id;
  if (command === "kill") return requestAction(model, { kind: "kill", target });
  const paused = worker.view.status.state === "paused";
  return requestAction(model, { kind: paused ? "resume" : "pause", target });
}

/**
 * Sends a request, or opens its confirmation, or refuses it in observer mode.
 *
 * @param model the model
 * @param action the request
 * @returns the step
 */
export function requestAction(model: DashboardModel, action: ActionRequest): Step {
  if (model.readOnly) {
    const pid = model.snapshot?.engine.pid;
    return refuse(
      model,
      `Cannot ${describeAction(action)}: this dashboard is read-only, the orchestrator runs in ` +
        `another process${pid === undefined ? "" : ` (pid ${pid})`}; act from there`,
    );
  }
  const confirmation = confirmationFor(action);
  if (confirmation !== undefined) {
    const next: DashboardModel = {
      ...model,
      overlay: { kind: "confirm", ...confirmation, pending: { kind: "action", action } },
    };
    return stay(transcribe(next, { text: `${confirmation.title} (y/n)`, tone: "normal" }));
  }
  return sendAction(model, action);
}

/**
 * Sends a request (confirmed, or needing no confirmation).
 *
 * @param model the model
 * @param action the request
 * @returns the step asking the runtime to perform it
 */
export function sendAction(model: DashboardModel, action: ActionRequest): Step {
  return ask(transcribe(model, { text: `${describeAction(action)}…`, tone: "dim" }), {
    kind: "action",
    action,
  });
}

/**
 * Reports a finished request: a toast, and a transcript line while the command line is open.
 *
 * @param model the model
 * @param result whether it worked and what to say
 * @returns the model with the report
 */
export function actionDone(
  model: DashboardModel,
  result: { readonly ok: boolean; readonly message: string },
): DashboardModel {
  const level = result.ok ? "success" : "error";
  return transcribe(toast(model, level, result.message), {
    text: result.message,
    tone: result.ok ? "ok" : "error",
  });
}

/**
 * A request in a few words, as the user would say it: `kill sim-alpha`, `pause all workers`.
 *
 * @param action the request
 * @returns the words
 */
export function describeAction(action: ActionRequest): string {
  switch (action.kind) {
    case "spawn":
      return `spawn ${action.count} ${action.worker} worker${action.count === 1 ? "" : "s"}`;
    case "kill":
    case "pause":
    case "resume":
      return `${action.kind} ${action.target === "all" ? "all workers" : action.target}`;
    case "assign":
      return `assign ${action.bead} to ${action.worker}`;
    case "ack":
      return action.alert === "all"
        ? "acknowledge all alerts"
        : `acknowledge alert ${action.alert}`;
    case "limits":
      return limitWords(action);
    default: {
      const unreachable: never = action;
      throw new TypeError(`Cannot describe request: ${JSON.stringify(unreachable)}`);
    }
  }
}

function limitWords(action: Extract<ActionRequest, { kind: "limits" }>): string {
  const parts: string[] = [];
  if (action.maxWorkers !== undefined) {
    const of = action.workspace === undefined ? "" : ` of ${action.workspace}`;
    parts.push(`max_workers${of} to ${action.maxWorkers}`);
  }
  if (action.monthlyBudgetUsd !== undefined) {
    parts.push(`the monthly budget to ${formatUsd(action.monthlyBudgetUsd)}`);
  }
  return `set ${parts.join(" and ")}`;
}

/**
 * An error toast, also in the transcript while the command line is open.
 *
 * @param model the model
 * @param message why not
 * @returns the step, with no request
 */
export function refuse(model: DashboardModel, message: string): Step {
  return stay(transcribe(toast(model, "error", message), { text: message, tone: "error" }));
}

/**
 * A transcript line from FORGE, only while the command line is open (the user is looking).
 *
 * @param model the model
 * @param line the text and how it looks
 * @returns the model, with the line when the command line is open
 */
export function transcribe(
  model: DashboardModel,
  line: Omit<TranscriptEntry, "from">,
): DashboardModel {
  return model.command.active ? say(model, { from: "forge", ...line }) : model;
}
