/**
 * Builders for the orchestrator tests: beads, queues, worker types, plans, settings and worker
 * views with sensible defaults, plus helpers that fold decide() over events. Everything is pure
 * data; time is a number the test chooses.
 */
import type {
  QueuedBead,
  QueueState,
  ScoreBreakdown,
  TaskQueue,
  WorkerId,
  WorkerState,
  WorkerView,
} from "../../src/domain/mod.ts";
import { toBeadId } from "../../src/domain/mod.ts";
import type {
  Effect,
  EngineEvent,
  EngineSettings,
  EngineState,
  PlanStatus,
  RouteContext,
  WorkerType,
} from "../../src/orchestrator/mod.ts";
import { decide, initialState } from "../../src/orchestrator/mod.ts";

/** A fixed start time: 2026-03-02 09:00 UTC. */
export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
/** The default workspace. */
export const WS = "/work/alpha";
export const SECOND = 1_000;
export const MINUTE = 60_000;

/** A score with only a total (the components do not matter to the engine). */
export function score(total: number): ScoreBreakdown {
  return {
    total,
    priority: total,
    unblocks: 0,
    age: 0,
    urgent: 0,
    unblockedCount: 0,
    ageDays: 0,
    urgentLabels: [],
  };
}

/** What a test may set on a queued bead. */
export interface BeadSpec {
  readonly score?: number;
  readonly workspace?: string;
  readonly state?: QueueState;
  readonly priority?: number;
  readonly labels?: readonly string[];
  readonly createdAt?: number;
  readonly assignee?: string | undefined;
}

/** A queued bead: ready, score 50, priority 2, in WS, unless told otherwise. */
export function queued(id: string, spec: BeadSpec = {}): QueuedBead {
  const state = spec.state ?? "ready";
  return {
    bead: {
      id: toBeadId(id),
      title: `Title of ${id}`,
      description: "",
      status: state === "in_progress" ? "in_progress" : state === "closed" ? "closed" : "open",
      priority: spec.priority ?? 2,
      issueType: "task",
      labels: spec.labels ?? [],
      assignee: spec.assignee,
      dependencies: [],
      createdAt: spec.createdAt ?? T0 - 86_400_000,
      updatedAt: undefined,
      closedAt: undefined,
      deferUntil: undefined,
      pinned: false,
      ephemeral: false,
    },
    workspace: spec.workspace ?? WS,
    state,
    score: score(spec.score ?? 50),
    blockers: [],
    cycle: undefined,
    reason: "",
  };
}

/** The queue of one workspace (the workspace of its first bead, or WS). */
export function queue(beads: readonly QueuedBead[], workspace?: string): TaskQueue {
  return {
    workspace: workspace ?? beads[0]?.workspace ?? WS,
    beads,
    cycles: [],
    missingBlockers: [],
  };
}

/** A worker type; pay-per-token standard sonnet unless told otherwise. */
export function workerType(name: string, spec: Partial<WorkerType> = {}): WorkerType {
  return {
    name,
    model: "claude-sonnet-4-5",
    models: [],
    tier: "standard",
    pricePerMillion: 18,
    maxWorkers: undefined,
    ...spec,
  };
}

/** One worker type per tier, each running its own model, all pay-per-token. */
export const TYPES = {
  opus: workerType("opus", { model: "claude-opus-4-1", tier: "premium", pricePerMillion: 90 }),
  sonnet: workerType("sonnet"),
  haiku: workerType("haiku", { model: "claude-haiku-4-5", tier: "budget", pricePerMillion: 6 }),
  local: workerType("local", { model: "qwen-coder-7b", tier: "free", pricePerMillion: 0 }),
} as const;

/** A subscription plan with half its quota left, on pace, no reset time, no limits. */
export function plan(name: string, spec: Partial<PlanStatus> = {}): PlanStatus {
  return {
    name,
    models: [],
    remaining: 0.5,
    pace: 0,
    resetsAt: undefined,
    maxWorkers: undefined,
    tier: undefined,
    ...spec,
  };
}

/** Settings: 4 workers, the four TYPES, 5 s × 2ⁿ up to 5 min, breaker at 3 in 10 min. */
export function settings(spec: Partial<EngineSettings> = {}): EngineSettings {
  return {
    maxWorkers: 4,
    workspaceMaxWorkers: new Map(),
    workspacePriority: new Map(),
    workerTypes: Object.values(TYPES),
    restart: { baseMs: 5 * SECOND, maxMs: 5 * MINUTE, maxFailures: 3, windowMs: 10 * MINUTE },
    payPerTokenAllowed: true,
    defaultParkMs: 60 * MINUTE,
    ...spec,
  };
}

/** A routing context over the four TYPES, no plans, budget left, nothing running. */
export function routeContext(spec: Partial<RouteContext> = {}): RouteContext {
  return {
    workerTypes: Object.values(TYPES),
    plans: [],
    parked: new Map(),
    brokenTypes: new Set(),
    payPerTokenAllowed: true,
    now: T0,
    runningByType: new Map(),
    runningByPlan: new Map(),
    ...spec,
  };
}

/** What a test may set on a worker view. */
export interface ViewSpec {
  readonly state?: WorkerState;
  readonly liveness?: "alive" | "dead" | "unknown";
  readonly health?: "healthy" | "degraded" | "stuck" | "dead";
  readonly healthReason?: string;
  readonly model?: string;
  readonly bead?: string | undefined;
  readonly startedAt?: number;
}

/** A worker as the status files show it: active, alive and healthy unless told otherwise. */
export function view(id: string, spec: ViewSpec = {}): WorkerView {
  return {
    id: id as WorkerId,
    status: {
      workerId: id as WorkerId,
      state: spec.state ?? "active",
      model: spec.model,
      workspace: WS,
      pid: 4242,
      startedAt: spec.startedAt,
      lastActivity: undefined,
      currentTask: spec.bead,
      tasksCompleted: 0,
      pausedAt: undefined,
      pauseReason: undefined,
      stoppedAt: undefined,
      error: undefined,
      raw: {},
    },
    liveness: spec.liveness ?? "alive",
    health: spec.health ?? "healthy",
    healthReason: spec.healthReason,
    uptimeMs: undefined,
  };
}

/** An `observed` event at `now` (jitter factor exactly 1 with the default random 0.5). */
export function observed(
  now: number,
  workers: readonly WorkerView[],
): Extract<EngineEvent, { kind: "observed" }> {
  return { kind: "observed", now, workers, random: 0.5 };
}

/**
 * A fresh engine that has observed its (empty) set of workers once, so it may assign.
 *
 * @param spec settings, start time and ids already in use
 * @returns the state
 */
export function engine(
  spec: {
    readonly settings?: EngineSettings;
    readonly now?: number;
    readonly takenIds?: Iterable<string>;
  } = {},
): EngineState {
  const now = spec.now ?? T0;
  const state = initialState(spec.settings ?? settings(), {
    now,
    ...(spec.takenIds === undefined ? {} : { takenIds: spec.takenIds }),
  });
  return decide(state, observed(now, [])).state;
}

/**
 * Folds decide() over events and gathers every effect, in order. Each `check-bead` effect is
 * answered at once, as a bead store agreeing with the latest queue would (a bead missing from the
 * queue is closed), unless `answerChecks` is false.
 */
export function run(
  state: EngineState,
  events: readonly EngineEvent[],
  options: { readonly answerChecks?: boolean } = {},
): { state: EngineState; effects: Effect[] } {
  const effects: Effect[] = [];
  const pending = [...events];
  for (let event = pending.shift(); event !== undefined; event = pending.shift()) {
    const d = decide(state, event);
    state = d.state;
    effects.push(...d.effects);
    if (options.answerChecks === false) continue;
    const answers = only(d.effects, "check-bead").map((c): EngineEvent => ({
      kind: "bead-checked",
      workerId: c.workerId,
      closed: closedInQueue(state, c.workspace, c.beadId),
      random: 0.5,
    }));
    pending.unshift(...answers);
  }
  return { state, effects };
}

function closedInQueue(state: EngineState, workspace: string, beadId: string): boolean {
  const q = state.queues.get(workspace)?.beads.find((b) => b.bead.id === beadId);
  return q === undefined || q.state === "closed";
}

/** The effects of one kind. */
export function only<K extends Effect["kind"]>(
  effects: readonly Effect[],
  kind: K,
): Extract<Effect, { kind: K }>[] {
  return effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
}

/** The ids of the beads that start effects started, in order. */
export function startedBeads(effects: readonly Effect[]): string[] {
  return only(effects, "start").map((e) => e.bead.bead.id);
}

/** The state with these queues loaded, without deciding anything yet. */
export function withQueues(state: EngineState, queues: readonly TaskQueue[]): EngineState {
  return { ...state, queues: new Map(queues.map((q) => [q.workspace, q])) };
}

/** A tick at `now` (jitter factor exactly 1). */
export function tick(now: number): EngineEvent {
  return { kind: "tick", now, random: 0.5 };
}
