/**
 * The one loop of the orchestrator: wait for a change (file events, coalesced) or the periodic
 * rescan, turn what changed into events, let decide() answer, and run the effects through the
 * ports. Launches run in the background and report back as events, so a slow launcher never holds
 * the loop; one failing effect is reported and does not stop the others.
 */
import type { Clock, Random, TaskQueue, WorkerView } from "../domain/mod.ts";
import type {
  Effect,
  EngineEvent,
  EngineSettings,
  EngineState,
  PlanStatus,
} from "./engine_types.ts";
import { decide, initialState, nextWake } from "./decide.ts";

/** What the loop needs from the world. */
export interface EnginePorts {
  readonly clock: Clock;
  readonly random: Random;
  /** Resolves when a watched file changed, or after `ms`. */
  waitForChange(ms: number, signal: AbortSignal): Promise<void>;
  /** The queue of every workspace, read fresh. */
  loadQueues(): Promise<readonly TaskQueue[]>;
  observeWorkers(): Promise<readonly WorkerView[]>;
  loadPlans(): Promise<
    { readonly plans: readonly PlanStatus[]; readonly payPerTokenAllowed: boolean }
  >;
  /** Usage limits agents reported since the last call (the runner ingests logs here). */
  takeRateLimits(): Promise<
    readonly { readonly workerId: string; readonly resetAt: number | undefined }[]
  >;
  /** Runs one effect; returns the events it produced. */
  runEffect(effect: Effect): Promise<readonly EngineEvent[]>;
  /** Called after every decision, for views (dashboard, status page). */
  onState?(state: EngineState, effects: readonly Effect[]): void;
  /** Called when an effect threw. */
  onError?(effect: Effect, error: unknown): void;
}

/** How the loop runs. */
export interface RunEngineOptions {
  readonly settings: EngineSettings;
  readonly takenIds: Iterable<string>;
  /** Full rescan period (default 5 s). */
  readonly rescanMs?: number;
  /** Aborting asks the engine to stop (or drain, with `drain`). */
  readonly signal: AbortSignal;
  readonly drain?: () => boolean;
}

/**
 * Runs the engine until it stops.
 *
 * @param ports the world
 * @param options settings, ids in use, timing and the stop signal
 * @returns the final state
 */
export async function runEngine(
  ports: EnginePorts,
  options: RunEngineOptions,
): Promise<EngineState> {
  let state = initialState(options.settings, {
    now: ports.clock.now(),
    takenIds: options.takenIds,
  });
  const inbox: EngineEvent[] = [];
  const running = new Set<Promise<void>>();
  let wake = new AbortController();
  let stopped = false;
  let stopSent = false;
  const apply = (event: EngineEvent) => {
    if (stopped) return; // nothing is decided after the engine said it stopped
    const d = decide(state, event);
    state = d.state;
    ports.onState?.(state, d.effects);
    for (const effect of d.effects) {
      if (effect.kind === "stopped") stopped = true;
      else track(effect);
    }
  };
  const track = (effect: Effect) => {
    let started: Promise<readonly EngineEvent[]>;
    try {
      started = ports.runEffect(effect);
    } catch (error) { // a port that throws instead of rejecting
      started = Promise.reject(error);
    }
    const p = started.then((events) => {
      inbox.push(...events);
    }, (error) => {
      ports.onError?.(effect, error);
      inbox.push(...answerToFailure(effect, error, ports.random));
    }).finally(() => {
      running.delete(p);
      wake.abort();
    });
    running.add(p);
  };
  while (!stopped) {
    if (options.signal.aborted && !stopSent) {
      stopSent = true;
      inbox.push({ kind: "stop", drain: options.drain?.() ?? false });
    }
    await refresh(ports, inbox, state.now);
    for (let e = inbox.shift(); e !== undefined; e = inbox.shift()) apply(e);
    apply({ kind: "tick", now: ports.clock.now(), random: ports.random.next() });
    if (stopped) break;
    // Once the stop is sent, the aborted stop signal must not cut every wait of a drain short.
    const signal = stopSent ? wake.signal : AbortSignal.any([wake.signal, options.signal]);
    const rescanMs = options.rescanMs ?? 5_000;
    const wakeAt = nextWake(state);
    const waitMs = wakeAt === undefined
      ? rescanMs
      : Math.max(0, Math.min(rescanMs, wakeAt - ports.clock.now()));
    await ports.waitForChange(waitMs, signal).catch(() => {});
    if (wake.signal.aborted) wake = new AbortController();
  }
  await Promise.allSettled([...running]);
  return state;
}

/**
 * The events an effect that threw still owes the engine, so no worker waits forever for an answer:
 * a start that threw is a failed launch; a bead check that threw reads as "not closed".
 */
function answerToFailure(effect: Effect, error: unknown, random: Random): EngineEvent[] {
  switch (effect.kind) {
    case "start":
      return [{
        kind: "launch-failed",
        workerId: effect.workerId,
        stage: "launch",
        message: error instanceof Error ? error.message : String(error),
        random: random.next(),
      }];
    case "check-bead":
      return [{
        kind: "bead-checked",
        workerId: effect.workerId,
        closed: false,
        random: random.next(),
      }];
    default:
      return [];
  }
}

async function refresh(ports: EnginePorts, inbox: EngineEvent[], _last: number): Promise<void> {
  for (const queue of await ports.loadQueues()) inbox.push({ kind: "queue", queue });
  const plans = await ports.loadPlans();
  inbox.push({ kind: "plans", plans: plans.plans, payPerTokenAllowed: plans.payPerTokenAllowed });
  for (const limit of await ports.takeRateLimits()) inbox.push({ kind: "rate-limited", ...limit });
  inbox.push({
    kind: "observed",
    now: ports.clock.now(),
    workers: await ports.observeWorkers(),
    random: ports.random.next(),
  });
}
