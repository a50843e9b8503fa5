/**
 * Answers chat's read queries from the fleet snapshot (and, for costs by a dimension or of some
 * models, a breakdown the caller fetched): one sentence, a few short lines, and the figures as
 * JSON. Pure: the same data always gives the same answer, and nothing here reads or writes.
 * Text from beads, workers and alerts is written by others: answers strip its control
 * characters and cap its length.
 */
import type {
  CostBreakdownReport,
  CostDimension,
  CostPeriod,
  FleetSnapshot,
} from "../../domain/mod.ts";
import type { ChatQuery } from "../tool_catalog.ts";
import { answerCosts, costsBreakdownNeeded } from "./_costs.ts";
import { answerExplain } from "./_explain.ts";
import { answerTasks, answerWorkers } from "./_fleet.ts";
import { answerAlerts, answerMetrics, answerSubscriptions } from "./_reports.ts";
import type { QueryAnswer, WorkspaceName } from "./_text.ts";

export { MAX_ANSWER_LINES } from "./_text.ts";
export type { QueryAnswer, WorkspaceName } from "./_text.ts";

/** What a query is answered from. */
export interface QueryData {
  readonly snapshot: FleetSnapshot;
  /** The breakdown breakdownNeeded() asked for; without it, costs fall back to the totals. */
  readonly breakdown?: CostBreakdownReport | undefined;
  /** Configured workspace names, so `workspace` may be one (paths and folder names always work). */
  readonly workspaces?: readonly WorkspaceName[] | undefined;
}

/**
 * Whether a query needs a cost breakdown, and which: costs by a dimension, or of the models
 * whose name contains some text (by model).
 *
 * @param query the query
 * @returns the period and dimension to fetch (ChatData.breakdown), or undefined
 * @example
 * ```ts
 * breakdownNeeded({ kind: "costs", period: "week", model: "opus" }); // { period: "week", by: "model" }
 * ```
 */
export function breakdownNeeded(
  query: ChatQuery,
): { readonly period: CostPeriod; readonly by: CostDimension } | undefined {
  return query.kind === "costs" ? costsBreakdownNeeded(query) : undefined;
}

/**
 * Answers a read query.
 *
 * @param query what was asked (checked against the tool catalog)
 * @param data the snapshot, the breakdown when one was needed, and the workspace names
 * @returns one sentence, at most 20 short lines, and the figures as JSON
 */
export function answerQuery(query: ChatQuery, data: QueryData): QueryAnswer {
  const { snapshot } = data;
  const names = data.workspaces ?? [];
  switch (query.kind) {
    case "workers":
      return answerWorkers(query, { snapshot, names });
    case "tasks":
      return answerTasks(query, { snapshot, names });
    case "explain":
      return answerExplain(query.bead, snapshot);
    case "costs":
      return answerCosts(query, { snapshot, breakdown: data.breakdown });
    case "metrics":
      return answerMetrics(snapshot);
    case "alerts":
      return answerAlerts(query.all, snapshot);
    case "subscriptions":
      return answerSubscriptions(snapshot);
    default: {
      const unreachable: never = query;
      throw new TypeError(`Cannot answer query: ${JSON.stringify(unreachable)}`);
    }
  }
}
