/**
 * Which requests ask the user first, for every interface that acts for a person (dashboard keys,
 * the command line, chat): the ones that stop work (kill, pausing more than one worker), change
 * configuration (limits), or may spend money quickly (spawning more than two workers, or a spawn
 * estimated to cost more than a threshold). One policy, so the interfaces cannot disagree.
 */
import type { ActionRequest } from "./action_request.ts";
import { formatUsd } from "./format_figures.ts";

/** What the confirmation dialog says. */
export interface Confirmation {
  readonly title: string;
  readonly message: string;
}

/** Spawning more workers than this at once asks first. */
export const SPAWN_WITHOUT_CONFIRM = 2;

/** What else the policy weighs. */
export interface ConfirmationFacts {
  /** The spawn's estimated cost in USD, when known. */
  readonly estimatedCostUsd?: number | undefined;
  /** Spawns estimated above this ask first (USD). */
  readonly costThresholdUsd?: number | undefined;
}

/**
 * The confirmation a request needs, if any.
 *
 * @param action the request about to be sent
 * @param facts the estimated cost of a spawn and the threshold, when the interface knows them
 * @returns the dialog's title and message, or undefined when the request goes out directly
 */
export function confirmationFor(
  action: ActionRequest,
  facts: ConfirmationFacts = {},
): Confirmation | undefined {
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
      return spawnConfirmation(action, facts);
    case "limits":
      return {
        title: "Change limits?",
        message: `Writes ${limitChanges(action)} to the configuration file.`,
      };
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

function spawnConfirmation(
  action: Extract<ActionRequest, { kind: "spawn" }>,
  facts: ConfirmationFacts,
): Confirmation | undefined {
  const { estimatedCostUsd: cost, costThresholdUsd: threshold } = facts;
  const costly = cost !== undefined && threshold !== undefined && cost > threshold;
  if (action.count <= SPAWN_WITHOUT_CONFIRM && !costly) return undefined;
  const estimate = cost === undefined ? "" : ` (estimated ${formatUsd(cost)})`;
  return {
    title: `Spawn ${action.count} ${action.worker} worker${action.count === 1 ? "" : "s"}?`,
    message: costly
      ? `Estimated to cost ${formatUsd(cost)}, over the ${
        formatUsd(threshold)
      } that asks first (chat.confirm_cost_usd).`
      : `Starts ${action.count} agents at once; each may spend money on its plan${estimate}.`,
  };
}

function limitChanges(action: Extract<ActionRequest, { kind: "limits" }>): string {
  const parts: string[] = [];
  if (action.maxWorkers !== undefined) {
    parts.push(
      `max_workers ${action.maxWorkers}${
        action.workspace === undefined ? "" : ` for workspace ${action.workspace}`
      }`,
    );
  }
  if (action.monthlyBudgetUsd !== undefined) {
    parts.push(`a monthly budget of ${formatUsd(action.monthlyBudgetUsd)}`);
  }
  return parts.length === 0 ? "no change" : parts.join(" and ");
}
