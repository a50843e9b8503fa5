/**
 * Cost questions: "show costs", "costs today", "what did I spend this month", "what did opus cost
 * this week", "costs by model this week", "today's spending". A line with one cost word whose
 * other words are all a period, a breakdown, a model or filler; any other word makes it a
 * sentence for a backend.
 */
import type { FastPathContext, Line, Match } from "./_types.ts";
import { isModel } from "./_names.ts";
import { afterAny, call, lookup } from "./_words.ts";

const QUESTIONS = [
  "how much did i",
  "how much did we",
  "how much have i",
  "how much have we",
  "how much did",
  "how much has",
  "how much have",
  "how much is",
  "how much are",
  "what did i",
  "what did we",
  "what have i",
  "what have we",
  "what did",
  "what is",
  "what are",
  "what were",
  "show me",
  "show",
  "list",
  "display",
  "give me",
  "get",
];

const COST_WORDS = ["costs", "cost", "spending", "spend", "spent", "expenses"];

const FILLER = [
  "my",
  "the",
  "this",
  "for",
  "so",
  "far",
  "of",
  "on",
  "in",
  "over",
  "during",
  "total",
  "overall",
  "summary",
  "analytics",
  "report",
  "breakdown",
  "broken",
  "down",
  "split",
  "grouped",
  "worker",
  "workers",
];

const PERIODS: Readonly<Record<string, "today" | "week" | "month">> = {
  today: "today",
  "today's": "today",
  todays: "today",
  week: "week",
  "week's": "week",
  weekly: "week",
  month: "month",
  "month's": "month",
  monthly: "month",
};

const DIMENSIONS: Readonly<Record<string, string>> = {
  model: "model",
  models: "model",
  worker: "worker",
  workers: "worker",
  bead: "bead",
  beads: "bead",
  task: "bead",
  tasks: "bead",
  workspace: "workspace",
  workspaces: "workspace",
  project: "workspace",
  projects: "workspace",
  plan: "plan",
  plans: "plan",
  subscription: "plan",
  subscriptions: "plan",
};

/**
 * Reads a cost question.
 *
 * @param line the normalised line
 * @param context the configs and workers (for model names)
 * @returns a `show_costs` call, `unknown` for a cost sentence it cannot read whole, or undefined
 * when the line has no cost word
 */
export function readCosts(line: Line, context: FastPathContext): Match {
  const words = (afterAny(line, QUESTIONS) ?? line).words;
  const at = words.findIndex((w) => COST_WORDS.includes(w));
  if (at < 0) return undefined;
  const rest = words.filter((_, i) => i !== at);
  if (rest.some((w) => COST_WORDS.includes(w))) return { kind: "unknown" };
  const found: { period?: string; model?: string; by?: string } = {};
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? "";
    const period = lookup(PERIODS, word);
    const by = word === "by" || word === "per" ? lookup(DIMENSIONS, rest[i + 1] ?? "") : undefined;
    if (period !== undefined && found.period === undefined) {
      found.period = period;
    } else if (by !== undefined && found.by === undefined) {
      found.by = by;
      i++;
    } else if (FILLER.includes(word)) {
      continue;
    } else if (isModel(word, context) && found.model === undefined) {
      found.model = word;
    } else {
      return { kind: "unknown" };
    }
  }
  return call("show_costs", found);
}
