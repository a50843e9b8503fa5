/**
 * Tolerant field readers shared by the normaliser and the CLI adapters: every producer writes
 * "unset" differently (absent, `""`, `null`), so all of them read as undefined here.
 */
import { timestampOf } from "../domain/mod.ts";
import { isoInstant } from "./_iso_instant.ts";

/** A parsed JSON object. */
export type JsonRecord = Record<string, unknown>;

/**
 * Tells a plain JSON object from arrays, null and scalars.
 *
 * @param value anything parsed from JSON
 * @returns true for an object
 */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a string field; `""`, null and non-strings are unset.
 *
 * @param value a field value
 * @returns the string, or undefined
 */
export function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Reads a name-like string field (assignee, type): trimmed, blank is unset.
 *
 * @param value a field value
 * @returns the trimmed string, or undefined
 */
export function nameOf(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  // Nearly every name starts and ends with a visible ASCII character; then trim() has nothing to
  // cut, and calling it anyway was a large part of normalising a bead's edges.
  if (isVisibleAscii(value.charCodeAt(0)) && isVisibleAscii(value.charCodeAt(value.length - 1))) {
    return value;
  }
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function isVisibleAscii(code: number): boolean {
  return code > 32 && code < 127;
}

/**
 * Reads a timestamp field; the Unix epoch (bd's export of a NULL time) is unset.
 *
 * @param value a field value
 * @returns epoch milliseconds, or undefined
 */
export function instantOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const ms = (typeof value === "string" ? isoInstant(value) : undefined) ?? timestampOf(value);
  return ms === undefined || ms === 0 ? undefined : ms;
}

/**
 * Reads an object field that may also be a string holding JSON (early br wrote `"{}"`).
 *
 * @param value a field value
 * @returns the object when it has keys, `undefined` when empty or unset, `null` when unreadable
 */
export function objectOf(value: unknown): JsonRecord | undefined | null {
  if (value === undefined || value === null || value === "" || value === "{}") return undefined;
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!isRecord(parsed)) return null;
  for (const _ in parsed) return parsed;
  return undefined;
}
