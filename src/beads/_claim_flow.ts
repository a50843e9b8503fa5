/**
 * The decisions every adapter shares around a claim, as pure functions: whether a bead can be
 * claimed before touching it, and what the read-back after the update means.
 */
import type { Bead, ClaimResult } from "../domain/mod.ts";

/** Go ahead with the update, or an outcome already decided. */
export type ClaimCheck = { readonly kind: "proceed" } | ClaimResult;

/**
 * Decides whether to claim. Only an `open` bead that is unassigned (or already ours) is claimed;
 * a bead already in progress for us counts as claimed, so a retried claim is harmless.
 *
 * @param bead the bead as read before the claim (undefined when it does not exist)
 * @param assignee who claims
 * @returns proceed, or the outcome
 */
export function claimPrecheck(bead: Bead | undefined, assignee: string): ClaimCheck {
  if (bead === undefined) return { kind: "not-claimable", reason: "it does not exist" };
  if (bead.assignee !== undefined && bead.assignee !== assignee) {
    return { kind: "taken", by: bead.assignee };
  }
  if (bead.status === "in_progress" && bead.assignee === assignee) return { kind: "claimed" };
  if (bead.status !== "open") return { kind: "not-claimable", reason: `it is ${bead.status}` };
  return { kind: "proceed" };
}

/**
 * Reads the outcome from the bead as re-read after the update.
 *
 * @param bead the bead after the claim
 * @param assignee who claimed
 * @returns claimed only when it is in progress and assigned to `assignee`
 */
export function claimOutcome(bead: Bead | undefined, assignee: string): ClaimResult {
  if (bead === undefined) {
    return { kind: "not-claimable", reason: "it disappeared during the claim" };
  }
  if (bead.assignee !== undefined && bead.assignee !== assignee) {
    return { kind: "taken", by: bead.assignee };
  }
  if (bead.status === "in_progress" && bead.assignee === assignee) return { kind: "claimed" };
  const who = bead.assignee === undefined ? "unassigned" : `assigned to ${bead.assignee}`;
  return { kind: "not-claimable", reason: `after the update it is ${bead.status} and ${who}` };
}

/**
 * True when a bead is finished and must not be reopened by a release.
 *
 * @param bead the bead
 * @returns true for closed (and tombstoned) beads
 */
export function isFinished(bead: Bead): boolean {
  return bead.status === "closed" || bead.status === "tombstone";
}
