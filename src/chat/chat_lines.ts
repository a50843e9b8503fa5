/**
 * A request's outcome as lines of text, the same in `forge chat` and the dashboard's transcript:
 * the backend's words, one line per call (✓ done, ✗ failed, declined or rejected) with a query's
 * table under it, and for a request nobody understood, why and what to try.
 */
import type { CallResult, ChatOutcome, ChatPlan } from "./chat_plan.ts";

/** One line, with how it should look. */
export interface ChatLine {
  readonly tone: "normal" | "ok" | "error" | "dim";
  readonly text: string;
}

/**
 * The lines of an outcome.
 *
 * @param outcome what the request came to
 * @returns lines to show, in order
 */
export function outcomeLines(outcome: ChatOutcome): ChatLine[] {
  const { plan } = outcome;
  const lines: ChatLine[] = [];
  if (plan.error !== undefined) lines.push({ tone: "error", text: plan.error });
  const said = plan.message.trim();
  if (said !== "") {
    const understood = plan.steps.length > 0 || plan.rejected.length > 0 ||
      plan.answeredBy !== "fast-path" && plan.answeredBy !== "none";
    for (const l of said.split("\n").slice(0, 20)) {
      lines.push({ tone: understood ? "normal" : "error", text: l });
    }
  }
  if (plan.suggestions.length > 0) {
    lines.push({ tone: "dim", text: `did you mean: ${plan.suggestions.join(" · ")}` });
  }
  for (const r of outcome.results) {
    const mark = r.outcome === "done" ? "✓" : "✗";
    const prefix = r.outcome === "rejected" ? `${r.tool}: ` : "";
    lines.push({
      tone: r.outcome === "done" ? "ok" : "error",
      text: `${mark} ${prefix}${r.message}`,
    });
    for (const l of r.lines) lines.push({ tone: "normal", text: `  ${l}` });
  }
  return lines;
}

/**
 * What to ask before running a plan that needs confirmation.
 *
 * @param plan the plan
 * @returns the question's lines (empty when none is needed)
 */
export function confirmationLines(plan: ChatPlan): string[] {
  if (plan.confirmation === undefined) return [];
  const asking = plan.steps.filter((s) => s.confirmation !== undefined);
  return [
    plan.confirmation.title,
    ...asking.map((s) => `  ${s.confirmation?.title} ${s.confirmation?.message}`),
  ];
}

/** A call's result as recorded and printed for scripts (without a query's table). */
export interface CallSummary {
  readonly id: string;
  readonly tool: string;
  readonly arguments: unknown;
  readonly outcome: CallResult["outcome"];
  readonly message: string;
}

/**
 * The plain record of one call's result (history lines, `--json` output).
 *
 * @param result what the call came to
 * @returns its id, tool, arguments, outcome and message
 */
export function callSummary(result: CallResult): CallSummary {
  const { id, tool, arguments: args, outcome, message } = result;
  return { id, tool, arguments: args, outcome, message };
}
