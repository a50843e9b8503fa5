/**
 * What the orchestrator records: assignments (who worked which bead, on what model and plan, how
 * it ended), every routing decision with its reason, and alerts (one open alert per key).
 */
import type { FleetRouting } from "../domain/mod.ts";
import { redact } from "../domain/mod.ts";
import type { Store } from "./store.ts";

/** The start of an assignment. */
export interface AssignmentStart {
  readonly beadId: string;
  readonly workspace: string;
  readonly workerId: string;
  readonly model: string;
  readonly tier: string | undefined;
  readonly plan: string | undefined;
  readonly score: number;
  readonly reason: string;
  readonly at: number;
}

/**
 * Records that a worker started on a bead.
 *
 * @param store the open store
 * @param a the assignment
 * @returns its row id
 */
export function recordAssignmentStart(store: Store, a: AssignmentStart): number {
  const r = store.statement(
    `INSERT INTO assignments (bead_id, workspace, worker_id, model, tier, plan, score, reason, started_at)
     VALUES (?,?,?,?,?,?,?,?,?)`,
  ).run(
    a.beadId,
    a.workspace,
    a.workerId,
    a.model,
    a.tier ?? null,
    a.plan ?? null,
    a.score,
    redact(a.reason),
    a.at,
  );
  return Number(r.lastInsertRowid);
}

/**
 * Records how a worker's open assignment ended.
 *
 * @param store the open store
 * @param end the worker, outcome and time
 * @returns true when an open assignment was closed
 */
export function recordAssignmentEnd(
  store: Store,
  end: { readonly workerId: string; readonly outcome: string; readonly at: number },
): boolean {
  const r = store.statement(
    "UPDATE assignments SET ended_at = ?, outcome = ? WHERE worker_id = ? AND ended_at IS NULL",
  )
    .run(end.at, end.outcome, end.workerId);
  return Number(r.changes) > 0;
}

/** One routing decision: the shape the views show (domain's FleetRouting). */
export type RoutingRecord = FleetRouting;

/**
 * Records a routing decision.
 *
 * @param store the open store
 * @param d the decision
 */
export function recordRouting(store: Store, d: RoutingRecord): void {
  store.statement(
    `INSERT INTO routing_decisions (at, bead_id, workspace, score, tier, model, plan, outcome, reason)
     VALUES (?,?,?,?,?,?,?,?,?)`,
  ).run(
    d.at,
    d.beadId,
    d.workspace,
    d.score,
    d.tier ?? null,
    d.model ?? null,
    d.plan ?? null,
    d.outcome,
    redact(d.reason),
  );
}

/** An alert to raise. */
export interface AlertInput {
  readonly at: number;
  readonly severity: "info" | "warning" | "critical";
  readonly kind: string;
  readonly subject: string;
  readonly message: string;
  readonly dedupeKey: string;
}

/**
 * Raises an alert unless one with the same key is still open.
 *
 * @param store the open store
 * @param alert the alert
 * @returns true when a new alert was stored
 */
export function raiseAlert(store: Store, alert: AlertInput): boolean {
  const r = store.statement(
    `INSERT OR IGNORE INTO alerts (at, severity, kind, subject, message, dedupe_key) VALUES (?,?,?,?,?,?)`,
  ).run(
    alert.at,
    alert.severity,
    alert.kind,
    redact(alert.subject),
    redact(alert.message),
    alert.dedupeKey,
  );
  return Number(r.changes) > 0;
}

/** A stored alert. */
export interface AlertRow {
  readonly id: number;
  readonly at: number;
  readonly severity: string;
  readonly kind: string;
  readonly subject: string;
  readonly message: string;
  readonly acknowledgedAt: number | undefined;
  readonly acknowledgedBy: string | undefined;
}

/**
 * Lists alerts, newest first.
 *
 * @param store the open store
 * @param options include acknowledged ones, and how many at most
 * @returns the alerts
 */
export function listAlerts(
  store: Store,
  options: { readonly all: boolean; readonly limit: number },
): AlertRow[] {
  const rows = store.statement(
    `SELECT * FROM alerts ${
      options.all ? "" : "WHERE acknowledged_at IS NULL"
    } ORDER BY at DESC, id DESC LIMIT ?`,
  ).all(options.limit) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r["id"]),
    at: Number(r["at"]),
    severity: String(r["severity"]),
    kind: String(r["kind"]),
    subject: String(r["subject"]),
    message: String(r["message"]),
    acknowledgedAt: r["acknowledged_at"] === null ? undefined : Number(r["acknowledged_at"]),
    acknowledgedBy: r["acknowledged_by"] === null ? undefined : String(r["acknowledged_by"]),
  }));
}

/**
 * Acknowledges alerts (by id, or all open ones).
 *
 * @param store the open store
 * @param ack which alerts, by whom, when
 * @returns how many were acknowledged
 */
export function acknowledgeAlerts(
  store: Store,
  ack: { readonly ids: readonly number[] | "all"; readonly by: string; readonly at: number },
): number {
  if (ack.ids === "all") {
    return Number(
      store.statement(
        "UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE acknowledged_at IS NULL",
      )
        .run(ack.at, ack.by).changes,
    );
  }
  let n = 0;
  const one = store.statement(
    "UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL",
  );
  for (const id of ack.ids) n += Number(one.run(ack.at, ack.by, id).changes);
  return n;
}

/**
 * Usage limits agents reported after a worker-event id (the engine parks plans on them).
 *
 * @param store the open store
 * @param afterId the last id already seen (0 for all)
 * @returns the limits and the new last id
 */
export function rateLimitsSince(
  store: Store,
  afterId: number,
): {
  readonly limits: { workerId: string; resetAt: number | undefined }[];
  readonly lastId: number;
} {
  const rows = store.statement(
    "SELECT id, worker_id, detail FROM worker_events WHERE id > ? AND kind = 'rate_limit' ORDER BY id",
  )
    .all(afterId) as { id: number; worker_id: string; detail: string }[];
  const last = store.statement("SELECT coalesce(max(id), 0) AS m FROM worker_events").get() as {
    m: number;
  };
  return {
    limits: rows.map((r) => {
      const detail = JSON.parse(r.detail) as { reset_at?: number | null; retrying?: boolean };
      return { workerId: r.worker_id, resetAt: detail.reset_at ?? undefined };
    }),
    // The newest id now, also when `afterId` is beyond it (a caller asking "from now on").
    lastId: Number(last.m),
  };
}
