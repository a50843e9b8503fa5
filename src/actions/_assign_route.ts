/**
 * Routing for `forge assign`: the orchestrator's own routeBead() over the same worker types and
 * plan usage, with the workers running now counted against per-type and per-plan limits. A named
 * model is routed like a bead labelled `model:<M>`, so its plan is still chosen subscription first.
 * Parking after usage limits and circuit breakers live in a running engine's memory only: a
 * forced assignment is a new attempt and does not see them.
 */
import type { QueuedBead } from "../domain/mod.ts";
import { ForgeError, modelMatches, NotFoundError } from "../domain/mod.ts";
import type { PlanStatus, RouteResult, WorkerType } from "../orchestrator/mod.ts";
import { routeBead } from "../orchestrator/mod.ts";

/** What routing one bead by hand needs. */
export interface AssignRouteInput {
  readonly bead: QueuedBead;
  /** `--model`, when given. */
  readonly model: string | undefined;
  readonly workerTypes: readonly WorkerType[];
  readonly plans: readonly PlanStatus[];
  readonly payPerTokenAllowed: boolean;
  readonly now: number;
  /** The model of every live worker. */
  readonly runningModels: readonly string[];
}

/** A route that assigns. */
export type AssignRoute = Extract<RouteResult, { kind: "assign" }>;

function modelsOf(t: WorkerType): readonly string[] {
  return t.models.length > 0 ? t.models : [t.model];
}

/** Live workers per worker type and per plan, found by the model each one runs. */
function runningCounts(
  input: AssignRouteInput,
): { byType: Map<string, number>; byPlan: Map<string, number> } {
  const byType = new Map<string, number>();
  const byPlan = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string | undefined) => {
    if (key !== undefined) m.set(key, (m.get(key) ?? 0) + 1);
  };
  for (const model of input.runningModels) {
    bump(byType, input.workerTypes.find((t) => modelsOf(t).includes(model))?.name);
    bump(byPlan, input.plans.find((p) => p.models.some((x) => modelMatches(model, x)))?.name);
  }
  return { byType, byPlan };
}

/**
 * Routes one bead for a user.
 *
 * @param input the bead, `--model`, worker types, plans, budget verdict and running models
 * @returns the assignment (worker type, model, plan, tier and reason)
 * @throws {NotFoundError} when no worker type can run the named model (or none is configured)
 * @throws {ForgeError} CONFLICT when routing says the bead must wait, with the reason
 */
export function routeForAssign(input: AssignRouteInput): AssignRoute {
  const id = input.bead.bead.id;
  if (input.workerTypes.length === 0) {
    throw new NotFoundError(`Cannot assign bead "${id}": no worker config to route to`, {
      hint: "add one in FORGE_HOME/workers, or name one under routing.workers in config.yaml",
    });
  }
  const running = runningCounts(input);
  const ctx = {
    workerTypes: input.workerTypes,
    plans: input.plans,
    parked: new Map<string, number>(),
    brokenTypes: new Set<string>(),
    payPerTokenAllowed: input.payPerTokenAllowed,
    now: input.now,
    runningByType: running.byType,
    runningByPlan: running.byPlan,
  };
  if (input.model === undefined) {
    const route = routeBead(input.bead, ctx);
    if (route.kind === "assign") return route;
    throw new ForgeError("CONFLICT", `Cannot assign bead "${id}": ${route.reason}`, {
      hint: `wait for capacity, or name a model: forge assign ${id} --model M`,
    });
  }
  return routeNamedModel(input, { ctx, model: input.model });
}

function routeNamedModel(
  input: AssignRouteInput,
  options: { readonly ctx: Parameters<typeof routeBead>[1]; readonly model: string },
): AssignRoute {
  const { model } = options;
  const id = input.bead.bead.id;
  const known = [...new Set(input.workerTypes.flatMap(modelsOf))].sort();
  if (!known.some((m) => modelMatches(m, model))) {
    throw new NotFoundError(
      `Cannot assign bead "${id}" to model "${model}": no worker config FORGE routes to runs it`,
      {
        hint: `models available: ${known.join(", ")}; add a worker config in FORGE_HOME/workers ` +
          "(and list it under routing.workers when that is set)",
      },
    );
  }
  const bead = input.bead.bead;
  const labelled: QueuedBead = {
    ...input.bead,
    bead: {
      ...bead,
      labels: [
        ...bead.labels.filter((l) => !l.toLowerCase().startsWith("model:")),
        `model:${model}`,
      ],
    },
  };
  const route = routeBead(labelled, options.ctx);
  if (route.kind === "wait") {
    throw new ForgeError(
      "CONFLICT",
      `Cannot assign bead "${id}" to model "${model}": ${route.reason}`,
      { hint: "wait for capacity, or pick another model" },
    );
  }
  const label = `label model:${model}`;
  const reason = route.reason.startsWith(label)
    ? `--model ${model}${route.reason.slice(label.length)}`
    : `--model ${model}; ${route.reason}`;
  return { ...route, reason };
}
