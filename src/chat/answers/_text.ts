/**
 * What every answer to a chat query is made of: its shape, text made safe (bead titles, alert
 * messages and worker fields are written by others, so control and formatting characters go
 * and lengths are capped), small aligned tables within the line budget, and the workspace
 * filter (a path, a folder name, or a configured name).
 */
import { formatCount } from "../../domain/mod.ts";
import { clean, folderOf } from "../fleet_text.ts";

export { clean, folderOf, matchWorkspaces } from "../fleet_text.ts";
export type { WorkspaceName } from "../fleet_text.ts";

/** The answer to a read query. */
export interface QueryAnswer {
  /** One sentence. */
  readonly message: string;
  /** At most MAX_ANSWER_LINES short plain-text lines (a small table, details). */
  readonly lines: readonly string[];
  /** The figures as JSON (the API's shapes where there are some). */
  readonly data: unknown;
}

/** Lines an answer shows at most. */
export const MAX_ANSWER_LINES = 20;

/** Longest string kept in an answer's data. */
const DATA_TEXT_MAX = 500;

/**
 * A JSON value with every string cleaned (no control characters, capped).
 *
 * @param value plain data
 * @returns the same shape
 */
export function cleanData(value: unknown): unknown {
  if (typeof value === "string") return clean(value, DATA_TEXT_MAX);
  if (Array.isArray(value)) return value.map(cleanData);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanData(v)]));
  }
  return value;
}

/**
 * An aligned table within the line budget: the header, then rows; when there are too many, the
 * last line says how many were left out.
 *
 * @param header column titles
 * @param rows cells (already cleaned and short)
 * @param budget lines the table may take (header included)
 * @returns the lines
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  budget: number = MAX_ANSWER_LINES,
): string[] {
  const room = Math.max(1, budget - 1);
  const shown = rows.length <= room ? rows : rows.slice(0, room - 1);
  const widths = header.map((h, i) =>
    Math.max([...h].length, ...shown.map((r) => [...(r[i] ?? "")].length))
  );
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => c + " ".repeat(Math.max(0, (widths[i] ?? 0) - [...c].length))).join("  ")
      .trimEnd();
  const out = [line(header), ...shown.map(line)];
  if (shown.length < rows.length) out.push(`… ${rows.length - shown.length} more`);
  return out;
}

/**
 * "1 worker", "3 workers", "1,204 calls".
 *
 * @param n how many
 * @param word the singular
 * @param plural the plural, when not `word` + "s"
 * @returns the count and the word
 */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : plural}`;
}

/**
 * " in api-gateway", " in api-gateway and infra".
 *
 * @param paths the workspaces a query kept
 * @returns the phrase (empty without a workspace filter)
 */
export function inWorkspaces(paths: ReadonlySet<string> | undefined): string {
  if (paths === undefined) return "";
  const names = [...paths].map((p) => clean(folderOf(p), 40));
  return ` in ${names.length <= 3 ? names.join(" and ") : `${names.length} workspaces`}`;
}

/**
 * The answer when a query's workspace matches none.
 *
 * @param wanted what the query said
 * @param known the workspaces known to the snapshot
 * @returns the answer
 */
export function noSuchWorkspace(wanted: string, known: Iterable<string>): QueryAnswer {
  const names = [...new Set([...known].map((p) => clean(folderOf(p), 40)))].sort();
  const list = names.length === 0 ? "none are known yet" : `known: ${names.join(", ")}`;
  return {
    message: `No workspace matches "${clean(wanted, 60)}" (${list}).`,
    lines: [],
    data: { workspace: clean(wanted, 200), known: names },
  };
}
