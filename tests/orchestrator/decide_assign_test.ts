import assert from "node:assert/strict";
import { decide, MAX_LAUNCHING } from "../../src/orchestrator/mod.ts";
import {
  engine,
  observed,
  only,
  plan,
  queue,
  queued,
  run,
  settings,
  startedBeads,
  T0,
  tick,
  TYPES,
  view,
  withQueues,
  WS,
} from "./_fixtures.ts";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `b-${i + 1}`);

Deno.test("decide() starts no more workers than max_workers minus the workers it tracks", () => {
  const first = run(engine({ settings: settings({ maxWorkers: 3 }) }), [
    { kind: "queue", queue: queue(ids(5).map((id) => queued(id))) },
  ]);
  assert.deepEqual(startedBeads(first.effects), ["b-1", "b-2", "b-3"]);
  assert.equal(first.state.workers.size, 3);
  assert.deepEqual(startedBeads(run(first.state, [tick(T0 + 1_000)]).effects), []);

  const [w1, w2, w3] = only(first.effects, "start").map((s) => s.workerId);
  const after = run(first.state, [
    {
      kind: "queue",
      queue: queue([
        queued("b-2", { state: "in_progress", assignee: w2 }),
        queued("b-3", { state: "in_progress", assignee: w3 }),
        queued("b-4"),
        queued("b-5"),
      ]),
    },
    observed(T0 + 2_000, [
      view(w1!, { state: "stopped", liveness: "dead" }),
      view(w2!),
      view(w3!),
    ]),
  ]);
  assert.deepEqual(only(after.effects, "finish").map((f) => [f.workerId, f.outcome]), [
    [w1, "completed"],
  ]);
  assert.deepEqual(startedBeads(after.effects), ["b-4"], "one slot freed, one bead started");
});

Deno.test("decide() keeps a workspace within its own max_workers", () => {
  const s = settings({ workspaceMaxWorkers: new Map([["/work/a", 1]]) });
  const state = withQueues(engine({ settings: s }), [
    queue([
      queued("a-1", { score: 80, workspace: "/work/a" }),
      queued("a-2", { score: 75, workspace: "/work/a" }),
    ]),
    queue([queued("b-1", { score: 60, workspace: "/work/b" })]),
  ]);
  const d = decide(state, tick(T0));
  assert.deepEqual(startedBeads(d.effects), ["a-1", "b-1"]);
  const waits = only(d.effects, "route").filter((r) => r.outcome === "waiting");
  assert.deepEqual(waits.map((w) => [w.beadId, w.reason]), [
    ["a-2", "workspace runs its maximum of 1 workers"],
  ]);
});

Deno.test("decide() assigns by score, then workspace priority, bead priority, age and id", async (t) => {
  const prio = new Map([["/work/a", 5], ["/work/b", 1]]);
  const cases: { name: string; beads: ReturnType<typeof queued>[]; first: string }[] = [
    {
      name: "higher score",
      beads: [queued("x", { score: 60 }), queued("y", { score: 80 })],
      first: "y",
    },
    {
      name: "lower workspace priority number",
      beads: [queued("x", { workspace: "/work/a" }), queued("y", { workspace: "/work/b" })],
      first: "y",
    },
    {
      name: "a configured workspace priority before an unset one",
      beads: [queued("x", { workspace: "/work/c" }), queued("y", { workspace: "/work/a" })],
      first: "y",
    },
    {
      name: "more urgent bead priority",
      beads: [queued("x", { priority: 3 }), queued("y", { priority: 1 })],
      first: "y",
    },
    {
      name: "older bead",
      beads: [queued("x", { createdAt: T0 - 1_000 }), queued("y", { createdAt: T0 - 9_000 })],
      first: "y",
    },
    { name: "smaller id", beads: [queued("y"), queued("x")], first: "x" },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const s = settings({ maxWorkers: 1, workspacePriority: prio });
      const byWs = Map.groupBy(c.beads, (b) => b.workspace);
      const state = withQueues(engine({ settings: s }), [...byWs.values()].map((b) => queue(b)));
      assert.deepEqual(startedBeads(decide(state, tick(T0)).effects), [c.first]);
    });
  }
});

Deno.test("decide() does not start a bead that a tracked worker already works on", () => {
  const first = run(engine(), [{ kind: "queue", queue: queue([queued("b-1")]) }]);
  assert.deepEqual(startedBeads(first.effects), ["b-1"]);
  const stale = run(first.state, [
    { kind: "queue", queue: queue([queued("b-1")]) },
    tick(T0 + 10_000),
  ]);
  assert.deepEqual(
    startedBeads(stale.effects),
    [],
    "the queue still says ready; the engine knows better",
  );
});

Deno.test("decide() skips a bead in backoff until its next attempt is due", () => {
  const first = run(engine(), [{ kind: "queue", queue: queue([queued("b-1")]) }]);
  const id = only(first.effects, "start")[0]!.workerId;
  const crashed = run(first.state, [
    { kind: "launched", workerId: id, ok: true },
    observed(T0 + 1_000, [view(id, { liveness: "dead" })]),
  ]);
  assert.equal(only(crashed.effects, "release").length, 1);
  assert.deepEqual(startedBeads(crashed.effects), [], "not restarted inside the same decision");
  // random 0.5 → exactly the base delay of 5 s after the failure at T0 + 1 s
  assert.deepEqual(startedBeads(run(crashed.state, [tick(T0 + 5_999)]).effects), []);
  assert.deepEqual(startedBeads(run(crashed.state, [tick(T0 + 6_000)]).effects), ["b-1"]);
});

Deno.test("decide() gives every started worker a fresh id that no one uses", () => {
  const taken = ["sonnet-alpha", "sonnet-charlie"];
  const types = settings({ workerTypes: [TYPES.sonnet], maxWorkers: 10 });
  const first = run(engine({ settings: types, takenIds: taken }), [
    observed(T0, [view("sonnet-delta", { state: "idle" })]),
    { kind: "queue", queue: queue(ids(3).map((id) => queued(id))) },
  ]);
  const started = only(first.effects, "start").map((s) => s.workerId);
  assert.deepEqual(started, ["sonnet-bravo", "sonnet-echo", "sonnet-foxtrot"]);
  const more = run(first.state, [{ kind: "queue", queue: queue(ids(6).map((id) => queued(id))) }]);
  const all = [...started, ...only(more.effects, "start").map((s) => s.workerId)];
  assert.equal(new Set(all).size, 6);
  for (const id of all) assert.ok(!taken.includes(id) && id !== "sonnet-delta", id);
});

Deno.test("decide() records a waiting bead once per distinct reason, not once per tick", () => {
  const s = settings({ workerTypes: [TYPES.sonnet], payPerTokenAllowed: false });
  const waits = (effects: ReturnType<typeof run>["effects"]) =>
    only(effects, "route").filter((r) => r.outcome === "waiting").map((r) => r.reason);
  const a = run(engine({ settings: s }), [
    { kind: "queue", queue: queue([queued("b-1", { score: 75 })]) },
    tick(T0 + 5_000),
    tick(T0 + 10_000),
    tick(T0 + 15_000),
  ]);
  assert.deepEqual(waits(a.effects), [
    "score 75 → standard: no model with capacity (claude-sonnet-4-5 is pay-per-token and the monthly budget is spent)",
  ]);
  const exhausted = [plan("claude-max", { models: ["claude-sonnet-4-5"], remaining: 0 })];
  const b = run(a.state, [
    { kind: "plans", plans: exhausted, payPerTokenAllowed: false },
    tick(T0 + 20_000),
    { kind: "plans", plans: exhausted, payPerTokenAllowed: false },
  ]);
  assert.deepEqual(waits(b.effects), [
    "score 75 → standard: no model with capacity (claude-max has no quota left)",
  ]);
  const c = run(b.state, [{
    kind: "plans",
    plans: [{ ...exhausted[0]!, remaining: 0.2 }],
    payPerTokenAllowed: false,
  }]);
  assert.deepEqual(only(c.effects, "route").map((r) => [r.outcome, r.plan]), [[
    "assigned",
    "claude-max",
  ]]);
  assert.deepEqual(startedBeads(c.effects), ["b-1"]);
});

Deno.test("decide() assigns nothing once asked to stop or drain", async (t) => {
  for (const drain of [false, true]) {
    await t.step(drain ? "drain" : "stop", () => {
      const d = run(engine(), [
        { kind: "stop", drain },
        { kind: "queue", queue: queue([queued("b-1"), queued("b-2", { workspace: WS })]) },
        tick(T0 + 5_000),
      ]);
      assert.deepEqual(startedBeads(d.effects), []);
      assert.equal(only(d.effects, "route").length, 0);
    });
  }
});

Deno.test("decide() keeps at most MAX_LAUNCHING launches in flight and starts more as they return", () => {
  const first = run(engine({ settings: settings({ maxWorkers: 50 }) }), [
    { kind: "queue", queue: queue(ids(20).map((id) => queued(id))) },
  ]);
  assert.equal(startedBeads(first.effects).length, MAX_LAUNCHING);
  assert.deepEqual(startedBeads(run(first.state, [tick(T0 + 1_000)]).effects), []);
  const [w1, w2] = only(first.effects, "start").map((s) => s.workerId);
  const next = run(first.state, [
    { kind: "launched", workerId: w1 ?? "", ok: true },
    { kind: "launched", workerId: w2 ?? "", ok: true },
    tick(T0 + 2_000),
  ]);
  const again = startedBeads(next.effects);
  assert.equal(again.length, 2, "two launches returned, two more start");
  assert.ok(again.every((b) => !startedBeads(first.effects).includes(b)));
  assert.equal(next.state.workers.size, MAX_LAUNCHING + 2);
});
