import assert from "node:assert/strict";
import type { Effect, EngineState } from "../../src/orchestrator/mod.ts";
import { STATUS_FILE_GRACE_MS } from "../../src/orchestrator/mod.ts";
import type { ViewSpec } from "./_fixtures.ts";
import {
  engine,
  observed,
  only,
  queue,
  queued,
  run,
  SECOND,
  startedBeads,
  T0,
  tick,
  view,
} from "./_fixtures.ts";

/** An engine whose worker runs b-1: started, launched, and the queue shows the claim. */
function working(): { state: EngineState; id: string } {
  const first = run(engine(), [{ kind: "queue", queue: queue([queued("b-1")]) }]);
  const id = only(first.effects, "start")[0]!.workerId;
  const { state } = run(first.state, [
    { kind: "launched", workerId: id, ok: true },
    { kind: "queue", queue: queue([queued("b-1", { state: "in_progress", assignee: id })]) },
  ]);
  assert.equal(state.workers.get(id)?.phase, "running");
  return { state, id };
}

/** One observation of the worker at T0 + 10 s. */
function observe(state: EngineState, id: string, spec: ViewSpec | "none") {
  return run(state, [observed(T0 + 10 * SECOND, spec === "none" ? [] : [view(id, spec)])]);
}

function summary(effects: readonly Effect[]): string[] {
  return effects.map((e) => {
    switch (e.kind) {
      case "finish":
        return `finish ${e.outcome}`;
      case "alert":
        return `alert ${e.severity} ${e.alert}`;
      case "release":
        return `release ${e.beadId}`;
      default:
        return e.kind;
    }
  });
}

Deno.test("decide() finishes a worker that stopped after closing its bead, without a release", () => {
  const { state, id } = working();
  const closed = run(state, [{ kind: "queue", queue: queue([], "/work/alpha") }]).state;
  const d = observe(closed, id, { state: "stopped", liveness: "dead" });
  assert.deepEqual(summary(d.effects), ["check-bead", "finish completed"]);
  assert.equal(d.state.workers.size, 0);
});

Deno.test("decide() releases the bead of a worker that stopped without closing it", () => {
  const { state, id } = working();
  const d = observe(state, id, { state: "stopped", liveness: "dead" });
  assert.deepEqual(summary(d.effects), [
    "check-bead",
    "finish interrupted",
    "release b-1",
    "alert warning worker_interrupted",
  ]);
});

Deno.test("decide() releases the bead of a worker that reported failure and retries it after the backoff", () => {
  const { state, id } = working();
  const d = observe(state, id, { state: "failed", liveness: "dead" });
  assert.deepEqual(summary(d.effects), [
    "check-bead",
    "finish failed",
    "release b-1",
    "alert warning worker_failed",
  ]);
  const [release] = only(d.effects, "release");
  assert.deepEqual(release, {
    kind: "release",
    workspace: "/work/alpha",
    beadId: "b-1",
    workerId: id,
    reason: `${id} failed: worker reported failure`,
  });
  assert.match(only(d.effects, "alert")[0]!.message, /bead released, retry in 5 s$/);
  const ready = run(d.state, [{ kind: "queue", queue: queue([queued("b-1")]) }]);
  assert.deepEqual(startedBeads(ready.effects), [], "in backoff");
  const later = run(ready.state, [tick(T0 + 15 * SECOND)]);
  assert.deepEqual(startedBeads(later.effects), ["b-1"]);
  assert.notEqual(only(later.effects, "start")[0]!.workerId, id, "a new worker, a new id");
});

Deno.test("decide() releases the bead of a worker whose process died and retries it after the backoff", () => {
  const { state, id } = working();
  const d = observe(state, id, { state: "active", liveness: "dead" });
  assert.deepEqual(summary(d.effects), [
    "check-bead",
    "finish crashed",
    "release b-1",
    "alert warning worker_crashed",
  ]);
  assert.equal(only(d.effects, "finish")[0]!.detail, "process gone");
  const retried = run(d.state, [
    { kind: "queue", queue: queue([queued("b-1")]) },
    tick(T0 + 15 * SECOND),
  ]);
  assert.deepEqual(startedBeads(retried.effects), ["b-1"]);
});

Deno.test("decide() kills and releases a stuck worker, and does not take it back", () => {
  const { state, id } = working();
  const d = observe(state, id, { health: "stuck", healthReason: "no log activity for 31 min" });
  assert.deepEqual(summary(d.effects), [
    "kill",
    "check-bead",
    "finish stuck",
    "release b-1",
    "alert warning worker_stuck",
  ]);
  assert.deepEqual(only(d.effects, "kill")[0], {
    kind: "kill",
    workerId: id,
    reason: "no log activity for 31 min",
  });
  assert.equal(d.state.workers.has(id), false, "the killed worker is not adopted again");
});

Deno.test("decide() does not take back a worker it released while the queue still shows its claim", () => {
  const { state, id } = working();
  const failed = observe(state, id, { state: "failed", liveness: "alive" });
  assert.equal(failed.state.workers.has(id), false);
  const again = run(failed.state, [observed(T0 + 20 * SECOND, [view(id, { state: "failed" })])]);
  assert.deepEqual(again.effects, [], "no second finish, release or failure for the same worker");
  assert.equal(again.state.workers.has(id), false);
});

Deno.test("decide() ends a rate-limited worker that exits as rate_limited, without a failure", () => {
  const { state, id } = working();
  const limited = run(state, [{ kind: "rate-limited", workerId: id, resetAt: T0 + 3_600_000 }]);
  const d = observe(limited.state, id, { state: "failed", liveness: "dead" });
  assert.deepEqual(summary(d.effects), ["check-bead", "finish rate_limited", "release b-1"]);
  assert.equal(d.state.beadFailures.size, 0);
  assert.equal(d.state.limited.size, 0, "the exited worker is forgotten");
});

Deno.test("decide() treats a running worker whose status file vanished as crashed", () => {
  const { state, id } = working();
  const seen = observe(state, id, { state: "active", liveness: "alive" });
  assert.equal(seen.state.workers.get(id)?.statusSeen, true);
  const d = observe(seen.state, id, "none");
  assert.deepEqual(summary(d.effects), [
    "check-bead",
    "finish crashed",
    "release b-1",
    "alert warning worker_crashed",
  ]);
  assert.equal(only(d.effects, "finish")[0]!.detail, "status file vanished");
});

Deno.test("decide() waits for a launched worker's first status file, then gives up on it", () => {
  const { state, id } = working();
  const early = observe(state, id, "none");
  assert.deepEqual(early.effects, [], "the protocol lets the file come after the launcher returns");
  assert.equal(early.state.workers.get(id)?.phase, "running");
  const late = run(early.state, [observed(T0 + STATUS_FILE_GRACE_MS, [])]);
  assert.deepEqual(summary(late.effects), [
    "kill",
    "check-bead",
    "finish crashed",
    "release b-1",
    "alert warning worker_crashed",
  ]);
  assert.equal(only(late.effects, "finish")[0]!.detail, "no status file 60 s after its launch");
});

Deno.test("decide() leaves a launching worker with no status file yet alone", () => {
  const first = run(engine(), [{ kind: "queue", queue: queue([queued("b-1")]) }]);
  const id = only(first.effects, "start")[0]!.workerId;
  const d = run(first.state, [observed(T0 + 30 * SECOND, [])]);
  assert.deepEqual(d.effects, []);
  assert.equal(d.state.workers.get(id)?.phase, "launching");
});

Deno.test("decide() keeps a healthy or degraded worker and one that is stopping but still alive", async (t) => {
  const cases: ViewSpec[] = [
    {},
    { state: "idle" },
    { health: "degraded", healthReason: "no activity for 16 min" },
    { state: "stopped", liveness: "alive" },
  ];
  for (const spec of cases) {
    await t.step(JSON.stringify(spec), () => {
      const { state, id } = working();
      const d = observe(state, id, spec);
      assert.deepEqual(d.effects, []);
      assert.ok(d.state.workers.has(id));
    });
  }
});

Deno.test("decide() asks the bead store, not the queue, whether an exited worker finished its bead", () => {
  const { state, id } = working();
  const gone = run(state, [
    observed(T0 + 10 * SECOND, [view(id, { state: "stopped", liveness: "dead" })]),
  ], {
    answerChecks: false,
  });
  assert.deepEqual(only(gone.effects, "check-bead"), [
    { kind: "check-bead", workerId: id, workspace: "/work/alpha", beadId: "b-1" },
  ]);
  assert.equal(gone.state.workers.get(id)?.phase, "ending", "tracked until the store answers");
  const again = run(gone.state, [
    observed(T0 + 20 * SECOND, [view(id, { state: "stopped", liveness: "dead" })]),
  ], {
    answerChecks: false,
  });
  assert.deepEqual(again.effects, [], "one check per ending worker");
  // The queue still shows the claim; the store says the bead was closed just before the exit.
  const done = run(again.state, [{
    kind: "bead-checked",
    workerId: id,
    closed: true,
    random: 0.5,
  }]);
  assert.deepEqual(summary(done.effects), ["finish completed"]);
  assert.equal(done.state.workers.size, 0);
  assert.equal(done.state.beadFailures.size, 0);
});

Deno.test("decide() kills a worker that reported failure but is still alive before releasing its bead", () => {
  const { state, id } = working();
  const d = observe(state, id, { state: "failed", liveness: "alive" });
  assert.deepEqual(summary(d.effects), [
    "kill",
    "check-bead",
    "finish failed",
    "release b-1",
    "alert warning worker_failed",
  ]);
});

Deno.test("decide() ignores a late launch report for a worker that is already ending", () => {
  const first = run(engine(), [{ kind: "queue", queue: queue([queued("b-1")]) }]);
  const id = only(first.effects, "start")[0]!.workerId;
  const gone = run(first.state, [
    observed(T0 + 5 * SECOND, [view(id, { state: "stopped", liveness: "dead" })]),
  ], {
    answerChecks: false,
  });
  const late = run(gone.state, [{ kind: "launched", workerId: id, ok: true }]);
  assert.equal(late.state.workers.get(id)?.phase, "ending");
});
