/**
 * Normalisers for the parts of a bead whose shape differs between producers: status, priority,
 * dependencies, labels and comments.
 */
import type { BeadComment, BeadDependency, BeadId } from "../domain/mod.ts";
import { instantOf, isRecord, type JsonRecord, nameOf } from "./_fields.ts";

const EMPTY: readonly never[] = Object.freeze([]);

/** Statuses already in canonical form (the common case skips trimming and lowercasing). */
const CANONICAL_STATUS = new Set(["open", "closed", "in_progress", "blocked", "deferred"]);

/** Dependency types already in canonical form (lowercase, `-`, not an alias). */
const CANONICAL_TYPE = new Set([
  "blocks",
  "parent-child",
  "related",
  "discovered-from",
  "conditional-blocks",
  "waits-for",
]);

/**
 * Reads the lifecycle status: bead-rs `base_status` first, then `status`; `manual_blocked` makes
 * an unfinished bead `blocked`; unset means `open`.
 *
 * @param raw the issue record
 * @returns a lowercase status
 */
export function statusOf(raw: JsonRecord): string {
  const value = raw["base_status"] ?? raw["status"];
  let status = "open";
  if (typeof value === "string") {
    if (CANONICAL_STATUS.has(value)) status = value;
    else {
      const s = value.trim().toLowerCase();
      status = s === "" ? "open" : s === "inprogress" || s === "in-progress" ? "in_progress" : s;
    }
  }
  if (raw["manual_blocked"] === true && status !== "closed" && status !== "tombstone") {
    return "blocked";
  }
  return status;
}

/**
 * Reads the priority: 0-4, `"P1"` and `"1"` accepted; unset is 2.
 *
 * @param value the field value
 * @returns the priority, or undefined when it is set but not 0-4 (the caller reports it)
 */
export function priorityOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return 2;
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 0 && value <= 4 ? value : undefined;
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const n = Number(text.startsWith("P") || text.startsWith("p") ? text.slice(1) : text);
  return text !== "" && Number.isInteger(n) && n >= 0 && n <= 4 ? n : undefined;
}

/**
 * Normalises a dependency type: lowercase, `_` as `-`, bead-rs `relates_to` and bd `relates-to`
 * as `related`, unset as `blocks` (the default of every tool).
 *
 * @param value the `type`/`dep_type`/`kind`/`dependency_type` value
 * @returns the normalised type
 */
export function dependencyTypeOf(value: unknown): string {
  if (typeof value === "string" && CANONICAL_TYPE.has(value)) return value;
  const name = nameOf(value);
  if (name === undefined) return "blocks";
  const type = name.toLowerCase().replaceAll("_", "-");
  return type === "relates-to" ? "related" : type;
}

/**
 * Reads dependency edges in every shape: classic `{depends_on_id, type|dep_type}`, bead-rs
 * `{blocker, kind}`, CLI `show` output `{id, dependency_type}`, or a bare id.
 *
 * @param value the `dependencies` field
 * @returns unique edges in file order
 */
export function dependenciesOf(value: unknown): readonly BeadDependency[] {
  if (!Array.isArray(value) || value.length === 0) return EMPTY;
  const out: BeadDependency[] = [];
  for (let i = 0; i < value.length; i++) {
    const d: unknown = value[i];
    let target: string | undefined;
    let type = "blocks";
    if (typeof d === "string") target = nameOf(d);
    else if (isRecord(d)) {
      target = nameOf(d["depends_on_id"]) ?? nameOf(d["blocker"]) ?? nameOf(d["id"]);
      type = dependencyTypeOf(d["type"] ?? d["dep_type"] ?? d["kind"] ?? d["dependency_type"]);
    }
    if (target === undefined || hasEdge(out, target, type)) continue;
    out.push({ target: target as BeadId, type });
  }
  return out.length === 0 ? EMPTY : out;
}

/** Linear search: beads have a handful of edges, and a Set per bead costs more. */
function hasEdge(edges: readonly BeadDependency[], target: string, type: string): boolean {
  for (const e of edges) if (e.target === target && e.type === type) return true;
  return false;
}

const MIGRATED_LABELS = "[migrated labels from ";

/**
 * Reads labels from `labels`, plus the bead-rs migration's legacy first line of `notes`
 * (`[migrated labels from X]` then `a, b, c`).
 *
 * @param raw the issue record
 * @returns unique labels in order
 */
export function labelsOf(raw: JsonRecord): readonly string[] {
  const value = raw["labels"];
  const notes = raw["notes"];
  const migrated = typeof notes === "string" && notes.startsWith(MIGRATED_LABELS);
  if (!migrated && (!Array.isArray(value) || value.length === 0)) return EMPTY;
  const out: string[] = [];
  if (Array.isArray(value)) addNames(out, value);
  if (migrated) addNames(out, (notes.split("\n", 2)[1] ?? "").split(","));
  return out.length === 0 ? EMPTY : out;
}

function addNames(out: string[], values: readonly unknown[]): void {
  for (let i = 0; i < values.length; i++) {
    const name = nameOf(values[i]);
    if (name !== undefined && !out.includes(name)) out.push(name);
  }
}

/**
 * Reads comments; ids may be ints (br, old bd) or strings (bd 1.x) and become strings.
 *
 * @param value the `comments` field
 * @returns the comments, or undefined when there are none
 */
export function commentsOf(value: unknown): readonly BeadComment[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const out: BeadComment[] = [];
  for (let i = 0; i < value.length; i++) {
    const c: unknown = value[i];
    if (!isRecord(c)) continue;
    const id = c["id"];
    const text = c["text"] ?? c["body"];
    out.push({
      id: typeof id === "number" ? String(id) : nameOf(id) ?? "",
      author: nameOf(c["author"]),
      text: typeof text === "string" ? text : "",
      createdAt: instantOf(c["created_at"]),
    });
  }
  return out.length === 0 ? undefined : out;
}
