/**
 * The snapshot the page is rendered from, with nothing secret left in it: every string went
 * through FORGE's redaction (bead titles, log lines and status fields come from files anyone's
 * agent may write), values under secret-looking keys are masked whole, and the status files' own
 * objects (`raw`, which may hold anything a launcher wrote) are left out.
 */
import type { FleetSnapshot, FleetWorker } from "../domain/mod.ts";
import { redact } from "../domain/mod.ts";

const SECRET_KEY = /api[_-]?key|token|secret|password|passwd|credential|private[_-]?key/i;
const MASK = "[redacted]";

/**
 * A copy of the snapshot safe to show.
 *
 * @param snapshot the fleet
 * @returns the same fleet, redacted
 */
export function safeSnapshot(snapshot: FleetSnapshot): FleetSnapshot {
  const workers = snapshot.workers.map((w): FleetWorker => ({
    ...w,
    view: { ...w.view, status: { ...w.view.status, raw: {} } },
  }));
  return redactDeep({ ...snapshot, workers });
}

/**
 * Redacts every string of plain data.
 *
 * @param value plain objects, arrays and scalars
 * @returns a redacted copy (other objects are kept as they are)
 */
export function redactDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value === null || typeof value !== "object") return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = typeof v === "string" && SECRET_KEY.test(key) ? MASK : walk(v);
  }
  return out;
}
