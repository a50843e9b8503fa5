/**
 * The chat tool catalog: every action of the action layer and every read query as one tool, with
 * its argument schema written once in zod. The JSON Schema a backend sees (`forge chat --tools`)
 * is generated from that schema, and the same schema checks every call before anything runs, so
 * the two cannot drift. A checked call becomes an effect: a view to show, a query to answer, or
 * an action request for `performAction`.
 */
import type { z as Zod } from "zod";
import type { ActionRequest, CostDimension } from "../domain/mod.ts";
import { MAX_SPAWN } from "../domain/mod.ts";
import type { JsonSchema, ProposedCall, ToolSpec } from "./chat_types.ts";

/** Views a chat request can open (the dashboard's, without chat itself). */
export const CHAT_VIEWS = [
  "overview",
  "workers",
  "tasks",
  "costs",
  "subscriptions",
  "metrics",
  "alerts",
  "logs",
  "routing",
] as const;

/** One view a chat request can open. */
export type ChatView = typeof CHAT_VIEWS[number];

/** Worker states a worker query can keep. */
export const WORKER_FILTERS = ["all", "active", "idle", "paused", "unhealthy"] as const;

/** Task states a task query can keep. */
export const TASK_FILTERS = ["ready", "waiting", "in_progress", "all"] as const;

/** Spans a cost query covers. */
export const COST_PERIODS = ["today", "week", "month"] as const;

/** Most workers one request may spawn (the action layer's limit). */
export const MAX_CHAT_SPAWN = MAX_SPAWN;

/** A read-only question about the fleet. */
export type ChatQuery =
  | {
    readonly kind: "workers";
    readonly state: typeof WORKER_FILTERS[number];
    readonly workspace?: string | undefined;
  }
  | {
    readonly kind: "tasks";
    readonly state: typeof TASK_FILTERS[number];
    readonly priority?: number | undefined;
    readonly workspace?: string | undefined;
    readonly limit: number;
  }
  | { readonly kind: "explain"; readonly bead: string }
  | {
    readonly kind: "costs";
    readonly period: typeof COST_PERIODS[number];
    readonly model?: string | undefined;
    readonly by?: CostDimension | undefined;
  }
  | { readonly kind: "metrics" }
  | { readonly kind: "alerts"; readonly all: boolean }
  | { readonly kind: "subscriptions" };

/** What a checked call does. */
export type ToolEffect =
  | {
    readonly kind: "view";
    readonly view: ChatView;
    /** Task filters to set (tasks view). */
    readonly tasks?: {
      readonly priority?: number | undefined;
      readonly workspace?: string | undefined;
      readonly search?: string | undefined;
    };
  }
  | { readonly kind: "query"; readonly query: ChatQuery }
  /**
   * An action. With `scope`, a target of `all` means every worker of that workspace (path or
   * name), which the session expands into one request per worker.
   */
  | {
    readonly kind: "action";
    readonly request: ActionRequest;
    readonly scope?: { readonly workspace: string };
  }
  | { readonly kind: "help"; readonly topic?: string | undefined };

/** A call whose tool exists and whose arguments passed the schema. */
export interface CheckedCall {
  readonly id: string;
  readonly tool: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly effect: ToolEffect;
}

/** The outcome of checking one proposed call. */
export type CallCheck =
  | { readonly ok: true; readonly call: CheckedCall }
  | { readonly ok: false; readonly id: string; readonly tool: string; readonly message: string };

interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly schema: (z: typeof Zod) => Zod.ZodType<Record<string, unknown>>;
  readonly effect: (args: Record<string, unknown>) => ToolEffect;
}

// Argument helpers. Every text argument is bounded: a model's output is not trusted for length.
const text = (z: typeof Zod, what: string) => z.string().trim().min(1).max(200).describe(what);
const priority = (z: typeof Zod) =>
  z.number().int().min(0).max(4).describe("bead priority, 0 (most urgent) to 4");
const target = (z: typeof Zod) => text(z, 'a worker id (e.g. "sonnet-alpha"), or "all"');
const scopeOf = (args: Record<string, unknown>) =>
  typeof args["workspace"] === "string" ? { scope: { workspace: args["workspace"] } } : {};

const control = (verb: "kill" | "pause" | "resume", description: string): ToolDefinition => ({
  name: `${verb}_workers`,
  description,
  schema: (z) =>
    z.strictObject({
      worker: target(z),
      workspace: text(z, 'with worker "all": only the workers of this workspace (path or name)')
        .optional(),
    }),
  effect: (a) => ({
    kind: "action",
    request: { kind: verb, target: a["worker"] as string },
    ...scopeOf(a),
  }),
});

const TOOLS: readonly ToolDefinition[] = [
  {
    name: "switch_view",
    description: "Open one view of the dashboard.",
    schema: (z) => z.strictObject({ view: z.enum(CHAT_VIEWS).describe("the view to open") }),
    effect: (a) => ({ kind: "view", view: a["view"] as ChatView }),
  },
  {
    name: "filter_tasks",
    description: "Open the tasks view filtered by priority, workspace and/or a search text.",
    schema: (z) =>
      z.strictObject({
        priority: priority(z).optional(),
        workspace: text(z, "workspace path or name").optional(),
        search: text(z, "text to look for in id, title, labels and assignee").optional(),
      }),
    effect: (a) => ({
      kind: "view",
      view: "tasks",
      tasks: {
        priority: a["priority"] as number | undefined,
        workspace: a["workspace"] as string | undefined,
        search: a["search"] as string | undefined,
      },
    }),
  },
  {
    name: "show_workers",
    description: "List workers with their state, health, model, workspace and bead.",
    schema: (z) =>
      z.strictObject({
        state: z.enum(WORKER_FILTERS).default("all").describe("which workers to list"),
        workspace: text(z, "only workers of this workspace (path or name)").optional(),
      }),
    effect: (a) => ({
      kind: "query",
      query: {
        kind: "workers",
        state: a["state"] as typeof WORKER_FILTERS[number],
        workspace: a["workspace"] as string | undefined,
      },
    }),
  },
  {
    name: "show_tasks",
    description: "List beads of the queue, best score first, with why a waiting one waits.",
    schema: (z) =>
      z.strictObject({
        state: z.enum(TASK_FILTERS).default("ready").describe("which beads to list"),
        priority: priority(z).optional(),
        workspace: text(z, "workspace path or name").optional(),
        limit: z.number().int().min(1).max(100).default(10).describe("most beads to list"),
      }),
    effect: (a) => ({
      kind: "query",
      query: {
        kind: "tasks",
        state: a["state"] as typeof TASK_FILTERS[number],
        priority: a["priority"] as number | undefined,
        workspace: a["workspace"] as string | undefined,
        limit: a["limit"] as number,
      },
    }),
  },
  {
    name: "explain_bead",
    description:
      "Say why a bead is waiting or where it is: blockers, assignee, score and routing decision.",
    schema: (z) => z.strictObject({ bead: text(z, 'the bead id, e.g. "bd-42"') }),
    effect: (a) => ({ kind: "query", query: { kind: "explain", bead: a["bead"] as string } }),
  },
  {
    name: "show_costs",
    description: "Spending for today, this week or this month, in total, for one model, or " +
      "broken down by model, worker, bead, workspace or plan.",
    schema: (z) =>
      z.strictObject({
        period: z.enum(COST_PERIODS).default("today").describe("the span"),
        model: text(z, 'only this model (e.g. "opus", matched in model names)').optional(),
        by: z.enum(["model", "worker", "bead", "workspace", "plan"]).optional().describe(
          "break the span down by this",
        ),
      }),
    effect: (a) => ({
      kind: "query",
      query: {
        kind: "costs",
        period: a["period"] as typeof COST_PERIODS[number],
        model: a["model"] as string | undefined,
        by: a["by"] as CostDimension | undefined,
      },
    }),
  },
  {
    name: "show_metrics",
    description: "Success rate, task durations (p50/p95) and throughput, in total and per model.",
    schema: (z) => z.strictObject({}),
    effect: () => ({ kind: "query", query: { kind: "metrics" } }),
  },
  {
    name: "show_alerts",
    description: "List open alerts (or all recent ones) with their ids.",
    schema: (z) =>
      z.strictObject({
        all: z.boolean().default(false).describe("include acknowledged alerts"),
      }),
    effect: (a) => ({ kind: "query", query: { kind: "alerts", all: a["all"] as boolean } }),
  },
  {
    name: "show_subscriptions",
    description: "Subscription plans: usage against limits, reset times and pace.",
    schema: (z) => z.strictObject({}),
    effect: () => ({ kind: "query", query: { kind: "subscriptions" } }),
  },
  {
    name: "spawn_workers",
    description: "Start workers of a worker config (e.g. sim, claude-code). Spawning more than " +
      "2 at once, or an estimated cost over the threshold, needs the user's confirmation.",
    schema: (z) =>
      z.strictObject({
        worker: text(z, "the worker config to start"),
        count: z.number().int().min(1).max(MAX_CHAT_SPAWN).default(1).describe(
          `how many, 1 to ${MAX_CHAT_SPAWN}`,
        ),
        workspace: text(z, "the workspace to work in (default: the current one)").optional(),
      }),
    effect: (a) => ({
      kind: "action",
      request: {
        kind: "spawn",
        worker: a["worker"] as string,
        count: a["count"] as number,
        ...(typeof a["workspace"] === "string" ? { workspace: a["workspace"] } : {}),
      },
    }),
  },
  control(
    "kill",
    "Stop workers: end their session and process; their beads go back to the " +
      "queue. Always needs the user's confirmation.",
  ),
  control(
    "pause",
    "Pause workers: each finishes its bead, then waits. Pausing more than one " +
      "worker needs the user's confirmation.",
  ),
  control("resume", "Resume paused workers."),
  {
    name: "assign_bead",
    description: "Start a new worker on one bead: of a worker config, like a running worker " +
      '(its model), on a model, or "auto" to let routing choose.',
    schema: (z) =>
      z.strictObject({
        bead: text(z, "the bead id"),
        worker: text(z, 'a worker config, worker id, model, or "auto"').default("auto"),
      }),
    effect: (a) => ({
      kind: "action",
      request: { kind: "assign", bead: a["bead"] as string, worker: a["worker"] as string },
    }),
  },
  {
    name: "acknowledge_alerts",
    description: "Acknowledge one alert by its id, or all open alerts.",
    schema: (z) =>
      z.strictObject({
        alert: z.union([z.literal("all"), z.number().int().min(1)]).describe(
          'the alert id, or "all"',
        ),
      }),
    effect: (a) => ({
      kind: "action",
      request: { kind: "ack", alert: a["alert"] as number | "all" },
    }),
  },
  {
    name: "set_limits",
    description: "Change limits in the configuration: the most workers at once (overall or " +
      "for one workspace) and the monthly budget. Needs the user's confirmation.",
    schema: (z) =>
      z.strictObject({
        max_workers: z.number().int().min(1).max(1000).optional().describe(
          "most workers at once",
        ),
        workspace: text(z, "apply max_workers to this workspace only (path or name)")
          .optional(),
        monthly_budget_usd: z.number().positive().max(1_000_000).optional().describe(
          "the monthly budget in US dollars",
        ),
      }).refine((a) => a.max_workers !== undefined || a.monthly_budget_usd !== undefined, {
        message: "give max_workers and/or monthly_budget_usd",
      }).refine((a) => a.workspace === undefined || a.max_workers !== undefined, {
        message: "workspace only applies to max_workers",
        path: ["workspace"],
      }),
    effect: (a) => ({
      kind: "action",
      request: {
        kind: "limits",
        ...(a["max_workers"] === undefined ? {} : { maxWorkers: a["max_workers"] as number }),
        ...(a["workspace"] === undefined ? {} : { workspace: a["workspace"] as string }),
        ...(a["monthly_budget_usd"] === undefined
          ? {}
          : { monthlyBudgetUsd: a["monthly_budget_usd"] as number }),
      },
    }),
  },
  {
    name: "help",
    description: "Say what FORGE can do from chat, with examples.",
    schema: (z) => z.strictObject({ topic: text(z, "a tool or subject").optional() }),
    effect: (a) => ({ kind: "help", topic: a["topic"] as string | undefined }),
  },
];

/** Every tool name, in catalog order. */
export const TOOL_NAMES: readonly string[] = TOOLS.map((t) => t.name);

let built:
  | { readonly specs: readonly ToolSpec[]; readonly schemas: Map<string, Zod.ZodType> }
  | undefined;

async function catalog() {
  if (built !== undefined) return built;
  const { z } = await import("zod");
  const schemas = new Map<string, Zod.ZodType>();
  const specs = TOOLS.map((t) => {
    const schema = t.schema(z);
    schemas.set(t.name, schema);
    const { $schema: _ignored, ...parameters } = z.toJSONSchema(schema, {
      io: "input",
      unrepresentable: "any",
    }) as Record<string, unknown>;
    return { name: t.name, description: t.description, parameters: parameters as JsonSchema };
  });
  built = { specs, schemas };
  return built;
}

/**
 * The tools as backends see them: name, description and a JSON Schema generated from the zod
 * schema that checks calls.
 *
 * @returns every tool, in catalog order
 */
export async function toolSpecs(): Promise<readonly ToolSpec[]> {
  return (await catalog()).specs;
}

/**
 * The catalog in OpenAI's function-calling format (`forge chat --tools`, and what the OpenAI
 * backend sends).
 *
 * @returns `[{type: "function", function: {name, description, parameters}}]`
 */
export async function openAiTools(): Promise<
  readonly { readonly type: "function"; readonly function: ToolSpec }[]
> {
  return (await toolSpecs()).map((t) => ({ type: "function" as const, function: t }));
}

/**
 * Checks a proposed call: the tool must exist and its arguments must pass its schema (defaults
 * filled in). Nothing runs here.
 *
 * @param call what the fast path or a backend proposed
 * @returns the checked call with its effect, or one sentence on what is wrong (naming the field)
 */
export async function checkCall(call: ProposedCall): Promise<CallCheck> {
  const { schemas } = await catalog();
  const tool = String(call.tool).slice(0, 80);
  const definition = TOOLS.find((t) => t.name === tool);
  const schema = schemas.get(tool);
  if (definition === undefined || schema === undefined) {
    return {
      ok: false,
      id: call.id,
      tool,
      message: `unknown tool "${tool}" (FORGE has: ${TOOL_NAMES.join(", ")})`,
    };
  }
  const input = call.arguments === undefined || call.arguments === null ? {} : call.arguments;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0
      ? ""
      : `"${issue.path.join(".")}": `;
    const why = issue === undefined
      ? "the arguments are malformed"
      : issue.code === "unrecognized_keys"
      ? `unknown argument${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`
      : issue.message;
    return { ok: false, id: call.id, tool, message: `${tool}: ${where}${why}` };
  }
  const args = parsed.data as Record<string, unknown>;
  return {
    ok: true,
    call: { id: call.id, tool, arguments: args, effect: definition.effect(args) },
  };
}
