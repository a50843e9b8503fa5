/**
 * The fleet at one moment, as every view reads it: the dashboard draws it, the status page (and
 * its JSON API) will serve it. One gatherer in the action layer builds it from the engine, the
 * status files, the logs and the store; views never read files, processes or SQLite themselves.
 * Times are epoch milliseconds; money is USD.
 */
import type { CostReport, CostRowReport, MetricsReport, PlanUsageReport } from "./reports.ts";
import type { QueuedBead, QueueState } from "./task_queue.ts";
import type { WorkerView } from "./worker_status.ts";
import type { Tier } from "./worker_config_schema.ts";

/** A worker row: what its status file says, and what the engine knows about it. */
export interface FleetWorker {
  readonly view: WorkerView;
  /** Worker config it was started from, when the engine started it. */
  readonly workerType: string | undefined;
  readonly tier: Tier | undefined;
  readonly plan: string | undefined;
  /** Workspace path (status file's, or the engine's). */
  readonly workspace: string | undefined;
  /** At list price, today (UTC). */
  readonly costTodayUsd: number;
}

/** Beads per queue state over every workspace. */
export interface QueueCounts {
  readonly ready: number;
  readonly inProgress: number;
  readonly blocked: number;
  readonly deferred: number;
}

/**
 * The counts as views list them: in progress, ready, blocked, deferred.
 *
 * @param counts beads per state
 * @returns each state with its count, in that order
 */
export function queueCountList(counts: QueueCounts): readonly (readonly [QueueState, number])[] {
  return [
    ["in_progress", counts.inProgress],
    ["ready", counts.ready],
    ["blocked", counts.blocked],
    ["deferred", counts.deferred],
  ];
}

/** A plan parked after a usage limit, or a model. */
export interface ParkedPlan {
  readonly name: string;
  readonly until: number;
}

/** An open (or recently acknowledged) alert. */
export interface FleetAlert {
  readonly id: number;
  readonly at: number;
  readonly severity: "info" | "warning" | "critical";
  readonly kind: string;
  readonly subject: string;
  readonly message: string;
  readonly acknowledged: boolean;
  /** When and by whom it was acknowledged (the API shows both). */
  readonly acknowledgedAt?: number | undefined;
  readonly acknowledgedBy?: string | undefined;
}

/** One routing decision of the engine, newest first. */
export interface FleetRouting {
  readonly at: number;
  readonly beadId: string;
  readonly workspace: string;
  readonly score: number;
  readonly tier: string | undefined;
  readonly model: string | undefined;
  readonly plan: string | undefined;
  readonly outcome: "assigned" | "waiting";
  readonly reason: string;
}

/** Severity of an activity line. */
export type ActivityLevel = "debug" | "info" | "warn" | "error";

/** One line of the live activity log: an engine event or a worker's log line. */
export interface ActivityLine {
  readonly at: number;
  readonly level: ActivityLevel;
  /** `forge` for the engine, else the worker id. */
  readonly source: string;
  readonly message: string;
}

/** Whether this process runs the engine or watches another process's. */
export type FleetRole = "orchestrator" | "observer";

/** Everything a view needs. */
export interface FleetSnapshot {
  readonly at: number;
  readonly version: string;
  readonly home: string;
  readonly role: FleetRole;
  /** The engine: running here, elsewhere (observer), or not at all. */
  readonly engine: {
    readonly running: boolean;
    /** Pid of the orchestrator process, when known. */
    readonly pid: number | undefined;
    readonly maxWorkers: number | undefined;
    readonly stopping: boolean;
  };
  readonly workspaces: readonly string[];
  /** Every worker with a status file, live ones first. */
  readonly workers: readonly FleetWorker[];
  /** In progress first, then ready by score, then blocked and deferred; closed beads left out. */
  readonly tasks: readonly QueuedBead[];
  readonly counts: QueueCounts;
  readonly parked: readonly ParkedPlan[];
  readonly costs: CostReport | undefined;
  /** Today's costs by model, biggest first. */
  readonly costByModel: readonly CostRowReport[];
  /** Cost per hour over the last 24 hours, oldest first (24 values). */
  readonly hourlyCostUsd: readonly number[];
  readonly plans: readonly PlanUsageReport[];
  /** The last 24 hours. */
  readonly metrics: MetricsReport | undefined;
  readonly alerts: readonly FleetAlert[];
  readonly routing: readonly FleetRouting[];
  /** Oldest first, capped. */
  readonly activity: readonly ActivityLine[];
  /** Parts that could not be read this time, in words ("store: database is locked"). */
  readonly problems: readonly string[];
}
