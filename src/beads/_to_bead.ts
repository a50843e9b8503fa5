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
    createdAt: timeOf(raw["created_at"], { id, key: "created_at", report }),
    updatedAt: timeOf(raw["updated_at"], { id, key: "updated_at", report }),
    closedAt: timeOf(raw["closed_at"], { id, key: "closed_at", report }),
    deferUntil: timeOf(raw["defer_until"], { id, key: "defer_until", report }),
    pinned: raw["pinned"] === true,
    ephemeral: raw["ephemeral"] === true,
  };
  addOptional(bead, raw, id, report);
  return bead;
}

/** A timestamp field; one that is set but unreadable is reported (bd's epoch NULL is not). */
function timeOf(
  value: unknown,
  field: { readonly id: string; readonly key: string; readonly report: FieldReport },
): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const ms = instantOf(value);
  if (ms === undefined && typeof value === "string" && !value.startsWith("1970")) {
    field.report(
      "invalid-field",
      `bead "${field.id}" has ${field.key} ${JSON.stringify(value)}, not RFC 3339`,
    );
  }
  return ms;
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
