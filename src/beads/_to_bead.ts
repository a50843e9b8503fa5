/**
 * One issue record (classic flat line, bead-rs `issue` payload, or a CLI's `show --json` element)
 * to the normalised `Bead`.
 */
import type { Bead } from "../domain/mod.ts";
import { toBeadId } from "../domain/mod.ts";
import { instantOf, type JsonRecord, nameOf, objectOf, textOf } from "./_fields.ts";
import { commentsOf, dependenciesOf, labelsOf, priorityOf, statusOf } from "./_bead_parts.ts";

/** Receives what was wrong with a record that could still be read. */
export type FieldReport = (kind: "missing-field" | "invalid-field", message: string) => void;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const TIME_FIELDS = ["created_at", "updated_at", "closed_at", "defer_until"] as const;

/**
 * Normalises an issue record. Unknown fields are ignored; `""` and null read as unset.
 *
 * @param raw the parsed issue object
 * @param report told about missing or invalid fields (the bead is still returned)
 * @returns the bead, or undefined when the record has no id
 */
export function toBead(raw: JsonRecord, report: FieldReport): Bead | undefined {
  const rawId = raw["id"];
  const idText = typeof rawId === "number" ? String(rawId) : nameOf(rawId);
  if (idText === undefined) {
    report("missing-field", "record has no id");
    return undefined;
  }
  const id = toBeadId(idText);
  const title = raw["title"];
  if (typeof title !== "string") report("missing-field", `bead "${id}" has no title`);
  let priority = priorityOf(raw["priority"]);
  if (priority === undefined) {
    report(
      "invalid-field",
      `bead "${id}" has priority ${JSON.stringify(raw["priority"])}; using 2`,
    );
    priority = 2;
  }
  const times = timesOf(raw, id, report);
  const bead: Mutable<Bead> = {
    id,
    title: typeof title === "string" ? title : "",
    description: typeof raw["description"] === "string" ? raw["description"] : "",
    status: statusOf(raw),
    priority,
    issueType: nameOf(raw["issue_type"]) ?? nameOf(raw["type"]) ?? "task",
    labels: labelsOf(raw),
    assignee: nameOf(raw["assignee"]),
    dependencies: dependenciesOf(raw["dependencies"]),
    createdAt: times[0],
    updatedAt: times[1],
    closedAt: times[2],
    deferUntil: times[3],
    pinned: raw["pinned"] === true,
    ephemeral: raw["ephemeral"] === true,
  };
  addOptional(bead, raw, id, report);
  return bead;
}

function timesOf(raw: JsonRecord, id: string, report: FieldReport): (number | undefined)[] {
  const times: (number | undefined)[] = [undefined, undefined, undefined, undefined];
  for (let i = 0; i < TIME_FIELDS.length; i++) {
    const key = TIME_FIELDS[i] as (typeof TIME_FIELDS)[number];
    const value = raw[key];
    if (value === undefined || value === null || value === "") continue;
    const ms = instantOf(value);
    if (ms === undefined && typeof value === "string" && !value.startsWith("1970")) {
      report("invalid-field", `bead "${id}" has ${key} ${JSON.stringify(value)}, not RFC 3339`);
    }
    times[i] = ms;
  }
  return times;
}

function addOptional(bead: Mutable<Bead>, raw: JsonRecord, id: string, report: FieldReport): void {
  const closeReason = textOf(raw["close_reason"]);
  if (closeReason !== undefined) bead.closeReason = closeReason;
  const criteria = textOf(raw["acceptance_criteria"]);
  if (criteria !== undefined) bead.acceptanceCriteria = criteria;
  const metadata = objectOf(raw["metadata"]);
  if (metadata === null) {
    report("invalid-field", `bead "${id}" has metadata that is not a JSON object`);
  } else if (metadata !== undefined) bead.metadata = metadata;
  const comments = commentsOf(raw["comments"]);
  if (comments !== undefined) bead.comments = comments;
}
