/**
 * Branded identifiers. A worker id is also its tmux session name, the stem of its status and log
 * files and the assignee written on its bead, so it must be safe in all four places.
 */

/** The one identity of a worker: tmux session = status/log file stem = bead assignee. */
export type WorkerId = string & { readonly __brand: "WorkerId" };

/** A bead (task) id as the beads tool wrote it; opaque. */
export type BeadId = string & { readonly __brand: "BeadId" };

const WORKER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;

/** Names a worker may not take because FORGE uses the file stem itself. */
const RESERVED_WORKER_IDS = new Set(["forge"]);

/**
 * Explains why a string cannot be a worker id, or returns undefined when it can.
 *
 * @param value the candidate id
 * @returns a reason, or undefined when valid
 */
export function workerIdProblem(value: string): string | undefined {
  if (!WORKER_ID_PATTERN.test(value)) {
    return "use 1-80 letters, digits, '-' or '_', starting with a letter or digit (tmux session names and file names must agree)";
  }
  if (RESERVED_WORKER_IDS.has(value)) return `"${value}" is reserved for FORGE's own log`;
  return undefined;
}

/**
 * Checks and brands a worker id.
 *
 * @param value the candidate id
 * @returns the branded id
 * @throws {TypeError} when the value is not a valid worker id
 */
export function toWorkerId(value: string): WorkerId {
  const problem = workerIdProblem(value);
  if (problem !== undefined) throw new TypeError(`Cannot use worker id "${value}": ${problem}`);
  return value as WorkerId;
}

/**
 * Brands a bead id. Bead ids are opaque, only emptiness is refused.
 *
 * @param value the id as the beads tool wrote it
 * @returns the branded id
 * @throws {TypeError} when the value is empty
 */
export function toBeadId(value: string): BeadId {
  if (value.trim() === "") throw new TypeError('Cannot use bead id "": it is empty');
  return value as BeadId;
}
