/**
 * Chat's own help, and how a view asked for outside the dashboard (`forge chat "tasks"`) is
 * answered: as the query that shows the same thing in text.
 */
import type { ChatQuery, ToolEffect } from "./tool_catalog.ts";
import { TOOL_NAMES } from "./tool_catalog.ts";

/** Examples, one line each, that the fast path answers without a backend. */
const CHAT_EXAMPLES: readonly string[] = [
  "spawn 2 sim                  start two workers of a worker config (or: spawn two sonnet)",
  "kill sim-alpha · kill all    stop workers (asks first)",
  "pause all · resume all       pause everyone (asks first); pause all in api: one workspace",
  "assign bd-12 [worker|auto]   a new worker on one bead",
  "show workers · idle workers  who does what",
  "show p0 tasks · ready tasks  the queue",
  "why is bd-12 waiting?        blockers, score and routing of one bead",
  "costs this week · what did opus cost this month?",
  "show alerts · ack 3 · ack all",
  "metrics · subscriptions      success rate, durations; plan usage",
  "set max workers to 5 · set budget to 500   (asks first)",
];

/**
 * Help text.
 *
 * @param topic a tool name or word to narrow the examples to
 * @returns lines to show
 */
export function helpLines(topic: string | undefined): readonly string[] {
  const word = topic?.trim().toLowerCase().replace(/_/g, " ") ?? "";
  const matching = word === ""
    ? CHAT_EXAMPLES
    : CHAT_EXAMPLES.filter((l) => l.toLowerCase().includes(word.split(" ")[0] ?? word));
  return [
    ...(matching.length > 0 ? matching : CHAT_EXAMPLES),
    "Anything else goes to the chat backend, if one is configured (chat.backend).",
    `Tools: ${TOOL_NAMES.join(", ")}`,
  ];
}

/**
 * The query that shows a view's content in text, when there is one.
 *
 * @param effect a view effect
 * @returns the query, or undefined for views with no text form (logs, routing)
 */
export function viewAsQuery(
  effect: Extract<ToolEffect, { kind: "view" }>,
): ChatQuery | undefined {
  switch (effect.view) {
    case "overview":
    case "workers":
      return { kind: "workers", state: "all" };
    case "tasks":
      return {
        kind: "tasks",
        state: "all",
        priority: effect.tasks?.priority,
        workspace: effect.tasks?.workspace,
        limit: 20,
      };
    case "costs":
      return { kind: "costs", period: "today" };
    case "subscriptions":
      return { kind: "subscriptions" };
    case "metrics":
      return { kind: "metrics" };
    case "alerts":
      return { kind: "alerts", all: false };
    case "logs":
    case "routing":
      return undefined;
  }
}
