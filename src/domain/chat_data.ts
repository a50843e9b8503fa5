/**
 * What conversational control reads about the fleet, as a port: the action layer implements it
 * (snapshot, store, worker configs), the chat session asks it, and tests hand in a fake. Chat
 * never opens files or the database itself.
 */
import type { FleetSnapshot } from "./fleet_snapshot.ts";
import type { CostBreakdownReport, CostDimension } from "./reports.ts";

/** A calendar span costs are reported for, in UTC as `forge costs` counts it. */
export type CostPeriod = "today" | "week" | "month";

/** The data behind chat's answers and its spawn confirmations. */
export interface ChatData {
  /** The fleet now (the dashboard's snapshot, or a fresh one). */
  snapshot(): Promise<FleetSnapshot>;
  /**
   * One period's usage grouped by a dimension, biggest cost first.
   *
   * @param period today, this week (from Monday) or this month
   * @param by the dimension
   * @throws when the store cannot be read
   */
  breakdown(period: CostPeriod, by: CostDimension): Promise<CostBreakdownReport>;
  /**
   * What starting `count` workers of a worker config would cost in pay-per-token spend, each
   * doing one task: 0 when a subscription plan covers its model.
   *
   * @param worker the worker config's name
   * @param count how many workers
   * @returns USD, or undefined when the worker config is unknown
   */
  estimateSpawnCostUsd(worker: string, count: number): Promise<number | undefined>;
}
