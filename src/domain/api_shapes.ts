/**
 * The JSON shapes that `--json` prints and the HTTP API serves, built in one place so both say
 * the same thing: snake_case keys, times as RFC 3339 UTC, null where a value is unset. Queued
 * beads have theirs beside their model (`queuedBeadJson` in task_queue.ts); costs and metrics
 * are already in this form (reports.ts).
 */
import type { FleetSnapshot } from "./fleet_snapshot.ts";
import { toIso } from "./time.ts";
import type { WorkerHealth, WorkerState, WorkerView } from "./worker_status.ts";
import { WORKER_STATES } from "./worker_status.ts";

/** A worker as `forge workers --json` and `/api/workers` show it. */
export interface WorkerJson {
  readonly id: string;
  readonly model: string | null;
  readonly status: WorkerState;
  readonly health: WorkerHealth;
  readonly health_reason: string | null;
  readonly alive: boolean;
  readonly task: string | null;
  readonly uptime_seconds: number | null;
  readonly pid: number | null;
  readonly workspace: string | null;
  readonly tasks_completed: number;
  readonly started_at: string | null;
  readonly last_activity: string | null;
  readonly error: string | null;
}

/**
 * The JSON shape of a worker.
 *
 * @param w a worker view
 * @returns the worker with snake_case keys
 */
export function workerJson(w: WorkerView): WorkerJson {
  const s = w.status;
  return {
    id: w.id,
    model: s.model ?? null,
    status: s.state,
    health: w.health,
    health_reason: w.healthReason ?? null,
    alive: w.liveness === "alive",
    task: s.currentTask ?? null,
    uptime_seconds: w.uptimeMs === undefined ? null : Math.round(w.uptimeMs / 1000),
    pid: s.pid ?? null,
    workspace: s.workspace ?? null,
    tasks_completed: s.tasksCompleted,
    started_at: s.startedAt === undefined ? null : toIso(s.startedAt),
    last_activity: s.lastActivity === undefined ? null : toIso(s.lastActivity),
    error: s.error ?? null,
  };
}

/** An alert as the store keeps it, or as the fleet snapshot carries it. */
export interface AlertRecord {
  readonly id: number;
  readonly at: number;
  readonly severity: string;
  readonly kind: string;
  readonly subject: string;
  readonly message: string;
  readonly acknowledgedAt?: number | undefined;
  readonly acknowledgedBy?: string | undefined;
}

/** An alert as `forge alerts --json` and `/api/alerts` show it. */
export interface AlertJson {
  readonly id: number;
  readonly at: string;
  readonly severity: string;
  readonly kind: string;
  readonly subject: string;
  readonly message: string;
  readonly acknowledged_at: string | null;
  readonly acknowledged_by: string | null;
}

/**
 * The JSON shape of an alert.
 *
 * @param a the alert
 * @returns the alert with snake_case keys
 */
export function alertJson(a: AlertRecord): AlertJson {
  return {
    id: a.id,
    at: toIso(a.at),
    severity: a.severity,
    kind: a.kind,
    subject: a.subject,
    message: a.message,
    acknowledged_at: a.acknowledgedAt === undefined ? null : toIso(a.acknowledgedAt),
    acknowledged_by: a.acknowledgedBy ?? null,
  };
}

/** Alert severities, most urgent first. */
export const ALERT_SEVERITIES = ["critical", "warning", "info"] as const;

/** Worker healths, best first. */
export const WORKER_HEALTHS: readonly WorkerHealth[] = ["healthy", "degraded", "stuck", "dead"];

/** `/api/status`: the fleet in a few numbers. */
export interface StatusJson {
  readonly version: string;
  readonly generated_at: string;
  /** `orchestrator` when this process runs the engine, `observer` when it watches. */
  readonly role: FleetSnapshot["role"];
  readonly engine: {
    readonly running: boolean;
    readonly pid: number | null;
    readonly max_workers: number | null;
    readonly stopping: boolean;
  };
  readonly workspaces: readonly string[];
  /** Beads per queue state over every workspace. */
  readonly beads: {
    readonly ready: number;
    readonly in_progress: number;
    readonly blocked: number;
    readonly deferred: number;
  };
  /** Every worker with a status file, by state and by health (each key always present). */
  readonly workers: {
    readonly total: number;
    readonly alive: number;
    readonly by_state: Readonly<Record<WorkerState, number>>;
    readonly by_health: Readonly<Record<WorkerHealth, number>>;
  };
  /** List cost of today's usage (UTC); null before the store was read. */
  readonly cost_today_usd: number | null;
  /** Open (unacknowledged) alerts. */
  readonly alerts: {
    readonly open: number;
    readonly by_severity: Readonly<Record<typeof ALERT_SEVERITIES[number], number>>;
  };
  readonly parked: readonly { readonly name: string; readonly until: string }[];
  /** Parts that could not be read, in words. */
  readonly problems: readonly string[];
}

/**
 * The status summary of a snapshot.
 *
 * @param s the fleet snapshot
 * @returns the summary `/api/status` serves and `/events` sends
 */
export function statusJson(s: FleetSnapshot): StatusJson {
  const byState = Object.fromEntries(WORKER_STATES.map((k) => [k, 0])) as Record<
    WorkerState,
    number
  >;
  const byHealth = Object.fromEntries(WORKER_HEALTHS.map((k) => [k, 0])) as Record<
    WorkerHealth,
    number
  >;
  let alive = 0;
  for (const w of s.workers) {
    byState[w.view.status.state]++;
    byHealth[w.view.health]++;
    if (w.view.liveness === "alive") alive++;
  }
  const bySeverity = { critical: 0, warning: 0, info: 0 };
  let open = 0;
  for (const a of s.alerts) {
    if (a.acknowledged) continue;
    open++;
    bySeverity[a.severity]++;
  }
  return {
    version: s.version,
    generated_at: toIso(s.at),
    role: s.role,
    engine: {
      running: s.engine.running,
      pid: s.engine.pid ?? null,
      max_workers: s.engine.maxWorkers ?? null,
      stopping: s.engine.stopping,
    },
    workspaces: [...s.workspaces],
    beads: {
      ready: s.counts.ready,
      in_progress: s.counts.inProgress,
      blocked: s.counts.blocked,
      deferred: s.counts.deferred,
    },
    workers: { total: s.workers.length, alive, by_state: byState, by_health: byHealth },
    cost_today_usd: s.costs?.today.cost_usd ?? null,
    alerts: { open, by_severity: bySeverity },
    parked: s.parked.map((p) => ({ name: p.name, until: toIso(p.until) })),
    problems: [...s.problems],
  };
}
