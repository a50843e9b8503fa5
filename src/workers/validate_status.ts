/**
 * `forge validate status <file>`: everything the tolerant reader forgives, reported, plus the
 * consistency checks of the reference status-file validator.
 */
import { basename } from "node:path";
import { parseTimestamp, workerIdProblem } from "../domain/mod.ts";
import { parseStatusFile } from "./status_file.ts";

/** Result of validating one status file. */
export interface StatusValidation {
  readonly ok: boolean;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

const REQUIRED = ["worker_id", "status", "model", "workspace"] as const;
const STALE_ACTIVE_MS = 60 * 60_000;

/**
 * Validates a status file's text.
 *
 * @param text the contents
 * @param options the file path (its stem is the worker id) and the current time
 * @returns errors (the file breaks the protocol) and warnings (FORGE copes, but fix it)
 */
export function validateStatusText(
  text: string,
  options: { readonly path: string; readonly now: number },
): StatusValidation {
  const stem = basename(options.path).replace(/\.json$/, "");
  // The same rule as FORGE's reader (parseStatusFile() needs a valid id to name the worker).
  const problem = workerIdProblem(stem);
  const read = parseStatusFile(text, problem === undefined ? stem : "invalid-name");
  if (read.kind === "error") return { ok: false, errors: [read.reason], warnings: [] };
  const raw = read.status.raw;
  const errors: string[] = [];
  const warnings: string[] = problem === undefined ? [...read.warnings] : [
    `file name: "${stem}" is not a worker id (${problem}); FORGE does not read this file`,
    ...read.warnings.filter((w) => !w.startsWith("worker_id:")),
  ];
  for (const key of REQUIRED) {
    if (typeof raw[key] !== "string" || raw[key] === "") {
      errors.push(`${key}: required string is missing`);
    }
  }
  for (const key of ["pid", "tasks_completed"]) {
    if (raw[key] !== undefined && raw[key] !== null && !Number.isInteger(raw[key])) {
      errors.push(`${key}: must be an integer`);
    }
  }
  for (const key of ["started_at", "last_activity", "paused_at", "stopped_at"]) {
    const value = raw[key];
    if (typeof value === "string" && parseTimestamp(value) === undefined) {
      errors.push(`${key}: "${value}" is not an ISO 8601 timestamp`);
    }
  }
  if (raw["status"] === "spawned") {
    errors.push('status: "spawned" belongs in launcher output; write "starting"');
  }
  const state = read.status.state;
  if (state === "stopped" && raw["stopped_at"] === undefined) {
    warnings.push('status is "stopped" but stopped_at is missing');
  }
  if (
    state === "active" && read.status.lastActivity !== undefined &&
    options.now - read.status.lastActivity > STALE_ACTIVE_MS
  ) {
    warnings.push(
      `status is "active" but last_activity is ${
        Math.round((options.now - read.status.lastActivity) / 60_000)
      } min old`,
    );
  }
  if (state === "paused" && raw["paused_at"] === undefined) {
    warnings.push('status is "paused" but paused_at is missing');
  }
  // A key that has an error needs no second, softer message.
  const errorKeys = new Set(errors.map((e) => e.split(":")[0]));
  const softer = warnings.filter((w) =>
    w.startsWith("status is") || !errorKeys.has(w.split(":")[0])
  );
  return { ok: errors.length === 0, errors: [...new Set(errors)], warnings: [...new Set(softer)] };
}
