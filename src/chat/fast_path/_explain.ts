/**
 * Questions about one bead: "why is bd-42 waiting", "why isn't bd-42 running", "explain bd-42",
 * "what about bd-42", "status of bd-42", or the bare id. A word that is a worker id is no bead,
 * even when it is shaped like one (`sim-alpha`).
 */
import type { FastPathContext, Line, Match } from "./_types.ts";
import { findWorker } from "./_names.ts";
import { afterAny, call, isBeadId } from "./_words.ts";

/** Openings after which the bead id ends the line. */
const ABOUT = [
  "explain",
  "what about",
  "how about",
  "what is up with",
  "what is going on with",
  "what is happening with",
  "what happened to",
  "status of",
  "details of",
  "details for",
  "info on",
  "about",
  "show",
];

/** "why" and the verb after it; any short question may follow the bead id. */
const WHY = [
  "why is not",
  "why does not",
  "why did not",
  "why has not",
  "why was not",
  "why can not",
  "why is",
  "why does",
  "why did",
  "why has",
  "why was",
  "why",
];

/** Most words after the bead id in a "why" question. */
const MAX_WHY_TAIL = 8;

/**
 * Reads a question about one bead.
 *
 * @param line the normalised line
 * @param context the workers (whose ids are no beads)
 * @returns an `explain_bead` call, or undefined when the line is not about one bead
 */
export function readExplain(line: Line, context: FastPathContext): Match {
  const why = afterAny(line, WHY);
  const about = why === undefined ? afterAny(line, ABOUT) : undefined;
  const rest = why ?? about ?? line;
  const skip = ["bead", "task", "issue"].includes(rest.words[0] ?? "") ? 1 : 0;
  const bead = rest.raw[skip];
  const tail = rest.words.length - skip - 1;
  if (bead === undefined || !isBeadId(bead, rest === line && skip === 0)) return undefined;
  if (findWorker(bead, context) !== undefined) return undefined;
  if (why !== undefined ? tail > MAX_WHY_TAIL : tail > 0) return undefined;
  return call("explain_bead", { bead });
}
