/**
 * Whether `forge assign` may give a bead out now. Only an open, unassigned bead can be claimed, so
 * `--force` lets a user override the dependency graph (blocked, deferred) and nothing else: a
 * closed, taken, epic, pinned or ephemeral bead, or one whose status is not `open`, is refused.
 */
import type { QueuedBead } from "../domain/mod.ts";
import { ForgeError } from "../domain/mod.ts";

/** What forcing overrides: the graph's verdict, never the bead's own status. */
const FORCEABLE = new Set(["blocked", "deferred"]);

/**
 * Why a bead cannot be assigned, or undefined when it can.
 *
 * @param q the bead as the queue sees it
 * @param options whether the user passed `--force`
 * @returns a CONFLICT error saying why (with what to do), or undefined
 */
export function assignRefusal(
  q: QueuedBead,
  options: { readonly force: boolean },
): ForgeError | undefined {
  const b = q.bead;
  const refuse = (why: string, hint?: string): ForgeError =>
    new ForgeError(
      "CONFLICT",
      `Cannot assign bead "${b.id}": ${why}`,
      hint === undefined ? {} : { hint },
    );
  switch (q.state) {
    case "ready":
      return undefined;
    case "closed":
      return refuse(`it is ${q.reason}`, "reopen it with your beads tool first");
    case "in_progress":
      return refuse(
        b.assignee === undefined
          ? `it is already ${b.status.replace("_", " ")}`
          : `it is already assigned to ${b.assignee} (${b.status.replace("_", " ")})`,
        `forge workers shows who works on it; \`forge bead release ${b.id}\` puts it back`,
      );
    case "not_work":
      return refuse(q.reason, "assign its child beads instead");
  }
  if (b.assignee !== undefined) {
    return refuse(
      `it is already assigned to ${b.assignee}`,
      `\`forge bead release ${b.id}\` puts it back`,
    );
  }
  if (b.status !== "open" || b.pinned || b.ephemeral) {
    return refuse(
      `${q.reason}; only an open bead can be claimed`,
      "set it open with your beads tool",
    );
  }
  if (!options.force && FORCEABLE.has(q.state)) {
    return refuse(q.reason, "finish what it waits for, or pass --force to assign it anyway");
  }
  return undefined;
}
