/**
 * Worker health as a pure decision (design.md 0009): liveness, activity freshness, memory and
 * progress turn into healthy / degraded / stuck / dead with a reason.
 */
import type { Liveness, WorkerHealth, WorkerState } from "./worker_status.ts";

/** Thresholds, all configurable. */
export interface HealthThresholds {
  /** No status or log activity for this long → degraded (default 15 min). */
  readonly staleMs: number;
  /** `starting` is exempt from staleness this long (default 2 min). */
  readonly startingGraceMs: number;
  /** Active on a task with no activity this long → stuck (default 30 min). */
  readonly stuckMs: number;
  /** Resident memory above this → degraded (default 4 GiB). */
  readonly maxRssBytes: number;
}

/** The defaults of design.md 0009. */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  staleMs: 15 * 60_000,
  startingGraceMs: 2 * 60_000,
  stuckMs: 30 * 60_000,
  maxRssBytes: 4 * 1024 ** 3,
};

/** What is known about one worker at one moment. */
export interface HealthInput {
  readonly state: WorkerState;
  readonly liveness: Liveness;
  readonly now: number;
  readonly startedAt: number | undefined;
  /** Latest of the status file's `last_activity` and the log's last growth. */
  readonly lastActivity: number | undefined;
  readonly currentTask: string | undefined;
  readonly rssBytes: number | undefined;
}

/** A health verdict. */
export interface HealthVerdict {
  readonly health: WorkerHealth;
  readonly reason: string | undefined;
}

/**
 * Decides a worker's health.
 *
 * @param input the observations
 * @param thresholds limits (defaults of design.md 0009)
 * @returns health and, unless healthy, why
 */
export function assessHealth(
  input: HealthInput,
  thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
): HealthVerdict {
  switch (input.state) {
    case "stopped":
    case "failed":
      return { health: "dead", reason: input.state };
    case "error":
      return {
        health: input.liveness === "alive" ? "degraded" : "dead",
        reason: "status file unreadable",
      };
    default:
      break;
  }
  if (input.liveness === "dead") return { health: "dead", reason: "process gone" };
  if (input.rssBytes !== undefined && input.rssBytes > thresholds.maxRssBytes) {
    return { health: "degraded", reason: `memory ${Math.round(input.rssBytes / 1024 ** 2)} MiB` };
  }
  const since = input.lastActivity ?? input.startedAt;
  if (since === undefined) return { health: "healthy", reason: undefined };
  const quiet = input.now - since;
  if (input.state === "starting" && quiet <= thresholds.startingGraceMs) {
    return { health: "healthy", reason: undefined };
  }
  if (input.state === "paused") return { health: "healthy", reason: undefined };
  if (input.state === "active" && input.currentTask !== undefined && quiet > thresholds.stuckMs) {
    return {
      health: "stuck",
      reason: `no activity on ${input.currentTask} for ${Math.round(quiet / 60_000)} min`,
    };
  }
  if (quiet > thresholds.staleMs) {
    return { health: "degraded", reason: `no activity for ${Math.round(quiet / 60_000)} min` };
  }
  return { health: "healthy", reason: undefined };
}
