/**
 * Where one bead stands (ready, blocked, in progress, deferred, closed, not work) and the one
 * sentence that says why, from the bead and the facts the graph found about it.
 */
import type { Bead, Blocker, QueueState } from "../domain/mod.ts";
import { isFinished, PARENT_CHILD } from "./_graph_edges.ts";

const CYCLE_IDS_SHOWN = 8;

/** What the graph knows about a bead. */
export interface BeadFacts {
  /** Unfinished or missing blockers, then blocked parents (`via: "parent-child"`). */
  readonly blockers: readonly Blocker[];
  /** The way round the dependency cycle the bead is in, from the bead itself. */
  readonly cycle: readonly string[] | undefined;
  /** Epoch milliseconds. */
  readonly now: number;
  /** Lowercase issue types that are not work. */
  readonly notWork: ReadonlySet<string>;
}

/** A bead's state and the reason for it. */
export interface BeadJudgement {
  readonly state: QueueState;
  readonly reason: string;
}

/**
 * Decides a bead's state. Precedence: finished, not work, in progress (`in_progress`, `hooked`),
 * deferred (`deferred`, or `defer_until` still ahead), then ready when nothing holds it back.
 *
 * @param bead the bead
 * @param facts its blockers, cycle, the time and the types that are not work
 * @returns the state and one sentence for people
 */
export function judgeBead(bead: Bead, facts: BeadFacts): BeadJudgement {
  if (isFinished(bead.status)) {
    return { state: "closed", reason: bead.status === "tombstone" ? "deleted" : "closed" };
  }
  const waits = waitReasons(facts);
  const also = (head: string): string => [head, ...waits].join("; ");
  if (facts.notWork.has(bead.issueType.toLowerCase())) {
    return { state: "not_work", reason: also(`type "${bead.issueType}" is not work for an agent`) };
  }
  if (bead.status === "in_progress" || bead.status === "hooked") {
    const verb = bead.status === "hooked" ? "hooked" : "in progress";
    const who = bead.assignee === undefined ? "unassigned" : `assigned to ${bead.assignee}`;
    return { state: "in_progress", reason: also(`${verb}, ${who}`) };
  }
  const deferredAhead = bead.deferUntil !== undefined && bead.deferUntil > facts.now;
  if (bead.status === "deferred" || (bead.status === "open" && deferredAhead)) {
    const until = deferredAhead ? ` until ${formatInstant(bead.deferUntil as number)}` : "";
    return { state: "deferred", reason: also(`deferred${until}`) };
  }
  const reasons = [...waits, ...holdReasons(bead)];
  if (reasons.length === 0) return { state: "ready", reason: "ready" };
  return { state: "blocked", reason: reasons.join("; ") };
}

function waitReasons(facts: BeadFacts): string[] {
  const out: string[] = [];
  if (facts.blockers.length === 0 && facts.cycle === undefined) return out;
  const cycle = facts.cycle;
  if (cycle !== undefined) out.push(cycleReason(cycle));
  const direct = facts.blockers.filter((b) => b.via !== PARENT_CHILD);
  if (direct.length > 0) {
    out.push(`blocked by ${direct.map((b) => `${b.id} (${b.status})`).join(", ")}`);
  }
  const parents = facts.blockers.filter((b) => b.via === PARENT_CHILD).map((b) => b.id);
  if (parents.length === 1) out.push(`parent ${parents[0]} is blocked`);
  else if (parents.length > 1) out.push(`parents ${parents.join(", ")} are blocked`);
  return out;
}

/** The way round, shortened in the middle when it is long. */
function cycleReason(cycle: readonly string[]): string {
  if (cycle.length <= CYCLE_IDS_SHOWN) {
    return `in a dependency cycle: ${[...cycle, cycle[0]].join(" → ")}`;
  }
  const ids = [...cycle.slice(0, 3), "…", ...cycle.slice(-2), cycle[0]];
  return `in a dependency cycle of ${cycle.length} beads: ${ids.join(" → ")}`;
}

/** What keeps an unfinished bead from being ready apart from the graph. */
function holdReasons(bead: Bead): string[] {
  const out: string[] = [];
  if (bead.status === "blocked") out.push("marked blocked");
  else if (bead.status === "pinned") out.push("pinned");
  else if (bead.status !== "open") out.push(`status "${bead.status}" is not open`);
  if (bead.assignee !== undefined) {
    out.push(`assigned to ${bead.assignee}${bead.status === "open" ? " but open" : ""}`);
  }
  if (bead.pinned && bead.status !== "pinned") out.push("pinned");
  if (bead.ephemeral) out.push("ephemeral");
  return out;
}

/** A date when the instant is midnight UTC, else the date and time to the minute. */
function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 16)}Z`;
}
