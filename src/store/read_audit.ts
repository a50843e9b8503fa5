/**
 * Reading the audit trail: entries since a time, newest first, optionally only one action or one
 * actor.
 */
import type { AuditEntryReport } from "../domain/mod.ts";
import { toIso } from "../domain/mod.ts";
import type { Store } from "./store.ts";

/** Which entries to read. */
export interface AuditQuery {
  readonly since: number;
  /** Only this action (`spawn`, `kill` …). */
  readonly action?: string;
  /** Only this actor: `user@host` exactly, or a bare `user` on any host. */
  readonly actor?: string;
  /** At most this many (the newest). */
  readonly limit: number;
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  interface: string;
  action: string;
  target: string;
  outcome: string;
  details: string;
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : { value };
  } catch {
    // Written by another tool, or truncated: keep the text rather than lose the entry.
    return { text };
  }
}

/**
 * Audit entries at or after `since`, newest first.
 *
 * @param store the open store
 * @param query since, optional action and actor, limit
 * @returns the entries
 */
export function readAudit(store: Store, query: AuditQuery): AuditEntryReport[] {
  const actor = query.actor ?? null;
  const rows = store.statement(
    `SELECT id, at, actor, interface, action, target, outcome, details FROM audit
     WHERE at >= ?1 AND (?2 IS NULL OR action = ?2)
       AND (?3 IS NULL OR actor = ?3 OR (instr(?3, '@') = 0 AND substr(actor, 1, length(?3) + 1) = ?3 || '@'))
     ORDER BY at DESC, id DESC LIMIT ?4`,
  ).all(query.since, query.action ?? null, actor, query.limit) as unknown as AuditRow[];
  return rows.map((r) => ({
    id: Number(r.id),
    at: toIso(Number(r.at)),
    actor: r.actor,
    interface: r.interface,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    details: parseDetails(r.details),
  }));
}
