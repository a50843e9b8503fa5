/**
 * The engine's latest routing decisions, for the dashboard's routing view and the status page.
 * The `routing_decisions_at` index (at, then rowid) answers "newest first" by walking its end:
 * the cost is the rows returned, however long the table has grown.
 */
import type { RoutingRecord } from "./engine_records.ts";
import type { Store } from "./store.ts";

/** A stored routing decision. */
export interface RoutingRow extends RoutingRecord {
  readonly id: number;
}

interface Row {
  id: number;
  at: number;
  bead_id: string;
  workspace: string;
  score: number | null;
  tier: string | null;
  model: string | null;
  plan: string | null;
  outcome: string;
  reason: string;
}

/**
 * The newest routing decisions.
 *
 * @param store the open store
 * @param limit how many at most
 * @returns the decisions, newest first (by time, then by id)
 * @throws {Error} when the database cannot be read (locked past its busy timeout, damaged)
 */
export function recentRouting(store: Store, limit: number): RoutingRow[] {
  const rows = store.statement(
    `SELECT id, at, bead_id, workspace, score, tier, model, plan, outcome, reason
     FROM routing_decisions ORDER BY at DESC, id DESC LIMIT ?`,
  ).all(Math.max(0, Math.floor(limit))) as unknown as Row[];
  return rows.map((r) => ({
    id: Number(r.id),
    at: Number(r.at),
    beadId: r.bead_id,
    workspace: r.workspace,
    score: Number(r.score ?? 0),
    tier: r.tier ?? undefined,
    model: r.model ?? undefined,
    plan: r.plan ?? undefined,
    // Only the engine writes this table, with these two words.
    outcome: r.outcome === "assigned" ? "assigned" : "waiting",
    reason: r.reason,
  }));
}
