import assert from "node:assert/strict";
import type { RouteResult } from "../../src/orchestrator/mod.ts";
import { routeBead, tierChain } from "../../src/orchestrator/mod.ts";
import { MINUTE, plan, queued, routeContext, T0, TYPES, workerType } from "./_fixtures.ts";

function assigned(r: RouteResult): Extract<RouteResult, { kind: "assign" }> {
  assert.equal(r.kind, "assign", `expected an assignment, got: ${r.reason}`);
  return r as Extract<RouteResult, { kind: "assign" }>;
}

function waiting(r: RouteResult): Extract<RouteResult, { kind: "wait" }> {
  assert.equal(r.kind, "wait", `expected to wait, got: ${r.reason}`);
  return r as Extract<RouteResult, { kind: "wait" }>;
}

Deno.test("tierChain() maps every score band to its tier and fallback chain", async (t) => {
  const cases: [number, string[]][] = [
    [100, ["premium", "standard", "budget", "free"]],
    [90, ["premium", "standard", "budget", "free"]],
    [89, ["standard", "budget", "free"]],
    [70, ["standard", "budget", "free"]],
    [69, ["budget", "standard", "free"]],
    [40, ["budget", "standard", "free"]],
    [39, ["budget", "free"]],
    [0, ["budget", "free"]],
  ];
  for (const [total, tiers] of cases) {
    await t.step(`score ${total}`, () => {
      assert.deepEqual(tierChain(queued("b-1", { score: total })).tiers, tiers);
      const r = assigned(routeBead(queued("b-1", { score: total }), routeContext()));
      assert.equal(r.tier, tiers[0]);
      assert.match(r.reason, new RegExp(`^score ${total} → `));
    });
  }
});

Deno.test("routeBead() sends beads labelled architecture or security to premium", async (t) => {
  for (const label of ["architecture", "security", "Security"]) {
    await t.step(label, () => {
      const r = assigned(routeBead(queued("b-1", { score: 5, labels: [label] }), routeContext()));
      assert.equal(r.tier, "premium");
      assert.equal(r.workerType.name, "opus");
      assert.match(r.reason, new RegExp(`^label ${label} → premium`));
    });
  }
});

Deno.test("routeBead() follows a model: label to a type that runs that model", () => {
  const multi = workerType("router", {
    model: "glm-4.6",
    models: ["glm-4.6", "kimi-k2"],
    tier: "budget",
    pricePerMillion: 2,
  });
  const ctx = routeContext({ workerTypes: [...Object.values(TYPES), multi] });
  const r = assigned(routeBead(queued("b-1", { score: 95, labels: ["model:kimi-k2"] }), ctx));
  assert.equal(r.workerType.name, "router");
  assert.equal(r.model, "kimi-k2");
  assert.equal(r.tier, "budget", "the tier is the type's, not the score's");
  assert.match(r.reason, /^label model:kimi-k2; pay-per-token kimi-k2 via router$/);
});

Deno.test("routeBead() makes a bead whose model: label no type runs wait, and says why", () => {
  const r = waiting(routeBead(queued("b-1", { labels: ["model:gpt-9"] }), routeContext()));
  assert.equal(r.reason, "label model:gpt-9 names a model no worker config runs");
  const broken = waiting(
    routeBead(
      queued("b-1", { labels: ["model:claude-opus-4-1"] }),
      routeContext({ brokenTypes: new Set(["opus"]) }),
    ),
  );
  assert.equal(broken.reason, "opus stopped after repeated launch failures");
});

Deno.test("routeBead() prefers a subscription with quota over a cheaper pay-per-token type", () => {
  const glm = workerType("glm", { model: "glm-4.6", pricePerMillion: 2 });
  const ctx = routeContext({
    workerTypes: [glm, TYPES.sonnet],
    plans: [plan("claude-max", { models: ["claude-sonnet-*"], remaining: 0.6 })],
  });
  const r = assigned(routeBead(queued("b-1", { score: 75 }), ctx));
  assert.equal(r.workerType.name, "sonnet");
  assert.equal(r.plan?.name, "claude-max");
  assert.equal(
    r.reason,
    "score 75 → standard; plan claude-max (60% left) with claude-sonnet-4-5 via sonnet",
  );
  const paid = assigned(routeBead(queued("b-1", { score: 75 }), { ...ctx, plans: [] }));
  assert.equal(paid.workerType.name, "glm", "without plans the cheapest pay-per-token wins");
});

Deno.test("routeBead() picks the plan nearest its reset, then the one furthest under pace", async (t) => {
  const types = [
    workerType("a", { model: "model-a" }),
    workerType("b", { model: "model-b" }),
    workerType("c", { model: "model-c" }),
  ];
  const cases: { name: string; plans: ReturnType<typeof plan>[]; want: string }[] = [
    {
      name: "nearest reset first",
      plans: [
        plan("pa", { models: ["model-a"], resetsAt: T0 + 48 * 60 * MINUTE, pace: -40 }),
        plan("pb", { models: ["model-b"], resetsAt: T0 + 2 * 60 * MINUTE, pace: 10 }),
        plan("pc", { models: ["model-c"], resetsAt: undefined, pace: -90 }),
      ],
      want: "pb",
    },
    {
      name: "same reset: furthest under pace first",
      plans: [
        plan("pa", { models: ["model-a"], resetsAt: T0 + 60 * MINUTE, pace: -5 }),
        plan("pb", { models: ["model-b"], resetsAt: T0 + 60 * MINUTE, pace: -30 }),
        plan("pc", { models: ["model-c"], resetsAt: T0 + 60 * MINUTE, pace: 20 }),
      ],
      want: "pb",
    },
    {
      name: "a plan with no reset time comes after those with one",
      plans: [
        plan("pa", { models: ["model-a"], resetsAt: undefined, pace: -80 }),
        plan("pb", { models: ["model-b"], resetsAt: T0 + 600 * MINUTE, pace: 50 }),
      ],
      want: "pb",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const r = assigned(
        routeBead(
          queued("b-1", { score: 75 }),
          routeContext({ workerTypes: types, plans: c.plans }),
        ),
      );
      assert.equal(r.plan?.name, c.want);
    });
  }
});

Deno.test("routeBead() skips what cannot take work and names the refusal", async (t) => {
  const max = plan("claude-max", { models: ["claude-sonnet-4-5"] });
  const cases: { name: string; ctx: Partial<Parameters<typeof routeContext>[0]>; why: string }[] = [
    {
      name: "exhausted plan",
      ctx: { plans: [{ ...max, remaining: 0 }] },
      why: "claude-max has no quota left",
    },
    {
      name: "parked plan",
      ctx: { plans: [max], parked: new Map([["claude-max", T0 + 90 * MINUTE]]) },
      why: "claude-max parked until 10:30 UTC (usage limit)",
    },
    {
      name: "parked model",
      ctx: { parked: new Map([["claude-sonnet-4-5", T0 + MINUTE]]) },
      why: "claude-sonnet-4-5 parked (usage limit)",
    },
    {
      name: "broken type",
      ctx: { brokenTypes: new Set(["sonnet"]) },
      why: "sonnet stopped after repeated launch failures",
    },
    {
      name: "type at max_workers",
      ctx: {
        workerTypes: [{ ...TYPES.sonnet, maxWorkers: 2 }],
        runningByType: new Map([["sonnet", 2]]),
      },
      why: "sonnet runs its maximum of 2 workers",
    },
    {
      name: "plan at max_workers",
      ctx: { plans: [{ ...max, maxWorkers: 1 }], runningByPlan: new Map([["claude-max", 1]]) },
      why: "claude-max runs its maximum of 1 workers",
    },
    {
      name: "pay-per-token with the budget spent",
      ctx: { payPerTokenAllowed: false },
      why: "claude-sonnet-4-5 is pay-per-token and the monthly budget is spent",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const ctx = routeContext({ workerTypes: [TYPES.sonnet], ...c.ctx });
      const r = waiting(routeBead(queued("b-1", { score: 75 }), ctx));
      assert.equal(r.tier, "standard");
      assert.equal(r.reason, `score 75 → standard: no model with capacity (${c.why})`);
      const fallback = assigned(
        routeBead(queued("b-1", { score: 75 }), {
          ...ctx,
          workerTypes: [...ctx.workerTypes, TYPES.haiku],
          plans: [...ctx.plans, plan("haiku-pro", { models: ["claude-haiku-4-5"] })],
        }),
      );
      assert.equal(fallback.workerType.name, "haiku");
      assert.match(fallback.reason, /^score 75 → standard \(fallback to budget\); /);
    });
  }
});

Deno.test("routeBead() uses a parked plan again once its reset time has passed", () => {
  const ctx = routeContext({
    workerTypes: [TYPES.sonnet],
    plans: [plan("claude-max", { models: ["claude-sonnet-4-5"] })],
    parked: new Map([["claude-max", T0]]),
  });
  assert.equal(assigned(routeBead(queued("b-1", { score: 75 }), ctx)).plan?.name, "claude-max");
});

Deno.test("routeBead() falls back down the chain and says so", async (t) => {
  const cases: { score: number; types: (keyof typeof TYPES)[]; tier: string; reason: RegExp }[] = [
    { score: 95, types: ["sonnet"], tier: "standard", reason: /premium \(fallback to standard\)/ },
    { score: 95, types: ["local"], tier: "free", reason: /premium \(fallback to free\)/ },
    { score: 50, types: ["sonnet", "local"], tier: "standard", reason: /fallback to standard/ },
    { score: 20, types: ["sonnet", "local"], tier: "free", reason: /budget \(fallback to free\)/ },
  ];
  for (const c of cases) {
    await t.step(`score ${c.score} with ${c.types.join(", ")}`, () => {
      const ctx = routeContext({ workerTypes: c.types.map((n) => TYPES[n]) });
      const r = assigned(routeBead(queued("b-1", { score: c.score }), ctx));
      assert.equal(r.tier, c.tier);
      assert.match(r.reason, c.reason);
    });
  }
});

Deno.test("routeBead() makes a bead wait with every distinct refusal when nothing fits", () => {
  const ctx = routeContext({
    brokenTypes: new Set(["opus"]),
    parked: new Map([["claude-sonnet-4-5", T0 + MINUTE]]),
    payPerTokenAllowed: false,
  });
  const r = waiting(routeBead(queued("b-1", { score: 92 }), ctx));
  assert.equal(r.tier, "premium");
  assert.equal(
    r.reason,
    "score 92 → premium: no model with capacity (opus stopped after repeated launch failures; " +
      "claude-sonnet-4-5 parked (usage limit); " +
      "claude-haiku-4-5 is pay-per-token and the monthly budget is spent)",
  );
  const none = waiting(routeBead(queued("b-1", { score: 10 }), routeContext({ workerTypes: [] })));
  assert.equal(
    none.reason,
    "score 10 → budget: no model with capacity (no worker config for budget, free)",
  );
});
