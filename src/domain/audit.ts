/**
 * Who did what, for the append-only audit trail (design.md 0010). Every action records one entry.
 */

/** The interfaces through which a user acts. */
export type Interface = "cli" | "tui" | "chat" | "http";

/** Who acts: `user@host` and through which interface. */
export interface Actor {
  readonly who: string;
  readonly via: Interface;
}

/** One audited action. Details must never hold secrets (the store redacts them again). */
export interface AuditEntry {
  readonly actor: Actor;
  /** e.g. `spawn`, `kill`, `pause`, `resume`, `claim`, `release`, `close`, `update`. */
  readonly action: string;
  /** What it acted on: a worker id, bead id, version … */
  readonly target: string;
  readonly outcome: "ok" | "failed" | "refused";
  readonly details: Readonly<Record<string, unknown>>;
}

/** Where audit entries go. */
export type AuditSink = (entry: AuditEntry) => Promise<void>;
