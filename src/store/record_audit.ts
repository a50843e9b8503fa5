/**
 * The audit trail (design.md 0010): one row per action, appended, never updated. Every text is
 * redacted before it reaches the file, details included, so a secret that slipped into an entry
 * is still not stored.
 */
import type { AuditEntry } from "../domain/mod.ts";
import { redact } from "../domain/mod.ts";
import type { Store } from "./store.ts";

/**
 * Appends one audit entry.
 *
 * @param store the open store
 * @param entry who did what to what, and how it went
 * @param options `now`: the entry's time (epoch ms)
 * @returns the new row's id
 * @throws {ForgeError} when the database cannot be written (locked, damaged, read-only)
 */
export function recordAudit(
  store: Store,
  entry: AuditEntry,
  options: { readonly now: number },
): number {
  const details = redactedJson(entry.details);
  return store.transaction(() => {
    const result = store.statement(
      "INSERT INTO audit (at, actor, interface, action, target, outcome, details) VALUES (?,?,?,?,?,?,?)",
    ).run(
      Math.floor(options.now),
      redact(entry.actor.who),
      redact(entry.actor.via),
      redact(entry.action),
      redact(entry.target),
      redact(entry.outcome),
      details,
    );
    return Number(result.lastInsertRowid);
  });
}

/**
 * Details as JSON with every string value redacted, then the whole text once more: a value is
 * only recognisable as a secret by its key (`"token": "…"`) in the serialised form.
 */
function redactedJson(details: Readonly<Record<string, unknown>>): string {
  const values = JSON.stringify(
    details,
    (_key, value: unknown) =>
      typeof value === "string" ? redact(value) : typeof value === "bigint" ? String(value) : value,
  ) ?? "{}";
  const whole = redact(values);
  try {
    JSON.parse(whole);
    return whole;
  } catch {
    // Masking cut through JSON syntax: keep the value-by-value form, which is valid.
    return values;
  }
}
