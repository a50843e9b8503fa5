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
    retired: new Set(),
    workersSeen: false,
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
      });
      const next = assignBeads(health.state);
      return withStop({ state: next.state, effects: [...health.effects, ...next.effects] });
    }
    case "launched": {
      const w = state.workers.get(event.workerId);
      if (w?.phase !== "launching") return { state, effects: [] };
      const workers = new Map(state.workers);
      workers.set(w.id, { ...w, phase: "running" });
      return { state: { ...state, workers }, effects: [] };
    }
    case "bead-checked":
      return withStop(beadChecked(state, event));
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

/** Ends a worker once the store said whether its bead is closed. */
function beadChecked(
  state: EngineState,
  event: Extract<EngineEvent, { kind: "bead-checked" }>,
): { state: EngineState; effects: Effect[] } {
  const w = state.workers.get(event.workerId);
  if (w?.phase !== "ending" || w.ending === undefined) return { state, effects: [] };
  const workers = new Map(state.workers);
  workers.delete(w.id);
  const retired = new Set(state.retired);
  retired.add(w.id);
  const limited = new Set(state.limited);
  limited.delete(w.id);
  const ended = { ...state, workers, retired, limited };
  if (event.closed) {
    const next = assignBeads(ended);
    const finish: Effect = {
      kind: "finish",
      workerId: w.id,
      outcome: "completed",
      detail: "bead closed",
    };
    return { state: next.state, effects: [finish, ...next.effects] };
  }
  const { outcome, detail } = w.ending;
  const effects: Effect[] = [
    { kind: "finish", workerId: w.id, outcome, detail },
    {
      kind: "release",
      workspace: w.workspace,
      beadId: w.beadId,
      workerId: w.id,
      reason: `${w.id} ${outcome}: ${detail}`,
    },
  ];
  const beadFailures = new Map(state.beadFailures);
  if (outcome !== "rate_limited") {
    const key = beadKey(w.workspace, w.beadId);
    const policy = state.settings.restart;
    const record = recordFailure(beadFailures.get(key), {
      now: state.now,
      random: event.random,
      policy,
    });
    beadFailures.set(key, record);
    effects.push(
      record.open
        ? {
          kind: "alert",
          severity: "critical",
          alert: "bead_failing",
          subject: w.beadId,
          message: `bead ${w.beadId} failed ${record.times.length} times in ${
            Math.round(policy.windowMs / 60_000)
          } min (last: ${outcome}); FORGE stopped retrying it — run \`forge assign ${w.beadId}\` to try again`,
          dedupeKey: `breaker:${key}`,
        }
        : {
          kind: "alert",
          severity: "warning",
          alert: `worker_${outcome}`,
          subject: w.id,
          message: `${w.id} ${outcome} on ${w.beadId} (${detail}); bead released, retry in ${
            Math.round((record.nextAttemptAt - state.now) / 1000)
          } s`,
          dedupeKey: `${outcome}:${w.id}`,
        },
    );
  }
  const next = assignBeads({ ...ended, beadFailures });
  return { state: next.state, effects: [...effects, ...next.effects] };
}

function launchFailed(
  state: EngineState,
  event: Extract<EngineEvent, { kind: "launch-failed" }>,
): { state: EngineState; effects: Effect[] } {
  const w = state.workers.get(event.workerId);
  if (w === undefined) return { state, effects: [] };
  const workers = new Map(state.workers);
  workers.delete(w.id);
  const policy = state.settings.restart;
  const beadFailures = new Map(state.beadFailures);
  const key = beadKey(w.workspace, w.beadId);
  if (event.stage === "claim") {
    // Someone else took the bead, or its store failed: wait (backoff) instead of asking again at
    // once, and do not blame the worker type. Nor the bead: a claim failure is not counted
    // towards its breaker, which would otherwise open silently and for good.
    const previous = beadFailures.get(key);
    const { nextAttemptAt } = recordFailure(previous, {
      now: state.now,
      random: event.random,
      policy,
    });
    beadFailures.set(key, {
      times: previous?.times ?? [],
      nextAttemptAt,
      open: previous?.open ?? false,
    });
    const next = assignBeads({ ...state, workers, beadFailures });
    const alert: Effect = {
      kind: "alert",
      severity: "warning",
      alert: "claim_failed",
      subject: w.beadId,
      message: `could not claim ${w.beadId}: ${event.message}`,
      dedupeKey: `claim:${key}`,
    };
    return { state: next.state, effects: [alert, ...next.effects] };
  }
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

/**
 * The next moment a decision may change without any event: a backoff running out, a parked plan
 * coming back. The loop wakes then instead of at its next periodic rescan.
 *
 * @param state the engine state
 * @returns epoch ms, or undefined when nothing is pending
 */
export function nextWake(state: EngineState): number | undefined {
  let next: number | undefined;
  const consider = (at: number) => {
    if (at > state.now && (next === undefined || at < next)) next = at;
  };
  for (const r of [...state.beadFailures.values(), ...state.typeFailures.values()]) {
    if (!r.open) consider(r.nextAttemptAt);
  }
  for (const until of state.parked.values()) consider(until);
  return next;
}
