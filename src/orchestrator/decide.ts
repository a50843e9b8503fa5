/**
 * The engine: a pure function from (state, event) to (state, effects). No I/O, no clock, no
 * randomness of its own: time and jitter arrive in events, so every decision is reproducible and
 * tested without sleeping.
 */
import type { Decision, Effect, EngineEvent, EngineSettings, EngineState } from "./engine_types.ts";
import { assignBeads } from "./_assign_pass.ts";
import { beadKey, observeWorkers } from "./_health_pass.ts";
import { recordFailure } from "./failures.ts";

/**
 * The state of an engine that has seen nothing yet.
 *
 * @param settings limits and policies
 * @param options the start time and ids already in use (status files, tmux sessions)
 * @returns the initial state
 */
export function initialState(
  settings: EngineSettings,
  options: { readonly now: number; readonly takenIds?: Iterable<string> },
): EngineState {
  return {
    now: options.now,
    settings,
    queues: new Map(),
    plans: [],
    workers: new Map(),
    beadFailures: new Map(),
    typeFailures: new Map(),
    parked: new Map(),
    limited: new Set(),
    waitingReasons: new Map(),
    stopping: "no",
    takenIds: new Set(options.takenIds ?? []),
  };
}

/**
 * Decides what to do about one event.
 *
 * @param state the current state
 * @param event what happened
 * @returns the next state and the effects to run
 */
export function decide(state: EngineState, event: EngineEvent): Decision {
  switch (event.kind) {
    case "tick":
      return withStop(assignBeads({ ...state, now: event.now }));
    case "queue": {
      const queues = new Map(state.queues);
      queues.set(event.queue.workspace, event.queue);
      return withStop(assignBeads({ ...state, queues }));
    }
    case "plans":
      return withStop(assignBeads({
        ...state,
        plans: event.plans,
        settings: { ...state.settings, payPerTokenAllowed: event.payPerTokenAllowed },
      }));
    case "observed": {
      const taken = new Set(state.takenIds);
      for (const v of event.workers) taken.add(v.id);
      const health = observeWorkers({ ...state, takenIds: taken }, {
        now: event.now,
        views: event.workers,
        random: event.random,
      });
      const next = assignBeads(health.state);
      return withStop({ state: next.state, effects: [...health.effects, ...next.effects] });
    }
    case "launched": {
      const w = state.workers.get(event.workerId);
      if (w === undefined) return { state, effects: [] };
      const workers = new Map(state.workers);
      workers.set(w.id, { ...w, phase: "running" });
      return { state: { ...state, workers }, effects: [] };
    }
    case "launch-failed":
      return withStop(launchFailed(state, event));
    case "rate-limited":
      return rateLimited(state, event);
    case "stop":
      return withStop({
        state: { ...state, stopping: event.drain ? "drain" : "stop" },
        effects: [],
      });
    case "reset-breaker": {
      const beadFailures = new Map(state.beadFailures);
      const typeFailures = new Map(state.typeFailures);
      beadFailures.delete(event.key);
      typeFailures.delete(event.key);
      return withStop(assignBeads({ ...state, beadFailures, typeFailures }));
    }
    default: {
      const unreachable: never = event;
      throw new TypeError(`Cannot decide on event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Adds the final `stopped` effect once a stop (or a drain with no workers left) is complete. */
function withStop(d: { state: EngineState; effects: readonly Effect[] }): Decision {
  const done = d.state.stopping === "stop" ||
    (d.state.stopping === "drain" && d.state.workers.size === 0);
  return done ? { state: d.state, effects: [...d.effects, { kind: "stopped" }] } : d;
}

function launchFailed(
  state: EngineState,
  event: Extract<EngineEvent, { kind: "launch-failed" }>,
): { state: EngineState; effects: Effect[] } {
  const w = state.workers.get(event.workerId);
  if (w === undefined) return { state, effects: [] };
  const workers = new Map(state.workers);
  workers.delete(w.id);
  if (event.stage === "claim") return assignBeads({ ...state, workers });
  const policy = state.settings.restart;
  const beadFailures = new Map(state.beadFailures);
  const key = beadKey(w.workspace, w.beadId);
  beadFailures.set(
    key,
    recordFailure(beadFailures.get(key), { now: state.now, random: event.random, policy }),
  );
  const typeFailures = new Map(state.typeFailures);
  const record = recordFailure(typeFailures.get(w.workerType), {
    now: state.now,
    random: event.random,
    policy,
  });
  typeFailures.set(w.workerType, record);
  const effects: Effect[] = [{
    kind: "alert",
    severity: record.open ? "critical" : "warning",
    alert: record.open ? "launcher_breaker_open" : "launch_failed",
    subject: w.workerType,
    message: record.open
      ? `launching ${w.workerType} failed ${record.times.length} times in ${
        Math.round(policy.windowMs / 60_000)
      } min; FORGE stopped using it (last error: ${event.message})`
      : `launching ${w.workerType} for ${w.beadId} failed: ${event.message}`,
    dedupeKey: record.open ? `breaker:type:${w.workerType}` : `launch:${w.workerType}:${w.beadId}`,
  }];
  const next = assignBeads({ ...state, workers, beadFailures, typeFailures });
  return { state: next.state, effects: [...effects, ...next.effects] };
}

function rateLimited(
  state: EngineState,
  event: Extract<EngineEvent, { kind: "rate-limited" }>,
): Decision {
  const w = state.workers.get(event.workerId);
  if (w === undefined) return { state, effects: [] };
  const until = event.resetAt ?? state.now + state.settings.defaultParkMs;
  const target = w.plan ?? w.model;
  const parked = new Map(state.parked);
  parked.set(target, Math.max(until, parked.get(target) ?? 0));
  const limited = new Set(state.limited);
  limited.add(w.id);
  const at = new Date(until).toISOString().slice(0, 16).replace("T", " ");
  return {
    state: { ...state, parked, limited },
    effects: [{
      kind: "alert",
      severity: "warning",
      alert: "usage_limit",
      subject: target,
      message:
        `${w.id} hit a usage limit on ${target}; ${target} parked until ${at} UTC, new beads go elsewhere`,
      dedupeKey: `park:${target}:${until}`,
    }],
  };
}
