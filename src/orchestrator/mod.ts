/**
 * @module
 * The orchestrator core: a pure engine (decide(state, event) → state and effects), subscription-
 * first routing, restart backoff and the circuit breaker. It imports only domain; the runner that
 * turns effects into I/O lives where the features are composed.
 */
export { decide, initialState, nextWake } from "./decide.ts";
export { MAX_LAUNCHING } from "./_assign_pass.ts";
export { routeBead, tierChain } from "./route_bead.ts";
export type { RouteContext, RouteResult } from "./route_bead.ts";
export { mayAttempt, recordFailure } from "./failures.ts";
export type {
  Decision,
  Effect,
  EngineEvent,
  EngineSettings,
  EngineState,
  FailureRecord,
  PlanStatus,
  TrackedWorker,
  WorkerType,
} from "./engine_types.ts";
export { STATUS_FILE_GRACE_MS } from "./engine_types.ts";
export { runEngine } from "./run_engine.ts";
export type { EnginePorts, RunEngineOptions } from "./run_engine.ts";
