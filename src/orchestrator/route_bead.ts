/**
 * Routing, subscription first (design.md "Routing"): a bead's score picks a target tier (labels
 * can force premium or name a model); within each tier of the fallback chain, plans with quota
 * left come first (nearest reset, then furthest under pace), then the cheapest pay-per-token type
 * if the budget allows; if nothing fits the bead waits, and the reason says why.
 */
import type { QueuedBead, Tier } from "../domain/mod.ts";
import { modelMatches } from "../domain/mod.ts";
import type { PlanStatus, WorkerType } from "./engine_types.ts";

/** What routing may use right now. */
export interface RouteContext {
  readonly workerTypes: readonly WorkerType[];
  readonly plans: readonly PlanStatus[];
  /** Plan or model name → parked until (epoch ms). */
  readonly parked: ReadonlyMap<string, number>;
  /** Worker types whose circuit breaker is open. */
  readonly brokenTypes: ReadonlySet<string>;
  /** Worker types waiting out a launch failure's backoff: name → next attempt (epoch ms). */
  readonly typeRetryAt?: ReadonlyMap<string, number>;
  readonly payPerTokenAllowed: boolean;
  readonly now: number;
  readonly runningByType: ReadonlyMap<string, number>;
  readonly runningByPlan: ReadonlyMap<string, number>;
}

/** Where a bead goes, or why it waits. */
export type RouteResult =
  | {
    readonly kind: "assign";
    readonly workerType: WorkerType;
    readonly model: string;
    readonly plan: PlanStatus | undefined;
    readonly tier: Tier;
    readonly reason: string;
  }
  | { readonly kind: "wait"; readonly tier: Tier | undefined; readonly reason: string };

const FORCE_PREMIUM = new Set(["architecture", "security"]);

/**
 * The tiers to try, best first, and why.
 *
 * @param bead the queued bead
 * @returns the fallback chain
 */
export function tierChain(
  bead: QueuedBead,
): { readonly tiers: readonly Tier[]; readonly why: string } {
  const forced = bead.bead.labels.find((l) => FORCE_PREMIUM.has(l.toLowerCase()));
  if (forced !== undefined) {
    return { tiers: ["premium", "standard", "budget", "free"], why: `label ${forced} → premium` };
  }
  const s = bead.score.total;
  if (s >= 90) {
    return { tiers: ["premium", "standard", "budget", "free"], why: `score ${s} → premium` };
  }
  if (s >= 70) return { tiers: ["standard", "budget", "free"], why: `score ${s} → standard` };
  if (s >= 40) {
    return { tiers: ["budget", "standard", "free"], why: `score ${s} → budget or standard` };
  }
  return { tiers: ["budget", "free"], why: `score ${s} → budget` };
}

function planFor(model: string, ctx: RouteContext): PlanStatus | undefined {
  return ctx.plans.find((p) => p.models.some((pattern) => modelMatches(model, pattern)));
}

function modelsOf(t: WorkerType): readonly string[] {
  return t.models.length > 0 ? t.models : [t.model];
}

/** Why a plan cannot take more work now, or undefined when it can. */
function planBlocked(plan: PlanStatus, ctx: RouteContext): string | undefined {
  const parkedUntil = ctx.parked.get(plan.name);
  if (parkedUntil !== undefined && parkedUntil > ctx.now) {
    return `${plan.name} parked until ${
      new Date(parkedUntil).toISOString().slice(11, 16)
    } UTC (usage limit)`;
  }
  if (plan.remaining !== undefined && plan.remaining <= 0) return `${plan.name} has no quota left`;
  if (plan.maxWorkers !== undefined && (ctx.runningByPlan.get(plan.name) ?? 0) >= plan.maxWorkers) {
    return `${plan.name} runs its maximum of ${plan.maxWorkers} workers`;
  }
  return undefined;
}

function typeBlocked(t: WorkerType, model: string, ctx: RouteContext): string | undefined {
  if (ctx.brokenTypes.has(t.name)) return `${t.name} stopped after repeated launch failures`;
  const retryAt = ctx.typeRetryAt?.get(t.name);
  if (retryAt !== undefined && retryAt > ctx.now) {
    return `${t.name} failed to launch; next try at ${
      new Date(retryAt).toISOString().slice(11, 19)
    } UTC`;
  }
  const parkedUntil = ctx.parked.get(model);
  if (parkedUntil !== undefined && parkedUntil > ctx.now) return `${model} parked (usage limit)`;
  if (t.maxWorkers !== undefined && (ctx.runningByType.get(t.name) ?? 0) >= t.maxWorkers) {
    return `${t.name} runs its maximum of ${t.maxWorkers} workers`;
  }
  return undefined;
}

interface Option {
  readonly type: WorkerType;
  readonly model: string;
  readonly plan: PlanStatus | undefined;
}

/** Options of one tier, usable now, best first; and why the others were not. */
function optionsOfTier(
  tier: Tier,
  ctx: RouteContext,
  only?: string,
): { options: Option[]; refusals: string[] } {
  const subs: Option[] = [];
  const paid: Option[] = [];
  const refusals: string[] = [];
  for (const type of ctx.workerTypes) {
    if (only === undefined && type.tier !== tier) continue;
    for (const model of modelsOf(type)) {
      if (only !== undefined && !modelMatches(model, only)) continue;
      const blocked = typeBlocked(type, model, ctx);
      if (blocked !== undefined) {
        refusals.push(blocked);
        continue;
      }
      const plan = planFor(model, ctx);
      if (plan !== undefined) {
        const why = planBlocked(plan, ctx);
        if (why === undefined) subs.push({ type, model, plan });
        else refusals.push(why);
      } else if (ctx.payPerTokenAllowed) paid.push({ type, model, plan: undefined });
      else refusals.push(`${model} is pay-per-token and the monthly budget is spent`);
    }
  }
  subs.sort((a, b) =>
    (a.plan?.resetsAt ?? Infinity) - (b.plan?.resetsAt ?? Infinity) ||
    (a.plan?.pace ?? 0) - (b.plan?.pace ?? 0)
  );
  paid.sort((a, b) => a.type.pricePerMillion - b.type.pricePerMillion);
  return { options: [...subs, ...paid], refusals };
}

function describe(option: Option): string {
  if (option.plan === undefined) return `pay-per-token ${option.model} via ${option.type.name}`;
  const left = option.plan.remaining === undefined
    ? "unlimited"
    : `${Math.round(option.plan.remaining * 100)}% left`;
  return `plan ${option.plan.name} (${left}) with ${option.model} via ${option.type.name}`;
}

/**
 * Routes one bead.
 *
 * @param bead the queued bead (ready)
 * @param ctx worker types, plans, parking, breakers, budget and running counts
 * @returns the assignment, or the reason to wait
 */
export function routeBead(bead: QueuedBead, ctx: RouteContext): RouteResult {
  const label = bead.bead.labels.find((l) => l.toLowerCase().startsWith("model:"));
  if (label !== undefined) {
    const wanted = label.slice("model:".length);
    const { options, refusals } = optionsOfTier("premium", ctx, wanted);
    const best = options[0];
    if (best !== undefined) {
      return {
        kind: "assign",
        workerType: best.type,
        model: best.model,
        plan: best.plan,
        tier: best.type.tier,
        reason: `label ${label}; ${describe(best)}`,
      };
    }
    return {
      kind: "wait",
      tier: undefined,
      reason: refusals[0] ?? `label ${label} names a model no worker config runs`,
    };
  }
  const chain = tierChain(bead);
  const refusals: string[] = [];
  for (const tier of chain.tiers) {
    const found = optionsOfTier(tier, ctx);
    const best = found.options[0];
    if (best !== undefined) {
      const fallback = tier === chain.tiers[0] ? "" : ` (fallback to ${tier})`;
      return {
        kind: "assign",
        workerType: best.type,
        model: best.model,
        plan: best.plan,
        tier,
        reason: `${chain.why}${fallback}; ${describe(best)}`,
      };
    }
    refusals.push(...found.refusals);
  }
  const why = refusals.length > 0
    ? [...new Set(refusals)].slice(0, 3).join("; ")
    : `no worker config for ${chain.tiers.join(", ")}`;
  return {
    kind: "wait",
    tier: chain.tiers[0],
    reason: `${chain.why}: no model with capacity (${why})`,
  };
}
