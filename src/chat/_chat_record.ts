/**
 * What a request leaves behind: audit entries for calls the action layer does not audit (reads,
 * refusals, declines), the exchange in the chat history, and the last turns a backend is given
 * as context.
 */
import type { ActionRequest } from "../domain/mod.ts";
import { toIso } from "../domain/mod.ts";
import type { ChatTurn } from "./chat_types.ts";
import { appendHistory, type HistoryEntry, readHistory } from "./chat_history.ts";
import type { ChatDeps, ChatOutcome, ChatPlan } from "./chat_plan.ts";
import { callSummary } from "./chat_lines.ts";
import type { CheckedCall } from "./tool_catalog.ts";

/**
 * The last exchanges as turns for a backend (none when the history cannot be read).
 *
 * @param deps the session
 * @returns user and assistant turns, oldest first
 */
export async function recentTurns(deps: ChatDeps): Promise<ChatTurn[]> {
  try {
    const { entries } = await readHistory(deps.fs, deps.layout.chatHistory, 5);
    return entries.flatMap((e) => [
      { role: "user" as const, content: e.text.slice(0, 500) },
      { role: "assistant" as const, content: summary(e).slice(0, 500) },
    ]);
  } catch {
    return [];
  }
}

function summary(e: HistoryEntry): string {
  const calls = e.calls.map((c) => `${c.tool}: ${c.outcome} (${c.message})`);
  return [e.reply, ...calls].filter((s) => s !== "").join("\n") || "(no answer)";
}

/**
 * Audits one call of a plan under `chat.<tool>`.
 *
 * @param deps the session
 * @param plan the plan it belongs to
 * @param call the call
 * @param outcome what came of it
 * @param reason why it was refused or failed
 */
export async function auditCall(
  deps: ChatDeps,
  plan: ChatPlan,
  call: CheckedCall,
  outcome: "ok" | "failed" | "refused",
  reason?: string,
): Promise<void> {
  const target = call.effect.kind === "action"
    ? actionTarget(call.effect.request)
    : typeof call.arguments["bead"] === "string"
    ? call.arguments["bead"]
    : "-";
  await deps.audit({
    actor: { ...deps.actor, via: "chat" },
    action: `chat.${call.tool}`,
    target,
    outcome,
    details: {
      arguments: call.arguments,
      answered_by: plan.answeredBy,
      ...(reason === undefined ? {} : { reason }),
    },
  });
}

function actionTarget(request: ActionRequest): string {
  switch (request.kind) {
    case "spawn":
      return request.worker;
    case "kill":
    case "pause":
    case "resume":
      return request.target;
    case "assign":
      return request.bead;
    case "ack":
      return String(request.alert);
    case "limits":
      return request.workspace ?? "config";
  }
}

/**
 * Appends the exchange to the chat history; a failure to write is not the request's failure.
 *
 * @param deps the session
 * @param outcome what the request came to
 */
export async function record(deps: ChatDeps, outcome: ChatOutcome): Promise<void> {
  const { plan } = outcome;
  const entry: HistoryEntry = {
    at: toIso(plan.startedAt),
    who: deps.actor.who,
    via: deps.surface,
    text: plan.text.slice(0, 2_000),
    answered_by: plan.answeredBy,
    reply: plan.message.slice(0, 4_000),
    calls: outcome.results.map(callSummary),
    error: plan.error ?? null,
    duration_ms: Math.max(0, deps.clock.now() - plan.startedAt),
  };
  try {
    await appendHistory(
      deps.fs,
      deps.layout.chatHistory,
      entry,
      deps.settings.history_max_kb * 1024,
    );
  } catch {
    // History is a convenience: a full disk must not turn a done action into an error.
  }
}
