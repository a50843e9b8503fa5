import assert from "node:assert/strict";
import type { Effect, EngineEvent, EngineState } from "../../src/orchestrator/mod.ts";
import { decide, mayAttempt, nextWake, recordFailure } from "../../src/orchestrator/mod.ts";
import {
  engine,
  MINUTE,
  observed,
  only,
  queue,
  queued,
  run,
  SECOND,
  settings,
  startedBeads,
  T0,
  tick,
  TYPES,
  view,
} from "./_fixtures.ts";

const policy = { baseMs: 5 * SECOND, maxMs: 5 * MINUTE, maxFailures: 100, windowMs: 60 * MINUTE };

Deno.test("recordFailure() doubles the delay from 5 s and caps it at 5 min", () => {
  let record = undefined;
  const delays: number[] = [];
  for (let n = 0; n < 9; n++) {
    const now = T0 + n * SECOND;
    record = recordFailure(record, { now, random: 0.5, policy });
    delays.push((record.nextAttemptAt - now) / SECOND);
  }
  assert.deepEqual(delays, [5, 10, 20, 40, 80, 160, 300, 300, 300]);
  assert.equal(record?.open, false);
});

Deno.test("recordFailure() jitters each delay by at most ±25 %", async (t) => {
  const bases = [5, 10, 20, 40, 80, 160, 300];
  for (const [random, low, high] of [[0, 0.75, 0.75], [0.999_999_9, 1.249_99, 1.25]] as const) {
    await t.step(`random ${random}`, () => {
      let record = undefined;
      for (const base of bases) {
        record = recordFailure(record, { now: T0, random, policy });
        const delay = (record.nextAttemptAt - T0) / SECOND;
        assert.ok(delay >= base * low && delay <= base * high, `${delay} s for ${base} s`);
      }
    });
  }
});

Deno.test("recordFailure() opens the breaker at the 3rd failure in the window and forgets older ones", () => {
  const p = { ...policy, maxFailures: 3, windowMs: 10 * MINUTE };
  const at = (times: number[]) => {
    let record = recordFailure(undefined, { now: T0 + times[0]! * MINUTE, random: 0.5, policy: p });
    for (const t of times.slice(1)) {
      record = recordFailure(record, { now: T0 + t * MINUTE, random: 0.5, policy: p });
    }
    return record;
  };
  assert.equal(at([0, 1]).open, false);
  assert.equal(at([0, 1, 9]).open, true);
  assert.equal(at([0, 6, 12]).open, false, "the failure at 0 is older than 10 min at 12");
  assert.deepEqual(at([0, 6, 12]).times, [T0 + 6 * MINUTE, T0 + 12 * MINUTE]);
  assert.equal(mayAttempt(at([0, 1, 9]), T0 + 24 * 60 * MINUTE), false, "open stays open");
});

/** Starts b-1, lets its worker die at `now`, and returns what the crash produced. */
function crashOnce(state: EngineState, now: number): { state: EngineState; effects: Effect[] } {
  const started = run(state, [{ kind: "queue", queue: queue([queued("b-1")]) }, tick(now)]);
  const [start] = only(started.effects, "start");
  assert.ok(start, `b-1 restarts at +${(now - T0) / SECOND} s`);
  return run(started.state, [
    { kind: "launched", workerId: start.workerId, ok: true },
    observed(now + SECOND, [view(start.workerId, { liveness: "dead" })]),
  ]);
}

Deno.test("decide() stops retrying a bead after its 3rd crash in 10 min, until the breaker is reset", () => {
  let state = engine();
  const alerts: Extract<Effect, { kind: "alert" }>[] = [];
  for (const t of [0, 1, 2]) {
    const d = crashOnce(state, T0 + t * MINUTE);
    state = d.state;
    alerts.push(...only(d.effects, "alert"));
  }
  assert.deepEqual(alerts.map((a) => `${a.severity} ${a.alert}`), [
    "warning worker_crashed",
    "warning worker_crashed",
    "critical bead_failing",
  ]);
  assert.match(alerts[2]!.message, /failed 3 times in 10 min .*forge assign b-1/);
  const later = run(state, [
    { kind: "queue", queue: queue([queued("b-1"), queued("b-2")]) },
    tick(T0 + 3 * 60 * MINUTE),
  ]);
  assert.deepEqual(startedBeads(later.effects), ["b-2"], "b-1 is not retried, others still run");
  const key = alerts[2]!.dedupeKey.slice("breaker:".length);
  const reset = decide(later.state, { kind: "reset-breaker", key });
  assert.deepEqual(startedBeads(reset.effects), ["b-1"]);
});

Deno.test("decide() keeps retrying a bead whose crashes are spread beyond the window", () => {
  let state = engine();
  const severities: string[] = [];
  for (const t of [0, 6, 12, 18]) {
    const d = crashOnce(state, T0 + t * MINUTE);
    state = d.state;
    severities.push(...only(d.effects, "alert").map((a) => a.severity));
  }
  assert.deepEqual(severities, ["warning", "warning", "warning", "warning"]);
});

/** Feeds every start back as a failed launch, as a launcher that always fails would. */
function failEveryLaunch(
  state: EngineState,
  events: readonly EngineEvent[],
  stage: "claim" | "launch",
): { state: EngineState; effects: Effect[] } {
  const effects: Effect[] = [];
  const inbox = [...events];
  for (let e = inbox.shift(); e !== undefined; e = inbox.shift()) {
    const d = decide(state, e);
    state = d.state;
    effects.push(...d.effects);
    // Each failure is known before the next event, as a launcher failing at once would be.
    for (const s of only(d.effects, "start").reverse()) {
      inbox.unshift({
        kind: "launch-failed",
        workerId: s.workerId,
        stage,
        message: "boom",
        random: 0.5,
      });
    }
  }
  return { state, effects };
}

Deno.test("decide() stops using a worker type whose launcher fails every time, without spinning", () => {
  const beads = Array.from({ length: 10 }, (_, i) => queued(`b-${i}`, { score: 75 }));
  const ticks = Array.from({ length: 10 }, (_, i) => tick(T0 + i * 30 * SECOND));
  const d = failEveryLaunch(
    engine({ settings: settings({ workerTypes: [TYPES.sonnet], maxWorkers: 1 }) }),
    [{ kind: "queue", queue: queue(beads) }, ...ticks],
    "launch",
  );
  const starts = only(d.effects, "start");
  assert.equal(starts.length, 3, "maxFailures launches, then the breaker holds over 10 ticks");
  assert.deepEqual(
    only(d.effects, "alert").map((a) => [a.severity, a.alert, a.dedupeKey]),
    [
      ["warning", "launch_failed", "launch:sonnet:b-0"],
      ["warning", "launch_failed", "launch:sonnet:b-0"],
      ["critical", "launcher_breaker_open", "breaker:type:sonnet"],
    ],
  );
  assert.equal(d.state.workers.size, 0);
  const reasons = only(d.effects, "route").filter((r) => r.outcome === "waiting");
  assert.match(reasons.at(-1)!.reason, /sonnet stopped after repeated launch failures/);
  const reset = decide(d.state, { kind: "reset-breaker", key: "sonnet" });
  assert.equal(only(reset.effects, "start").length, 1, "back to work after the reset");
});

Deno.test("decide() launches a failing type no more after its breaker opens, whatever the concurrency", () => {
  const beads = Array.from({ length: 20 }, (_, i) => queued(`b-${i}`, { score: 75 }));
  const ticks = Array.from({ length: 10 }, (_, i) => tick(T0 + i * 30 * SECOND));
  const s = settings({ workerTypes: [TYPES.sonnet], maxWorkers: 4 });
  const d = failEveryLaunch(engine({ settings: s }), [
    { kind: "queue", queue: queue(beads) },
    ...ticks,
  ], "launch");
  const starts = only(d.effects, "start").length;
  // 4 launches leave at once; each failure known before the 3rd frees a slot for one more.
  assert.ok(starts <= 3 + 4 - 1, `${starts} starts`);
  assert.equal(d.state.typeFailures.get("sonnet")?.open, true);
  const more = failEveryLaunch(d.state, [tick(T0 + 60 * MINUTE)], "launch");
  assert.equal(only(more.effects, "start").length, 0);
});

Deno.test("decide() counts a launch failure for the bead (backoff) and the worker type", () => {
  const s = settings({ workerTypes: [TYPES.sonnet, TYPES.haiku] });
  const d = failEveryLaunch(engine({ settings: s }), [
    { kind: "queue", queue: queue([queued("b-1", { score: 75 })]) },
  ], "launch");
  assert.deepEqual(
    only(d.effects, "start").map((e) => e.workerType),
    ["sonnet"],
    "not retried at once",
  );
  assert.equal(d.state.typeFailures.get("sonnet")?.times.length, 1);
  assert.deepEqual(startedBeads(run(d.state, [tick(T0 + 4 * SECOND)]).effects), []);
  assert.deepEqual(startedBeads(run(d.state, [tick(T0 + 5 * SECOND)]).effects), ["b-1"]);
});

Deno.test("decide() does not blame the worker type when the claim fails", () => {
  const beads = Array.from({ length: 10 }, (_, i) => queued(`b-${i}`));
  const d = failEveryLaunch(
    engine({ settings: settings({ workerTypes: [TYPES.sonnet] }) }),
    [{ kind: "queue", queue: queue(beads) }],
    "claim",
  );
  assert.equal(d.state.typeFailures.size, 0);
  assert.equal(only(d.effects, "start").length, 10, "every bead tried once, the type never broken");
  assert.ok(only(d.effects, "alert").every((a) => a.severity === "warning"));
  assert.deepEqual(
    startedBeads(run(d.state, [tick(T0 + SECOND)]).effects),
    [],
    "a bead whose claim failed is not asked for again at once",
  );
});

Deno.test("decide() backs off a bead whose claim keeps failing but never opens its breaker", () => {
  let state = engine();
  const alerts: string[] = [];
  for (const minute of [0, 1, 2, 3, 4]) {
    const d = failEveryLaunch(state, [
      { kind: "queue", queue: queue([queued("b-1")]) },
      tick(T0 + minute * MINUTE),
    ], "claim");
    assert.equal(only(d.effects, "start").length, 1, `one claim attempt in minute ${minute}`);
    alerts.push(...only(d.effects, "alert").map((a) => `${a.severity} ${a.alert}`));
    state = d.state;
  }
  assert.deepEqual(alerts, Array(5).fill("warning claim_failed"));
  const later = run(state, [tick(T0 + 60 * MINUTE)]);
  assert.deepEqual(startedBeads(later.effects), ["b-1"], "the bead is still worked on later");
});

Deno.test("decide() rests a worker type after a failed launch and uses another tier meanwhile", () => {
  const s = settings({ workerTypes: [TYPES.sonnet, TYPES.haiku], maxWorkers: 1 });
  const first = run(engine({ settings: s }), [
    { kind: "queue", queue: queue([queued("b-1", { score: 75 }), queued("b-2", { score: 75 })]) },
  ]);
  const [start] = only(first.effects, "start");
  assert.equal(start?.workerType, "sonnet");
  const failed = run(first.state, [{
    kind: "launch-failed",
    workerId: start.workerId,
    stage: "launch",
    message: "boom",
    random: 0.5,
  }]);
  assert.deepEqual(
    only(failed.effects, "start").map((e) => [e.bead.bead.id, e.workerType]),
    [["b-2", "haiku"]],
    "sonnet rests 5 s; b-2 falls back to budget, b-1 waits out its own backoff",
  );
  const waiting = only(failed.effects, "route").filter((r) => r.outcome === "waiting");
  assert.deepEqual(waiting, [], "b-1 is in backoff, not waiting for a route");
});

Deno.test("nextWake() is the earliest pending backoff or parking, ignoring open breakers and the past", () => {
  const base = engine();
  assert.equal(nextWake(base), undefined);
  const state = {
    ...base,
    beadFailures: new Map([
      ["a", { times: [T0], nextAttemptAt: T0 + 30 * SECOND, open: false }],
      ["b", { times: [T0], nextAttemptAt: T0 + 5 * SECOND, open: true }],
      ["c", { times: [T0], nextAttemptAt: T0 - SECOND, open: false }],
    ]),
    typeFailures: new Map([["sonnet", {
      times: [T0],
      nextAttemptAt: T0 + 20 * SECOND,
      open: false,
    }]]),
    parked: new Map([["claude-max", T0 + 10 * SECOND]]),
  };
  assert.equal(nextWake(state), T0 + 10 * SECOND);
});
