import assert from "node:assert/strict";
import { decide, initialState } from "../../src/orchestrator/mod.ts";
import {
  engine,
  observed,
  only,
  queue,
  queued,
  run,
  settings,
  startedBeads,
  T0,
  tick,
  view,
} from "./_fixtures.ts";

Deno.test("decide() stops at once on stop without drain, leaving workers running", () => {
  const busy = run(engine(), [{ kind: "queue", queue: queue([queued("b-1"), queued("b-2")]) }]);
  assert.equal(busy.state.workers.size, 2);
  const d = decide(busy.state, { kind: "stop", drain: false });
  assert.deepEqual(d.effects, [{ kind: "stopped" }]);
  assert.equal(d.state.workers.size, 2, "no kill, no release");
});

Deno.test("decide() drains: it stops only when its last tracked worker is gone", () => {
  const busy = run(engine(), [
    { kind: "queue", queue: queue([queued("b-1"), queued("b-2"), queued("b-3")]) },
  ]);
  const [a, b] = only(busy.effects, "start").map((s) => s.workerId);
  const draining = run(busy.state, [
    { kind: "launched", workerId: a!, ok: true },
    { kind: "launched", workerId: b!, ok: true },
    { kind: "stop", drain: true },
    { kind: "queue", queue: queue([queued("b-4")]) },
  ]);
  assert.deepEqual(draining.effects, [], "no stop yet, no new work");
  const third = only(busy.effects, "start")[2]!.workerId;
  const oneLeft = run(draining.state, [
    observed(T0 + 60_000, [
      view(a!, { state: "stopped", liveness: "dead" }),
      view(b!),
      view(third),
    ]),
  ]);
  assert.deepEqual(oneLeft.effects.map((e) => e.kind), ["check-bead", "finish"]);
  const done = run(oneLeft.state, [
    observed(T0 + 90_000, [
      view(b!, { state: "stopped", liveness: "dead" }),
      view(third, { state: "stopped", liveness: "dead" }),
    ]),
  ]);
  assert.deepEqual(done.effects.map((e) => e.kind), [
    "check-bead",
    "check-bead",
    "finish",
    "finish",
    "stopped",
  ]);
});

Deno.test("decide() drains at once when no worker runs", () => {
  assert.deepEqual(decide(engine(), { kind: "stop", drain: true }).effects, [{ kind: "stopped" }]);
});

Deno.test("decide() adopts a live worker on a bead assigned to it instead of starting another", () => {
  const state = run(engine(), [
    observed(T0, []),
    {
      kind: "queue",
      queue: queue([queued("b-1", { state: "in_progress", assignee: "opus-kilo" }), queued("b-2")]),
    },
  ]);
  assert.deepEqual(startedBeads(state.effects), ["b-2"]);
  const d = run(state.state, [
    observed(T0 + 5_000, [
      view("opus-kilo", { model: "claude-opus-4-1", startedAt: T0 - 3_600_000 }),
    ]),
  ]);
  assert.deepEqual(d.effects, [], "adoption is silent");
  const adopted = d.state.workers.get("opus-kilo");
  assert.equal(adopted?.beadId, "b-1");
  assert.equal(adopted?.model, "claude-opus-4-1");
  assert.equal(adopted?.startedAt, T0 - 3_600_000);
  assert.equal(adopted?.phase, "running");
  const released = run(d.state, [
    { kind: "queue", queue: queue([queued("b-1"), queued("b-2", { state: "in_progress" })]) },
    tick(T0 + 6_000),
  ]);
  assert.deepEqual(startedBeads(released.effects), [], "b-1 is worked by the adopted worker");
  const dies = run(d.state, [observed(T0 + 7_000, [view("opus-kilo", { liveness: "dead" })])]);
  assert.deepEqual(only(dies.effects, "release").map((r) => [r.beadId, r.workerId]), [
    ["b-1", "opus-kilo"],
  ]);
});

Deno.test("decide() gives back, once, a bead held by a dead worker of a previous run; not one held by a stranger", () => {
  const d = run(engine(), [
    {
      kind: "queue",
      queue: queue([
        queued("b-1", { state: "in_progress", assignee: "opus-kilo" }),
        queued("b-2", { state: "in_progress", assignee: "someone-else" }),
      ]),
    },
    observed(T0, [
      view("opus-kilo", { liveness: "dead" }),
      view("sonnet-lima", { bead: "b-2" }),
    ]),
  ]);
  assert.equal(d.state.workers.size, 0, "nobody adopted");
  assert.deepEqual(only(d.effects, "release"), [{
    kind: "release",
    workspace: "/work/alpha",
    beadId: "b-1",
    workerId: "opus-kilo",
    reason: "opus-kilo is gone (active) and left b-1 in progress",
  }]);
  assert.deepEqual(only(d.effects, "alert").map((a) => [a.severity, a.alert]), [
    ["info", "orphan_released"],
  ]);
  const again = run(d.state, [observed(T0 + 5_000, [view("opus-kilo", { liveness: "dead" })])]);
  assert.deepEqual(again.effects, [], "released once, though the queue still shows the claim");
});

Deno.test("decide() adopts the live workers of a previous run before it starts new ones", () => {
  // Restart order of the loop: queues first, then the first observation of the workers.
  const fresh = initialState(settings({ maxWorkers: 2 }), { now: T0 });
  const d = run(fresh, [
    {
      kind: "queue",
      queue: queue([
        queued("b-1", { state: "in_progress", assignee: "sonnet-alpha" }),
        queued("b-2", { state: "in_progress", assignee: "sonnet-bravo" }),
        queued("b-3"),
        queued("b-4"),
      ]),
    },
    { kind: "plans", plans: [], payPerTokenAllowed: true },
    observed(T0, [view("sonnet-alpha"), view("sonnet-bravo")]),
    tick(T0 + 1_000),
  ]);
  assert.deepEqual(startedBeads(d.effects), [], "two adopted workers fill max_workers = 2");
  assert.deepEqual([...d.state.workers.keys()].sort(), ["sonnet-alpha", "sonnet-bravo"]);
});
