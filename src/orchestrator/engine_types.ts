/**
 * The engine's vocabulary: its state, the events it reacts to and the effects it asks for. The
 * engine itself (decide()) is a pure function; the runner turns effects into I/O and I/O results
 * back into events.
 */
import type { QueuedBead, TaskQueue, Tier, WorkerView } from "../domain/mod.ts";

/** A kind of worker the orchestrator may start: one worker config. */
export interface WorkerType {
  readonly name: string;
  readonly model: string;
  /** Models it can run; empty means only `model`. */
  readonly models: readonly string[];
  readonly tier: Tier;
  /** USD per million tokens (input + output), for choosing the cheapest pay-per-token type. */
  readonly pricePerMillion: number;
  /** At most this many of its workers at once. */
  readonly maxWorkers: number | undefined;
}

/** A subscription plan and how much of its quota is used now. */
export interface PlanStatus {
  readonly name: string;
  readonly models: readonly string[];
  /** Fraction of the quota left (0-1); undefined for unlimited plans. */
  readonly remaining: number | undefined;
  /** Percent used minus percent of the window elapsed (negative: under pace). */
  readonly pace: number;
  readonly resetsAt: number | undefined;
  readonly maxWorkers: number | undefined;
  readonly tier: Tier | undefined;
}

/** Engine limits and policies (from the configuration). */
export interface EngineSettings {
  readonly maxWorkers: number;
  /** Per workspace path. */
  readonly workspaceMaxWorkers: ReadonlyMap<string, number>;
  /** Lower runs first when scores tie. */
  readonly workspacePriority: ReadonlyMap<string, number>;
  readonly workerTypes: readonly WorkerType[];
  /** Restart backoff: first delay, cap, and the circuit breaker (failures per window). */
  readonly restart: {
    readonly baseMs: number;
    readonly maxMs: number;
    readonly maxFailures: number;
    readonly windowMs: number;
  };
  /** When the pay-per-token budget is spent (projected), only plans are used. */
  readonly payPerTokenAllowed: boolean;
  /** How long to park a plan when an agent reports a limit without a reset time. */
  readonly defaultParkMs: number;
}

/**
 * How long a launched worker may go without a status file (the protocol asks for one within 5 s;
 * a loaded machine can take longer) before the engine takes it for a worker that never started.
 */
export const STATUS_FILE_GRACE_MS = 60_000;

/** A worker the engine started or adopted. */
export interface TrackedWorker {
  readonly id: string;
  readonly workspace: string;
  readonly beadId: string;
  readonly workerType: string;
  readonly model: string;
  readonly plan: string | undefined;
  readonly tier: Tier;
  readonly startedAt: number;
  /**
   * True once an observation showed its status file. The launcher protocol lets a worker write
   * it a few seconds after the launcher returned, so until then a missing file is not a crash.
   */
  readonly statusSeen?: boolean;
  /**
   * `launching` until the launcher returned; `running` after; `ending` once its process is gone
   * (or it was killed) while the engine asks the bead store whether the bead got closed.
   */
  readonly phase: "launching" | "running" | "ending";
  /** When ending: the outcome if the bead turns out not to be closed. */
  readonly ending?: { readonly outcome: FinishOutcome; readonly detail: string };
}

/** Failures of one bead (or one worker type), for backoff and the circuit breaker. */
export interface FailureRecord {
  readonly times: readonly number[];
  readonly nextAttemptAt: number;
  /** Set when the breaker opened: no more attempts until it is reset. */
  readonly open: boolean;
}

/** Everything the engine knows. */
export interface EngineState {
  readonly now: number;
  readonly settings: EngineSettings;
  readonly queues: ReadonlyMap<string, TaskQueue>;
  readonly plans: readonly PlanStatus[];
  readonly workers: ReadonlyMap<string, TrackedWorker>;
  /** Key `workspace\0bead`. */
  readonly beadFailures: ReadonlyMap<string, FailureRecord>;
  readonly typeFailures: ReadonlyMap<string, FailureRecord>;
  /** Plan or model name → until when it is parked (usage limit). */
  readonly parked: ReadonlyMap<string, number>;
  /**
   * False until the first observation of the workers: nothing is started before the live workers
   * of a previous run could be adopted, so a restart stays within the limits.
   */
  readonly workersSeen: boolean;
  /** Workers this engine ended: never adopted again, though a stale queue may show their claim. */
  readonly retired: ReadonlySet<string>;
  /** Workers that reported a usage limit: their exit is not a failure. */
  readonly limited: ReadonlySet<string>;
  /** Last routing reason per bead key, so a waiting bead is recorded once per change. */
  readonly waitingReasons: ReadonlyMap<string, string>;
  readonly stopping: "no" | "stop" | "drain";
  /** Ids already used, so new ids never collide. */
  readonly takenIds: ReadonlySet<string>;
}

/** What happens to the engine. */
export type EngineEvent =
  | { readonly kind: "tick"; readonly now: number; readonly random: number }
  | { readonly kind: "queue"; readonly queue: TaskQueue }
  | {
    readonly kind: "plans";
    readonly plans: readonly PlanStatus[];
    readonly payPerTokenAllowed: boolean;
  }
  | {
    readonly kind: "observed";
    readonly now: number;
    readonly workers: readonly WorkerView[];
    readonly random: number;
  }
  | { readonly kind: "launched"; readonly workerId: string; readonly ok: true }
  /** The answer to a `check-bead` effect: the store's own view of an ending worker's bead. */
  | {
    readonly kind: "bead-checked";
    readonly workerId: string;
    readonly closed: boolean;
    readonly random: number;
  }
  | {
    readonly kind: "launch-failed";
    readonly workerId: string;
    /** `claim`: the bead was taken or gone (not the launcher's fault). */
    readonly stage: "claim" | "launch";
    readonly message: string;
    readonly random: number;
  }
  | {
    readonly kind: "rate-limited";
    readonly workerId: string;
    readonly resetAt: number | undefined;
  }
  | { readonly kind: "stop"; readonly drain: boolean }
  | { readonly kind: "reset-breaker"; readonly key: string };

/** What the engine asks the runner to do. */
export type Effect =
  | {
    readonly kind: "start";
    readonly workerId: string;
    readonly workspace: string;
    readonly bead: QueuedBead;
    readonly workerType: string;
    readonly model: string;
    readonly plan: string | undefined;
    readonly tier: Tier;
    readonly reason: string;
  }
  | {
    readonly kind: "release";
    readonly workspace: string;
    readonly beadId: string;
    readonly workerId: string;
    readonly reason: string;
  }
  | { readonly kind: "kill"; readonly workerId: string; readonly reason: string }
  /** Ask the workspace's bead store whether the bead is closed (answered by `bead-checked`). */
  | {
    readonly kind: "check-bead";
    readonly workerId: string;
    readonly workspace: string;
    readonly beadId: string;
  }
  | {
    readonly kind: "finish";
    readonly workerId: string;
    readonly outcome: FinishOutcome;
    readonly detail: string;
  }
  | {
    readonly kind: "route";
    readonly workspace: string;
    readonly beadId: string;
    readonly score: number;
    readonly tier: Tier | undefined;
    readonly model: string | undefined;
    readonly plan: string | undefined;
    readonly outcome: "assigned" | "waiting";
    readonly reason: string;
  }
  | {
    readonly kind: "alert";
    readonly severity: "info" | "warning" | "critical";
    readonly alert: string;
    readonly subject: string;
    readonly message: string;
    readonly dedupeKey: string;
  }
  | { readonly kind: "stopped" };

/** How a worker's assignment ended. */
export type FinishOutcome =
  | "completed"
  | "failed"
  | "crashed"
  | "interrupted"
  | "stuck"
  | "rate_limited";

/** The result of one decision. */
export interface Decision {
  readonly state: EngineState;
  readonly effects: readonly Effect[];
}
