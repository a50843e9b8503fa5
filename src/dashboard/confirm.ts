/**
 * Which requests the dashboard confirms before sending: the ones that stop work (kill, pause all)
 * or may spend money quickly (spawning more than two workers). Keys and the command line both ask
 * here, so they cannot disagree.
 */
import type { ActionRequest } from "../domain/mod.ts";

/** What the confirmation dialog says. */
export interface Confirmation {
  readonly title: string;
  readonly message: string;
}

/** Spawning more workers than this at once asks first. */
export const SPAWN_WITHOUT_CONFIRM = 2;

/**
 * The confirmation a request needs, if any.
 *
 * @param action the request about to be sent
 * @returns the dialog's title and message, or undefined when the request goes out directly
 */
export function confirmationFor(action: ActionRequest): Confirmation | undefined {
  switch (action.kind) {
    case "kill":
      return action.target === "all"
        ? {
          title: "Kill every worker?",
          message: "Ends every worker's session and process; their beads go back to the queue.",
        }
        : {
          title: `Kill ${action.target}?`,
          message: "Ends its session and process; its bead goes back to the queue.",
        };
    case "pause":
      return action.target === "all"
        ? {
          title: "Pause every worker?",
          message: "Each finishes the bead it is on, then waits until resumed (R).",
        }
        : undefined;
    case "spawn":
      return action.count > SPAWN_WITHOUT_CONFIRM
        ? {
          title: `Spawn ${action.count} ${action.worker} workers?`,
          message: `Starts ${action.count} agents at once; each may spend money on its plan.`,
        }
        : undefined;
    case "resume":
    case "assign":
    case "ack":
      return undefined;
    default: {
      const unreachable: never = action;
      throw new TypeError(`Cannot confirm request: ${JSON.stringify(unreachable)}`);
    }
  }
}
