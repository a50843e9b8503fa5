/**
 * The queue of work as the orchestrator, `forge tasks`, the dashboard and the HTTP API see it:
 * every bead of a workspace with its state, its value score (with each component, so it can be
 * explained) and, when it waits, exactly why.
 */
import type { Bead } from "./bead.ts";
import { toIso } from "./time.ts";

/** Where a bead stands for FORGE. */
export type QueueState =
  | "ready"
  | "blocked"
  | "in_progress"
  | "deferred"
  | "closed"
  /** Not executable work (epics, gates, messages …). */
  | "not_work";

/** The value score (0-100) and its components (design.md, "Task value score"). */
export interface ScoreBreakdown {
  readonly total: number;
  readonly priority: number;
  readonly unblocks: number;
  readonly age: number;
  readonly urgent: number;
  /** Open beads this one transitively unblocks (counted up to 100). */
  readonly unblockedCount: number;
  readonly ageDays: number;
  readonly urgentLabels: readonly string[];
}

/** A blocker of a bead, as found in the graph. */
export interface Blocker {
  readonly id: string;
  /** The blocker's status, or `missing` when no bead has that id. */
  readonly status: string;
  /** Dependency type (`blocks`, `waits-for`, `parent-child` for a blocked parent …). */
  readonly via: string;
}

/** One bead in the queue. */
export interface QueuedBead {
  readonly bead: Bead;
  readonly workspace: string;
  readonly state: QueueState;
  readonly score: ScoreBreakdown;
  /** Why a bead that is not ready waits (blockers, cycle, assignee, deferral). */
  readonly blockers: readonly Blocker[];
  /** Ids of a dependency cycle this bead is in, when it is. */
  readonly cycle: readonly string[] | undefined;
  /** One sentence for people: "blocked by bd-3 (open)", "assigned to sonnet-alpha" … */
  readonly reason: string;
}

/** The queue of one workspace. */
export interface TaskQueue {
  readonly workspace: string;
  /** Every bead that is not closed, ready ones first by score. */
  readonly beads: readonly QueuedBead[];
  /** Dependency cycles found (each a list of ids); their members count as blocked. */
  readonly cycles: readonly (readonly string[])[];
  /** Blocker ids that name no bead. */
  readonly missingBlockers: readonly string[];
}

/**
 * The JSON shape of a queued bead, shared by `forge tasks --json` and the HTTP API: snake_case
 * keys, times as RFC 3339, null where a value is unset.
 *
 * @param q a queued bead
 * @returns a plain object
 */
export function queuedBeadJson(q: QueuedBead): Record<string, unknown> {
  const b = q.bead;
  const s = q.score;
  return {
    id: b.id,
    workspace: q.workspace,
    title: b.title,
    state: q.state,
    status: b.status,
    priority: b.priority,
    issue_type: b.issueType,
    labels: [...b.labels],
    assignee: b.assignee ?? null,
    score: {
      total: s.total,
      priority: s.priority,
      unblocks: s.unblocks,
      age: s.age,
      urgent: s.urgent,
      unblocked_count: s.unblockedCount,
      age_days: s.ageDays,
      urgent_labels: [...s.urgentLabels],
    },
    blockers: q.blockers.map((x) => ({ id: x.id, status: x.status, via: x.via })),
    cycle: q.cycle === undefined ? null : [...q.cycle],
    reason: q.reason,
    created_at: isoOrNull(b.createdAt),
    updated_at: isoOrNull(b.updatedAt),
    defer_until: isoOrNull(b.deferUntil),
  };
}

function isoOrNull(ms: number | undefined): string | null {
  return ms === undefined ? null : toIso(ms);
}
