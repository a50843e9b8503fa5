/**
 * Task questions: "show tasks", "show p0 tasks", "priority 1 tasks", "ready tasks", "top 5
 * waiting tasks in api", "task queue"; and the tasks view filtered: "filter tasks by p0", "search
 * tasks for login".
 */
import type { FastPathContext, Line, Match } from "./_types.ts";
import { findWorkspace, workspaceAtEnd } from "./_names.ts";
import { afterAny, call, failure, looksNumeric, lookup, numberOf, without } from "./_words.ts";

const SHOW = ["show me", "show", "list", "display", "get", "what are"];

const NOUNS = ["tasks", "task", "beads", "bead", "issues"];

const STATES: Readonly<Record<string, string>> = {
  ready: "ready",
  waiting: "waiting",
  blocked: "waiting",
  pending: "waiting",
  "in-progress": "in_progress",
  running: "in_progress",
  started: "in_progress",
  all: "all",
};

const WHOLE: Readonly<Record<string, string | undefined>> = {
  "task queue": undefined,
  "the queue": undefined,
  "what is in the queue": undefined,
  "what is ready": "ready",
  "what is waiting": "waiting",
  "what is blocked": "waiting",
  "what is in progress": "in_progress",
};

const FILLER = ["the", "my", "that", "which", "are", "is", "with", "at", "of"];

/**
 * Reads a task question or filter.
 *
 * @param line the normalised line
 * @param context the workspaces
 * @returns a `show_tasks` or `filter_tasks` call, an error, `unknown`, or undefined when the line
 * is not about tasks
 */
export function readTasks(line: Line, context: FastPathContext): Match {
  const text = line.words.join(" ");
  if (Object.hasOwn(WHOLE, text)) return call("show_tasks", { state: lookup(WHOLE, text) });
  const filtered = readFilter(line, context);
  if (filtered !== undefined) return filtered;
  const joined = joinInProgress(line);
  const placed = workspaceAtEnd(joined, { context, action: "show tasks" });
  const body = afterAny(placed?.rest ?? joined, SHOW) ?? placed?.rest ?? joined;
  const words = without(body, FILLER).words;
  if (words.filter((w) => NOUNS.includes(w)).length !== 1) return undefined;
  const found: { state?: string; priority?: number; limit?: number } = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const next = words[i + 1] ?? "";
    const state = lookup(STATES, word);
    const priority = /^p\d+$/.test(word)
      ? word.slice(1)
      : word === "priority" && looksNumeric(next)
      ? next
      : undefined;
    const limit = ["top", "next", "first"].includes(word) && looksNumeric(next)
      ? next
      : looksNumeric(word)
      ? word
      : undefined;
    if (NOUNS.includes(word)) continue;
    if (state !== undefined && found.state === undefined) found.state = state;
    else if (priority !== undefined && found.priority === undefined) {
      const p = numberOf(priority);
      if (p === undefined || p > 4) return badPriority(priority);
      found.priority = p;
      if (word === "priority") i++;
    } else if (limit !== undefined && found.limit === undefined) {
      const n = numberOf(limit);
      if (n === undefined || n < 1 || n > 100) return badLimit(limit);
      found.limit = n;
      if (limit !== word) i++;
    } else return undefined;
  }
  if (placed !== undefined && "failure" in placed) return placed.failure;
  return call("show_tasks", { ...found, workspace: placed?.workspace.name });
}

/** `filter [tasks] [by] p0|<workspace>`, `search [tasks] [for] <text>`. */
function readFilter(line: Line, context: FastPathContext): Match {
  const filter = afterAny(line, ["filter"]);
  const search = afterAny(line, ["search", "find tasks", "find beads"]);
  const rest = filter ?? search;
  if (rest === undefined) return undefined;
  const args = without(afterAny(rest, NOUNS) ?? rest, ["by", "to", "for", "on", "with", "about"]);
  if (args.words.length === 0) {
    return failure('Cannot filter tasks: say by what, e.g. "filter tasks by p0"', [
      "filter tasks by p0",
    ]);
  }
  const text = args.words.join(" ");
  const priority = /^(p|priority )(\d{1,3})$/.exec(text)?.[2];
  if (filter !== undefined && priority !== undefined) {
    const p = Number(priority);
    return p > 4 ? badPriority(priority) : call("filter_tasks", { priority: p });
  }
  const workspace = args.raw.length === 1 ? findWorkspace(args.raw[0] ?? "", context) : undefined;
  if (filter !== undefined && workspace !== undefined) {
    return call("filter_tasks", { workspace: workspace.name });
  }
  const aboutTasks = search !== undefined || NOUNS.includes(rest.words[0] ?? "");
  if (!aboutTasks || args.words.length > 3) return { kind: "unknown" };
  return call("filter_tasks", { search: args.raw.join(" ") });
}

/** `in progress` as one word, so it is a state and no workspace. */
function joinInProgress(line: Line): Line {
  const at = line.words.findIndex((w, i) => w === "in" && line.words[i + 1] === "progress");
  if (at < 0) return line;
  const splice = (a: readonly string[]) => [...a.slice(0, at), "in-progress", ...a.slice(at + 2)];
  return { words: splice(line.words), raw: splice(line.raw) };
}

function badPriority(word: string): Match {
  return failure(`Cannot show priority "${word}" tasks: priorities go from 0 (most urgent) to 4`);
}

function badLimit(word: string): Match {
  return failure(`Cannot show "${word}" tasks: the count must be a whole number from 1 to 100`);
}
