/**
 * Questions about the fleet: workers ("show workers", "idle workers", "how are my workers",
 * "which workers are paused", "workers in api"), metrics ("success rate") and subscriptions
 * ("show plans", "quota").
 */
import type { FastPathContext, Line, Match } from "./_types.ts";
import { workspaceAtEnd } from "./_names.ts";
import { afterAny, call, lookup, without } from "./_words.ts";

const SHOW = ["show me", "show", "list", "display", "get"];

const NOUNS = ["workers", "worker", "agents", "sessions"];

const STATES: Readonly<Record<string, string>> = {
  all: "all",
  idle: "idle",
  paused: "paused",
  active: "active",
  busy: "active",
  working: "active",
  running: "active",
  unhealthy: "unhealthy",
  sick: "unhealthy",
  failing: "unhealthy",
  stuck: "unhealthy",
  broken: "unhealthy",
};

const HOW_ARE = [
  "how are workers",
  "how are workers doing",
  "how are my workers",
  "how are my workers doing",
  "how are the workers",
  "how are the workers doing",
  "what are my workers doing",
  "what are the workers doing",
  "worker status",
  "workers status",
  "status of workers",
  "status of my workers",
  "status of the workers",
  "who is working",
];

const METRICS = [
  "metrics",
  "success rate",
  "the success rate",
  "my success rate",
  "our success rate",
  "throughput",
  "stats",
  "statistics",
  "performance",
  "task durations",
];

const SUBSCRIPTIONS = [
  "subscriptions",
  "subscription usage",
  "my subscriptions",
  "plans",
  "my plans",
  "plan usage",
  "usage",
  "quota",
  "quotas",
  "my quota",
  "quota left",
  "remaining quota",
  "how much quota is left",
  "how much quota do i have left",
];

/**
 * Reads a question about workers, metrics or subscriptions.
 *
 * @param line the normalised line
 * @param context the workspaces
 * @returns a `show_workers`, `show_metrics` or `show_subscriptions` call, an error for an
 * unknown workspace, or undefined when the line is about something else
 */
export function readStatus(line: Line, context: FastPathContext): Match {
  const text = line.words.join(" ");
  if (HOW_ARE.includes(text)) return call("show_workers");
  const shown = afterAny(line, [...SHOW, "what is"]);
  const asked = (shown ?? line).words.join(" ");
  if (METRICS.includes(asked) && (shown !== undefined || asked !== "metrics")) {
    return call("show_metrics");
  }
  if (SUBSCRIPTIONS.includes(asked) && (shown !== undefined || asked !== "subscriptions")) {
    return call("show_subscriptions");
  }
  return readWorkers(line, context);
}

/** `[show] [STATE] workers [in WS]`, `which workers are STATE`. */
function readWorkers(line: Line, context: FastPathContext): Match {
  const placed = workspaceAtEnd(line, { context, action: "show workers" });
  const whole = placed?.rest ?? line;
  const which = afterAny(whole, ["which", "what"]);
  const shown = which === undefined ? afterAny(whole, SHOW) : undefined;
  const words = without(which ?? shown ?? whole, ["the", "my", "are", "is"]).words;
  const nouns = words.filter((w) => NOUNS.includes(w));
  const states = words.filter((w) => lookup(STATES, w) !== undefined);
  if (nouns.length !== 1 || words.length !== nouns.length + states.length || states.length > 1) {
    return undefined;
  }
  if (which !== undefined ? states.length === 0 : words[0] !== states[0] && words[0] !== nouns[0]) {
    return undefined;
  }
  if (shown === undefined && which === undefined && states.length === 0 && placed === undefined) {
    return undefined;
  }
  if (placed !== undefined && "failure" in placed) return placed.failure;
  return call("show_workers", {
    state: states[0] === undefined ? undefined : lookup(STATES, states[0]),
    workspace: placed?.workspace.name,
  });
}
