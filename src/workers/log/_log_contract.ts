/**
 * The fields FORGE's own log formats (JSONL and key=value) must carry, as the log-format
 * validator checks them: `timestamp`, `level`, `worker_id`, and a `message` or an `event`.
 */
import { parseTimestamp } from "../../domain/mod.ts";

/** Levels the contract allows (compared case-insensitively). */
export const CONTRACT_LEVELS: readonly string[] = ["debug", "info", "warning", "error", "critical"];

/** Level names FORGE reads but the contract spells differently. */
const LEVEL_ALIASES: ReadonlyMap<string, string> = new Map([
  ["warn", "warning"],
  ["trace", "debug"],
  ["err", "error"],
  ["fatal", "critical"],
  ["notice", "info"],
]);

/** What is wrong with one line's fields. */
export interface ContractProblems {
  /** Each makes the line invalid. */
  readonly errors: string[];
  /** Each is worth fixing but FORGE copes; the same text for the same problem. */
  readonly warnings: string[];
}

/**
 * Checks the contract fields of one FORGE JSONL or key=value line.
 *
 * @param fields the line's fields (for key=value, `timestamp` is the leading timestamp text)
 * @param workerId the worker the log belongs to (the file name), for a consistency warning
 * @returns the problems found; both lists empty when the line is valid
 */
export function checkContractFields(
  fields: Readonly<Record<string, unknown>>,
  workerId: string,
): ContractProblems {
  const problems: ContractProblems = { errors: [], warnings: [] };
  const missing = ["timestamp", "level", "worker_id"].filter((key) => absent(fields[key]));
  if (missing.length > 0) {
    const names = missing.map((key) => `"${key}"`).join(", ");
    problems.errors.push(`missing required field${missing.length > 1 ? "s" : ""} ${names}`);
  }
  if (!absent(fields["timestamp"])) checkTimestamp(fields["timestamp"], problems);
  if (!absent(fields["level"])) checkLevel(fields["level"], problems);
  const id = fields["worker_id"];
  if (!absent(id)) {
    if (typeof id !== "string") {
      problems.errors.push(`"worker_id" must be a string, found ${describe(id)}`);
    } else if (id !== workerId) {
      problems.warnings.push(
        `"worker_id" "${id}" differs from the file name "${workerId}"; FORGE uses the file name`,
      );
    }
  }
  checkMessageOrEvent(fields, problems);
  return problems;
}

function checkTimestamp(value: unknown, problems: ContractProblems): void {
  if (typeof value !== "string") {
    problems.errors.push(
      `"timestamp" must be an ISO 8601 string like "2026-01-31T12:00:00Z", found ${
        describe(value)
      }`,
    );
    return;
  }
  const parsed = parseTimestamp(value);
  if (parsed === undefined) {
    problems.errors.push(
      `"timestamp" ${quote(value)} is not an ISO 8601 time like "2026-01-31T12:00:00Z"`,
    );
  } else if (parsed.naive) {
    problems.warnings.push(`"timestamp" has no UTC offset (add "Z"); FORGE reads it as UTC`);
  }
}

function checkLevel(value: unknown, problems: ContractProblems): void {
  if (typeof value !== "string") {
    problems.errors.push(`"level" must be a string, found ${describe(value)}`);
    return;
  }
  const lower = value.toLowerCase();
  if (CONTRACT_LEVELS.includes(lower)) return;
  const alias = LEVEL_ALIASES.get(lower);
  if (alias !== undefined) {
    problems.warnings.push(`"level" ${quote(value)} should be "${alias}"`);
    return;
  }
  problems.errors.push(
    `"level" ${quote(value)} is not one of ${CONTRACT_LEVELS.join(", ")}`,
  );
}

function checkMessageOrEvent(
  fields: Readonly<Record<string, unknown>>,
  problems: ContractProblems,
): void {
  const message = fields["message"];
  const event = fields["event"];
  if (absent(message) && absent(event)) {
    problems.errors.push(`needs a "message" or an "event" field`);
    return;
  }
  for (const [key, value] of [["message", message], ["event", event]] as const) {
    if (!absent(value) && typeof value !== "string") {
      problems.errors.push(`"${key}" must be a string, found ${describe(value)}`);
    }
  }
}

function absent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "boolean") return `${value}`;
  return `a ${typeof value}`;
}
