/**
 * The tools themselves: each action of the action layer and each read query, with its argument
 * schema written once in zod and the effect a checked call has. Every text argument is bounded:
 * a model's output is not trusted for length.
 */
import type { z as Zod } from "zod";
import type { ChatView, ToolEffect } from "./tool_effects.ts";
import { CHAT_VIEWS, COST_PERIODS, TASK_FILTERS, WORKER_FILTERS } from "./tool_effects.ts";
import type { CostDimension } from "../domain/mod.ts";
import { MAX_SPAWN } from "../domain/mod.ts";

/** One tool: its name and description, its argument schema (zod), and what a call does. */
export interface ToolDefinition {
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

/** Every tool, in catalog order. */
export const TOOLS: readonly ToolDefinition[] = [
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
        count: z.number().int().min(1).max(MAX_SPAWN).default(1).describe(
          `how many, 1 to ${MAX_SPAWN}`,
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
