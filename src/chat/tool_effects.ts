/**
 * What a chat tool call comes to once checked: a view to open, a read query to answer, an action
 * request, or help; with the values the catalog's arguments may take.
 */
import type { ActionRequest, CostDimension } from "../domain/mod.ts";

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
