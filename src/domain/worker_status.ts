/**
 * The status-file vocabulary shared by launchers, workers and every view of FORGE.
 */
import type { WorkerId } from "./ids.ts";

/** Every state a status file may hold, plus `error` which FORGE assigns to unreadable files. */
export const WORKER_STATES = [
  "active",
  "idle",
  "starting",
  "paused",
  "failed",
  "stopped",
  "error",
] as const;

/** One worker state. */
export type WorkerState = typeof WORKER_STATES[number];

/** States a worker or launcher may write (never `error`, never `spawned`). */
export const WRITABLE_WORKER_STATES: readonly WorkerState[] = [
  "active",
  "idle",
  "starting",
  "paused",
  "failed",
  "stopped",
];

/** States that mean the worker is meant to be running. */
export const HEALTHY_STATES: ReadonlySet<WorkerState> = new Set([
  "active",
  "idle",
  "starting",
  "paused",
]);

/** A worker as its status file describes it, normalised. Times are epoch milliseconds. */
export interface WorkerStatus {
  readonly workerId: WorkerId;
  readonly state: WorkerState;
  readonly model: string | undefined;
  readonly workspace: string | undefined;
  readonly pid: number | undefined;
  readonly startedAt: number | undefined;
  readonly lastActivity: number | undefined;
  /** Bead id the worker is on, from a string or an object's `bead_id`. */
  readonly currentTask: string | undefined;
  readonly tasksCompleted: number;
  readonly pausedAt: number | undefined;
  readonly pauseReason: string | undefined;
  readonly stoppedAt: number | undefined;
  /** Why the file could not be read (state `error` only). */
  readonly error: string | undefined;
  /** The file's own object, kept so rewrites preserve unknown keys and `metadata`. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Liveness of a worker's process as FORGE observed it. */
export type Liveness = "alive" | "dead" | "unknown";

/** Health as shown to users (design.md 0009). */
export type WorkerHealth = "healthy" | "degraded" | "stuck" | "dead";

/** A worker row of `forge workers`, the dashboard and `/api/workers`. */
export interface WorkerView {
  readonly id: WorkerId;
  readonly status: WorkerStatus;
  readonly liveness: Liveness;
  readonly health: WorkerHealth;
  /** Short reason for a health other than healthy. */
  readonly healthReason: string | undefined;
  readonly uptimeMs: number | undefined;
}
