/**
 * The words the command line knows besides names: its verbs and the ways of naming a view, with
 * the few other words people use for them (`exit`, `subs`, `show tasks`, `logs view` …).
 */
import { type ViewName, VIEWS } from "./model.ts";

const VERB_NAMES = ["spawn", "kill", "pause", "resume", "assign", "ack", "help", "quit"];

const VERB_ALIASES: Readonly<Record<string, string>> = {
  start: "spawn",
  acknowledge: "ack",
  "?": "help",
  exit: "quit",
  q: "quit",
};

const VIEW_ALIASES: Readonly<Record<string, ViewName>> = {
  dashboard: "overview",
  home: "overview",
  worker: "workers",
  task: "tasks",
  queue: "tasks",
  cost: "costs",
  subs: "subscriptions",
  plans: "subscriptions",
  metric: "metrics",
  alert: "alerts",
  log: "logs",
  activity: "logs",
  route: "routing",
};

/** Words worth suggesting for a misspelt first word. */
export const COMMAND_WORDS: readonly string[] = [...VERB_NAMES, ...VIEWS];

/**
 * The verb a word names, ignoring case.
 *
 * @param word the first word of a line
 * @returns `spawn`, `kill`, `pause`, `resume`, `assign`, `ack`, `help`, `quit`, or undefined
 */
export function verbNamed(word: string): string | undefined {
  const lower = word.toLowerCase();
  return VERB_NAMES.includes(lower) ? lower : VERB_ALIASES[lower];
}

/**
 * The view a whole line names: `tasks`, `show tasks`, `go to tasks`, `tasks view`, `subs` …
 *
 * @param words the line's words, lowercased
 * @returns the view, or undefined when the line is not a view name
 */
export function viewNamed(words: readonly string[]): ViewName | undefined {
  let w = [...words];
  if (w[0] === "show" || w[0] === "open") w = w.slice(1);
  else if (w[0] === "go" && w[1] === "to") w = w.slice(2);
  if (w.length === 2 && w[1] === "view") w = w.slice(0, 1);
  if (w.length !== 1 || w[0] === undefined) return undefined;
  const name = w[0];
  return (VIEWS as readonly string[]).includes(name) ? name as ViewName : VIEW_ALIASES[name];
}
