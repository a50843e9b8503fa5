import assert from "node:assert/strict";
import type { TaskQueue } from "../../src/domain/mod.ts";
import type { Decision, EngineEvent, EngineState } from "../../src/orchestrator/mod.ts";
import { decide, initialState } from "../../src/orchestrator/mod.ts";
import { RandomWorld } from "./_random_world.ts";

const SEQUENCES = 400;

function queueEvent(q: TaskQueue | undefined): EngineEvent | undefined {
  return q === undefined ? undefined : { kind: "queue", queue: q };
}

/** The next event of a random run. */
function nextEvent(world: RandomWorld, state: EngineState): EngineEvent | undefined {
  const roll = world.r();
  if (world.r() < 0.2) world.snapshot(world.pick(["/w/a", "/w/b"])!);
  if (roll < 0.2) {
    if (world.r() < 0.2) world.addBead();
    return queueEvent(world.deliverQueue(world.pick(["/w/a", "/w/b"])!, world.r() < 0.5));
  }
  if (roll < 0.3) return world.observe();
  if (roll < 0.4) {
    world.evolve();
    return undefined;
  }
  if (roll < 0.55) {
    world.answerLaunch();
    return undefined;
  }
  if (roll < 0.7) return world.outbox.splice(world.int(world.outbox.length), 1)[0];
  if (roll < 0.75) {
    const id = world.pick([...state.workers.keys()]);
    if (id === undefined) return undefined;
    const resetAt = world.r() < 0.5 ? undefined : world.now + world.int(7_200_000);
    return { kind: "rate-limited", workerId: id, resetAt };
  }
  if (roll < 0.78) return world.plans();
  if (roll < 0.8) {
    const key = world.pick([...state.beadFailures.keys(), ...state.typeFailures.keys()]);
    return key === undefined ? undefined : { kind: "reset-breaker", key };
  }
  if (roll < 0.802) return { kind: "stop", drain: world.r() < 0.5 };
  world.now += world.int(120_000);
  return { kind: "tick", now: world.now, random: world.r() };
}

/** Checks the invariants after one decision; returns the worker ids it started. */
function check(
  before: EngineState,
  event: EngineEvent,
  d: Decision,
  startedIds: Set<string>,
): void {
  const after = d.state;
  const keys = [...after.workers.values()].map((w) => `${w.workspace} ${w.beadId}`);
  assert.equal(new Set(keys).size, keys.length, `a bead worked twice: ${keys.join(", ")}`);
  assert.ok(
    after.workers.size <= after.settings.maxWorkers,
    `${after.workers.size} workers tracked, max_workers ${after.settings.maxWorkers}`,
  );
  for (const e of d.effects) {
    if (e.kind !== "start") continue;
    assert.ok(!startedIds.has(e.workerId), `worker id ${e.workerId} used twice`);
    startedIds.add(e.workerId);
  }
  for (const e of d.effects) {
    if (e.kind === "release") {
      assert.ok(!after.workers.has(e.workerId), `${e.workerId} still tracked after release`);
    }
    if (e.kind === "kill" || e.kind === "check-bead") {
      const phase = after.workers.get(e.workerId)?.phase;
      assert.ok(
        phase === undefined || phase === "ending",
        `${e.workerId} ${phase} after ${e.kind}`,
      );
    }
  }
  for (const w of before.workers.values()) {
    if (after.workers.has(w.id)) continue;
    // A failed launch gives its claim back itself (startWorker), or never claimed.
    if (event.kind === "launch-failed" && event.workerId === w.id) continue;
    const completed = d.effects.some((e) =>
      e.kind === "finish" && e.workerId === w.id && e.outcome === "completed"
    );
    const released = d.effects.some((e) =>
      e.kind === "release" && e.workerId === w.id && e.beadId === w.beadId &&
      e.workspace === w.workspace
    );
    assert.ok(completed || released, `${w.id} left without completing or releasing ${w.beadId}`);
  }
}

/** Nothing the engine forgot holds a bead: each claim is tracked, pending, or of a live worker. */
function checkWorld(world: RandomWorld, state: EngineState): void {
  for (const b of world.beads) {
    if (b.status !== "in_progress" || b.assignee === undefined) continue;
    const w = world.workers.get(b.assignee);
    if (w === undefined || w.alive || w.stray) continue;
    assert.ok(
      state.workers.has(b.assignee),
      `${b.id} left claimed by dead worker ${b.assignee} the engine no longer tracks`,
    );
  }
}

function runSequence(seed: number): void {
  const world = new RandomWorld(seed);
  const strays = [...world.workers.keys()];
  let state = initialState(world.settings, { now: world.now, takenIds: strays });
  const startedIds = new Set<string>(strays);
  // The loop's first round: every queue, the plans, then the first look at the workers.
  const first: EngineEvent[] = [
    { kind: "queue", queue: world.deliverQueue("/w/a", true)! },
    { kind: "queue", queue: world.deliverQueue("/w/b", true)! },
    world.plans(),
    world.observe(),
  ];
  const steps = 60 + world.int(120);
  for (let step = 0; step < steps; step++) {
    const event = first.shift() ?? nextEvent(world, state);
    if (event === undefined) continue;
    const d = decide(state, event);
    try {
      check(state, event, d, startedIds);
      for (const e of d.effects) world.apply(e);
      checkWorld(world, d.state);
    } catch (error) {
      throw new Error(`seed ${seed}, step ${step}, event ${event.kind}: ${String(error)}`, {
        cause: error,
      });
    }
    state = d.state;
  }
}

Deno.test("decide() keeps its invariants over random runs", () => {
  for (let seed = 1; seed <= SEQUENCES; seed++) runSequence(seed);
});

Deno.test("decide() invariant runs are reproducible from their seed", () => {
  const trace = (seed: number) => {
    const w = new RandomWorld(seed);
    return [w.settings.maxWorkers, w.beads.length, w.r(), w.r()];
  };
  assert.deepEqual(trace(7), trace(7));
  assert.notDeepEqual(trace(7), trace(8));
});
