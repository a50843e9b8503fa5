/**
 * Limits: "set max workers to 5", "max workers for api 3", "limit api to 3 workers", "limit to 4
 * workers"; "set budget to 500", "monthly budget 500 dollars", "set the budget to $1,500 a month".
 */
import type { FastPathContext, Line, Match } from "./_types.ts";
import { findWorkspace, unknownWorkspace } from "./_names.ts";
import { afterAny, beforeAny, call, failure, numberOf, without } from "./_words.ts";

const MAX_WORKERS = [
  "set the maximum number of workers",
  "set the max number of workers",
  "set the max workers",
  "set the maximum workers",
  "set max workers",
  "set maximum workers",
  "set max_workers",
  "set the worker limit",
  "set worker limit",
  "max workers",
  "maximum workers",
  "max_workers",
  "worker limit",
  "limit workers",
  "limit the workers",
];

const BUDGET = [
  "set the monthly budget",
  "set my monthly budget",
  "set monthly budget",
  "set the budget",
  "set my budget",
  "set budget",
  "monthly budget",
  "budget",
  "limit the monthly budget",
  "limit the budget",
  "limit budget",
  "limit spending",
  "limit monthly spending",
];

/** Most workers a limit may allow (as the catalog does). */
const MAX_LIMIT = 1000;

/** Largest monthly budget (as the catalog allows). */
const MAX_BUDGET = 1_000_000;

/**
 * Reads a limits line.
 *
 * @param line the normalised line
 * @param context the workspaces
 * @returns a `set_limits` call, an error, `unknown`, or undefined when it is no limits line
 */
export function readLimits(line: Line, context: FastPathContext): Match {
  const budget = afterAny(line, BUDGET);
  if (budget !== undefined) return readBudget(budget, line.words[0] === "set");
  const max = afterAny(line, MAX_WORKERS);
  if (max !== undefined) {
    const scoped = afterAny(max, ["for", "in", "on"]);
    if (scoped === undefined) return readMax(max, { context });
    const [name, ...rest] = without(scoped, ["workspace", "the"]).raw;
    if (name === undefined) return { kind: "unknown" };
    return readMax({ words: rest.map((w) => w.toLowerCase()), raw: rest }, { context, name });
  }
  const limit = afterAny(line, ["limit"]);
  if (limit === undefined) return undefined;
  if (limit.words[0] === "to") {
    return limit.words.includes("workers") ? readMax(limit, { context }) : { kind: "unknown" };
  }
  const [name] = limit.raw;
  if (name === undefined || limit.words[1] !== "to") return undefined;
  const read = readMax({ words: limit.words.slice(1), raw: limit.raw.slice(1) }, { context, name });
  // "limit costs to 500" is no workspace limit: only a line that says workers, or names a
  // workspace (or nearly), is read as one.
  const sure = limit.words.includes("workers") || read?.kind === "call" ||
    (read?.kind === "error" && read.suggestions.length > 0);
  return sure ? read : { kind: "unknown" };
}

/** `[to] N [workers]`, for one workspace when named. */
function readMax(
  rest: Line,
  options: { readonly context: FastPathContext; readonly name?: string },
): Match {
  const words = without(beforeAny(rest, ["workers", "worker"]) ?? rest, ["to", "=", "of", "at"])
    .words;
  const [word] = words;
  if (word === undefined || words.length > 1) return { kind: "unknown" };
  const n = numberOf(word);
  if (n === undefined || n < 1 || n > MAX_LIMIT) {
    return failure(
      `Cannot set max workers to "${word}": give a whole number from 1 to ${MAX_LIMIT}`,
    );
  }
  if (options.name === undefined) return call("set_limits", { max_workers: n });
  const workspace = findWorkspace(options.name, options.context);
  if (workspace === undefined) {
    return unknownWorkspace(options.name, {
      context: options.context,
      action: "set max workers",
      suggest: (near) => `limit ${near} to ${n} workers`,
    });
  }
  return call("set_limits", { max_workers: n, workspace: workspace.name });
}

/** `[to] AMOUNT [dollars] [a month]`. */
function readBudget(rest: Line, explicit: boolean): Match {
  const period = beforeAny(rest, ["a month", "per month", "monthly", "each month", "/month"]);
  const unit = beforeAny(period ?? rest, ["dollars", "usd", "bucks"]);
  const words = without(unit ?? period ?? rest, ["to", "=", "of", "at", "is"]).words;
  const [word] = words;
  if (word === undefined || words.length > 1) return { kind: "unknown" };
  const amount = /^\$?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\$?(\/month)?$/.test(word)
    ? Number(word.replace(/[$,]|\/month$/g, ""))
    : undefined;
  if (amount === undefined || !(amount > 0) || amount > MAX_BUDGET) {
    if (amount === undefined && !explicit) return { kind: "unknown" };
    return failure(
      `Cannot set the monthly budget to "${word}": give an amount in US dollars above 0 and ` +
        `at most ${MAX_BUDGET}, e.g. set budget to 500`,
    );
  }
  return call("set_limits", { monthly_budget_usd: amount });
}
