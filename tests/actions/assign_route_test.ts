import assert from "node:assert/strict";
import { type AssignRouteInput, routeForAssign } from "../../src/actions/_assign_route.ts";
import { ForgeError, NotFoundError } from "../../src/domain/mod.ts";
import type { PlanStatus, WorkerType } from "../../src/orchestrator/mod.ts";
import { bead, entry, NOW, queueOf } from "../beads/_graph_fixtures.ts";

function type(name: string, fields: Partial<WorkerType> = {}): WorkerType {
  return {
    name,
    model: name,
    models: [],
    tier: "budget",
    pricePerMillion: 1,
    maxWorkers: undefined,
    ...fields,
  };
}

function plan(name: string, models: string[], fields: Partial<PlanStatus> = {}): PlanStatus {
  return {
    name,
    models,
    remaining: 0.5,
    pace: 0,
    resetsAt: NOW + 3_600_000,
    maxWorkers: undefined,
    tier: undefined,
    ...fields,
  };
}

/** A P0 bead (score 40: budget, then standard). */
const q = entry(queueOf([bead("x", { priority: 0 })]), "x");

function input(fields: Partial<AssignRouteInput> = {}): AssignRouteInput {
  return {
    bead: q,
    model: undefined,
    workerTypes: [type("cheap"), type("sonnet", { tier: "standard", pricePerMillion: 18 })],
    plans: [],
    payPerTokenAllowed: true,
    now: NOW,
    runningModels: [],
    ...fields,
  };
}

Deno.test("routeForAssign() routes like the engine: the cheapest fitting type, plans first", () => {
  const paid = routeForAssign(input());
  assert.equal(paid.workerType.name, "cheap");
  assert.equal(paid.plan, undefined);
  const sub = routeForAssign(input({ plans: [plan("pro", ["sonnet"])] }));
  assert.equal(sub.workerType.name, "cheap", "budget is tried before standard for score 40");
  const onlyPlan = routeForAssign(
    input({ plans: [plan("pro", ["sonnet"])], payPerTokenAllowed: false }),
  );
  assert.equal(onlyPlan.workerType.name, "sonnet");
  assert.equal(onlyPlan.plan?.name, "pro");
  assert.match(onlyPlan.reason, /plan pro \(50% left\)/);
});

Deno.test("routeForAssign() with a model picks a type that runs it and says so", () => {
  const route = routeForAssign(input({ model: "sonnet" }));
  assert.equal(route.workerType.name, "sonnet");
  assert.equal(route.model, "sonnet");
  assert.match(route.reason, /^--model sonnet; pay-per-token sonnet via sonnet$/);
});

Deno.test("routeForAssign() refuses a model nobody runs, listing the models there are", () => {
  assert.throws(() => routeForAssign(input({ model: "gpt-9" })), (e: unknown) => {
    assert.ok(e instanceof NotFoundError);
    assert.match(e.message, /^Cannot assign bead "x" to model "gpt-9": no worker config/);
    assert.match(e.hint ?? "", /models available: cheap, sonnet/);
    return true;
  });
});

Deno.test("routeForAssign() turns a wait into an error with routing's reason", async (t) => {
  await t.step("a plan at its worker limit, counted from the running workers", () => {
    const plans = [plan("pro", ["sonnet"], { maxWorkers: 1 })];
    assert.throws(
      () => routeForAssign(input({ model: "sonnet", plans, runningModels: ["sonnet"] })),
      (e: unknown) =>
        e instanceof ForgeError && e.code === "CONFLICT" &&
        /pro runs its maximum of 1 workers/.test(e.message),
    );
  });
  await t.step("no quota and no budget", () => {
    const plans = [plan("pro", ["cheap", "sonnet"], { remaining: 0 })];
    assert.throws(
      () => routeForAssign(input({ plans, payPerTokenAllowed: false })),
      (e: unknown) => e instanceof ForgeError && /no model with capacity/.test(e.message),
    );
  });
  await t.step("no worker type at all", () => {
    assert.throws(() => routeForAssign(input({ workerTypes: [] })), NotFoundError);
  });
});
