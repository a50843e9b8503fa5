/**
 * @module
 * Conversational control: the tool catalog (one source for what backends see and what calls are
 * checked against), the fast path, the backends (a command, OpenAI-compatible and Anthropic
 * HTTP APIs), the chat session (plan, confirm, execute, audit, history) and the backend harness.
 */
export type {
  BackendReply,
  BackendRequest,
  ChatBackend,
  ChatContext,
  ChatTurn,
  JsonSchema,
  ProposedCall,
  ToolSpec,
} from "./chat_types.ts";
export { ChatBackendError } from "./chat_types.ts";
export { CHAT_VIEWS, checkCall, openAiTools, toolSpecs } from "./tool_catalog.ts";
export type { CallCheck, ChatQuery, ChatView, CheckedCall, ToolEffect } from "./tool_catalog.ts";
export { parseFastPath } from "./fast_path/mod.ts";
export type { FastPathContext, FastPathResult } from "./fast_path/mod.ts";
export { answerQuery, breakdownNeeded } from "./answers/mod.ts";
export { executePlan, planChat } from "./chat_session.ts";
export type {
  CallResult,
  ChatDeps,
  ChatOutcome,
  ChatPlan,
  PlannedStep,
  RejectedCall,
} from "./chat_plan.ts";
export { callSummary, confirmationLines, outcomeLines } from "./chat_lines.ts";
export type { CallSummary, ChatLine } from "./chat_lines.ts";
export { appendHistory, readHistory } from "./chat_history.ts";
export type { HistoryEntry, HistoryRead } from "./chat_history.ts";
export { decideRate, openRateLog } from "./rate_limit.ts";
export type { RateDecision, RateLimits, RateLog } from "./rate_limit.ts";
export { matchWorkspaces } from "./fleet_text.ts";
export type { WorkspaceName } from "./fleet_text.ts";
export { createBackend } from "./backends/mod.ts";
export { splitCommandLine, validateBackend } from "./validate_backend.ts";
export type { BackendCheck } from "./validate_backend.ts";
