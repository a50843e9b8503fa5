/**
 * Which requests the dashboard's keys confirm before sending: the one policy of every interface
 * (domain/confirmation.ts) — kill, pausing everyone, limits, spawning more than two workers. The
 * chat session applies the same policy to typed lines, so keys and the command line cannot
 * disagree.
 */
import type { ActionRequest, Confirmation } from "../domain/mod.ts";
import { confirmationFor as sharedConfirmation } from "../domain/mod.ts";

export type { Confirmation } from "../domain/mod.ts";

/**
 * The confirmation a request needs, if any.
 *
 * @param action the request about to be sent
 * @returns the dialog's title and message, or undefined when the request goes out directly
 */
export function confirmationFor(action: ActionRequest): Confirmation | undefined {
  // A key spawns the default worker once: no cost estimate to weigh.
  return sharedConfirmation(action);
}
