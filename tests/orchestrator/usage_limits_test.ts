import assert from "node:assert/strict";
import type { EngineState } from "../../src/orchestrator/mod.ts";
import {
  engine,
  MINUTE,
  observed,
  only,
  plan,
  queue,
  queued,
  run,
  settings,
  T0,
  tick,
  TYPES,
  view,
  workerType,
} from "./_fixtures.ts";

const glm = workerType("glm", { model: "glm-4.6", pricePerMillion: 2 });
const claudeMax = plan("claude-max", { models: ["claude-sonnet-*"], remaining: 0.8 });

/** An engine with sonnet on the claude-max plan and pay-per-token glm, sonnet working on b-1. */
function onPlan(): { state: EngineState; id: string } {
  const s = settings({ workerTypes: [TYPES.sonnet, glm] });
  const d = run(engine({ settings: s }), [
    { kind: "plans", plans: [claudeMax], payPerTokenAllowed: true },
    { kind: "queue", queue: queue([queued("b-1", { score: 75 })]) },
  ]);
  const [start] = only(d.effects, "start");
  assert.equal(start?.plan, "claude-max");
  const launched = run(d.state, [
    { kind: "launched", workerId: start.workerId, ok: true },
    {
      kind: "queue",
      queue: queue([queued("b-1", { score: 75, state: "in_progress", assignee: start.workerId })]),
    },
  ]);
  return { state: launched.state, id: start.workerId };
}

/** Where a new bead `id` goes at `now`. */
function routeOf(state: EngineState, id: string, now: number): string | undefined {
  const d = run(state, [
    tick(now),
    {
      kind: "queue",
      queue: queue([queued("b-1", { state: "in_progress" }), queued(id, { score: 75 })]),
    },
  ]);
  const [start] = only(d.effects, "start");
  return start === undefined ? undefined : `${start.workerType}/${start.plan ?? "pay-per-token"}`;
}

Deno.test("decide() parks the plan of a rate-limited worker until its reset and routes elsewhere", () => {
  const { state, id } = onPlan();
  const resetAt = T0 + 120 * MINUTE;
  const d = run(state, [{ kind: "rate-limited", workerId: id, resetAt }]);
  assert.deepEqual(d.effects, [{
    kind: "alert",
    severity: "warning",
    alert: "usage_limit",
    subject: "claude-max",
    message:
      `${id} hit a usage limit on claude-max; claude-max parked until 2026-03-02 11:00 UTC, new beads go elsewhere`,
    dedupeKey: `park:claude-max:${resetAt}`,
  }]);
  assert.equal(d.state.parked.get("claude-max"), resetAt);
  assert.equal(routeOf(d.state, "b-2", T0 + MINUTE), "glm/pay-per-token");
  assert.equal(routeOf(d.state, "b-2", resetAt - 1), "glm/pay-per-token");
  assert.equal(
    routeOf(d.state, "b-2", resetAt),
    "sonnet/claude-max",
    "the plan is back at its reset",
  );
});

Deno.test("decide() reports one usage limit once, however often the agent repeats it", () => {
  const { state, id } = onPlan();
  const resetAt = T0 + 30 * MINUTE;
  const d = run(state, [
    { kind: "rate-limited", workerId: id, resetAt },
    { kind: "rate-limited", workerId: id, resetAt },
  ]);
  const keys = new Set(only(d.effects, "alert").map((a) => a.dedupeKey));
  assert.deepEqual([...keys], [`park:claude-max:${resetAt}`], "one alert after de-duplication");
});

Deno.test("decide() parks for the default time when the agent gave no reset time", () => {
  const { state, id } = onPlan();
  const d = run(state, [{ kind: "rate-limited", workerId: id, resetAt: undefined }]);
  assert.equal(d.state.parked.get("claude-max"), T0 + 60 * MINUTE);
  assert.equal(routeOf(d.state, "b-2", T0 + 59 * MINUTE), "glm/pay-per-token");
  assert.equal(routeOf(d.state, "b-2", T0 + 60 * MINUTE), "sonnet/claude-max");
});

Deno.test("decide() parks the model of a pay-per-token worker that hit a limit", () => {
  const s = settings({ workerTypes: [TYPES.sonnet, glm] });
  const d = run(engine({ settings: s }), [
    { kind: "queue", queue: queue([queued("b-1", { score: 75 })]) },
  ]);
  const [start] = only(d.effects, "start");
  assert.equal(start?.workerType, "glm");
  const limited = run(d.state, [{
    kind: "rate-limited",
    workerId: start.workerId,
    resetAt: T0 + MINUTE,
  }]);
  assert.equal(only(limited.effects, "alert")[0]?.subject, "glm-4.6");
  assert.equal(routeOf(limited.state, "b-2", T0 + 1), "sonnet/pay-per-token");
});

Deno.test("decide() gives the bead of a rate-limited worker back without backoff or failure", () => {
  const { state, id } = onPlan();
  const d = run(state, [
    { kind: "rate-limited", workerId: id, resetAt: T0 + 120 * MINUTE },
    observed(T0 + MINUTE, [view(id, { state: "active", liveness: "dead" })]),
  ]);
  assert.deepEqual(
    d.effects.map((e) => e.kind === "finish" ? `finish ${e.outcome}` : e.kind),
    ["alert", "check-bead", "finish rate_limited", "release"],
  );
  const again = run(d.state, [
    { kind: "queue", queue: queue([queued("b-1", { score: 75 })]) },
    tick(T0 + MINUTE + 1),
  ]);
  assert.deepEqual(
    only(again.effects, "start").map((e) => [e.bead.bead.id, e.workerType]),
    [["b-1", "glm"]],
    "retried at once, on the pay-per-token model while the plan is parked",
  );
});
