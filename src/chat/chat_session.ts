/**
 * One chat request, in two steps so every interface can ask the user in its own way between
 * them: `planChat` reads the text (fast path first, then the backend if one is configured and
 * the rate limit allows), checks every proposed call against the catalog and says which need
 * confirmation; `executePlan` runs the approved calls through the action layer, answers the
 * queries, audits every call and records the exchange in the chat history.
 *
 * Nothing a backend says can widen what a request may do: its calls are checked like typed
 * ones, FORGE's confirmation rules apply whatever `requires_confirmation` says (it can only add
 * one), and a reply cannot spawn more than one request's worth of workers.
 */
import type { ActionResult, FleetSnapshot } from "../domain/mod.ts";
import { redact } from "../domain/mod.ts";
import { answerQuery, breakdownNeeded } from "./answers/mod.ts";
import type { BackendReply } from "./chat_types.ts";
import { ChatBackendError } from "./chat_types.ts";
import type { CallResult, ChatDeps, ChatOutcome, ChatPlan } from "./chat_plan.ts";
import { type FastPathContext, parseFastPath } from "./fast_path/mod.ts";
import { openRateLog } from "./rate_limit.ts";
import { type CheckedCall, toolSpecs } from "./tool_catalog.ts";
import { chatContext } from "./_chat_context.ts";
import { helpLines, viewAsQuery } from "./_chat_help.ts";
import { auditCall, recentTurns, record } from "./_chat_record.ts";
import { checkCalls } from "./_plan_calls.ts";

export type {
  CallResult,
  ChatDeps,
  ChatOutcome,
  ChatPlan,
  PlannedStep,
  RejectedCall,
} from "./chat_plan.ts";

/**
 * Reads a request: fast path, else the backend (rate-limited), else "not understood".
 *
 * @param deps ports, settings, backend and data
 * @param text what the user typed
 * @returns the plan; nothing has run yet
 */
export async function planChat(deps: ChatDeps, text: string): Promise<ChatPlan> {
  const startedAt = deps.clock.now();
  const snapshot = await deps.data.snapshot();
  const fast = parseFastPath(text, fastContext(deps, snapshot));
  const base = {
    text,
    startedAt,
    answeredBy: "fast-path",
    message: "",
    suggestions: [] as readonly string[],
    error: undefined,
    quit: false,
    snapshot,
  };
  switch (fast.kind) {
    case "quit":
      return { ...base, steps: [], rejected: [], confirmation: undefined, quit: true };
    case "error":
      return {
        ...base,
        message: fast.message,
        suggestions: fast.suggestions,
        steps: [],
        rejected: [],
        confirmation: undefined,
      };
    case "calls":
      return { ...base, ...await checkCalls(deps, snapshot, fast.calls, false) };
    case "unknown":
      break;
  }
  if (deps.backend === undefined) {
    return {
      ...base,
      answeredBy: "none",
      message: `${fast.message} (no chat backend is configured for free-form requests: ` +
        "see chat.backend in the configuration)",
      suggestions: fast.suggestions,
      steps: [],
      rejected: [],
      confirmation: undefined,
    };
  }
  const limits = {
    perMinute: deps.settings.rate_limit.per_minute,
    perHour: deps.settings.rate_limit.per_hour,
  };
  const rate = await openRateLog({ fs: deps.fs, clock: deps.clock, path: deps.layout.chatRate })
    .take(limits);
  const failed = (error: string) => ({
    ...base,
    answeredBy: deps.backend?.name ?? "none",
    error,
    suggestions: fast.suggestions,
    steps: [],
    rejected: [],
    confirmation: undefined,
  });
  if (!rate.ok) return failed(rate.message);
  let reply: BackendReply;
  try {
    reply = await deps.backend.ask({
      message: text,
      context: chatContext(snapshot, {
        view: deps.currentView ?? "overview",
        workerTypes: deps.workerTypes.map((w) => w.name),
      }),
      tools: await toolSpecs(),
      history: await recentTurns(deps),
    });
  } catch (error) {
    const why = error instanceof ChatBackendError
      ? error.message
      : `the chat backend failed: ${error instanceof Error ? error.message : String(error)}`;
    return failed(`${redact(why)} (fast-path commands still work: help lists them)`);
  }
  return {
    ...base,
    answeredBy: deps.backend.name,
    message: reply.message,
    ...await checkCalls(deps, snapshot, reply.calls, reply.requiresConfirmation),
  };
}

/**
 * Runs a plan: with `approved`, every step; without, the steps that need no confirmation (the
 * others are declined). Queries are answered, views returned, every call audited (actions by the
 * action layer, the rest here) and the exchange recorded in the history.
 *
 * @param deps as for planning
 * @param plan the plan
 * @param options whether the user confirmed
 * @returns every call's result and the views to open
 */
export async function executePlan(
  deps: ChatDeps,
  plan: ChatPlan,
  options: { readonly approved: boolean },
): Promise<ChatOutcome> {
  const results: CallResult[] = [];
  const views: Extract<CheckedCall["effect"], { kind: "view" }>[] = [];
  // The plan's fleet answers queries until an action runs; after one, they read it again.
  let snapshot: FleetSnapshot | undefined = plan.snapshot;
  const fresh = async () => snapshot ??= await deps.data.snapshot();
  for (const step of plan.steps) {
    const { call } = step;
    const effect = call.effect;
    const made = (
      outcome: CallResult["outcome"],
      message: string,
      more: Partial<CallResult> = {},
    ) =>
      results.push({
        id: call.id,
        tool: call.tool,
        arguments: call.arguments,
        outcome,
        message,
        lines: [],
        ...more,
      });
    if (effect.kind === "action") {
      if (step.confirmation !== undefined && !options.approved) {
        made("declined", `Not done: ${lowerFirst(step.confirmation.title)} was not confirmed`);
        await auditCall(deps, plan, call, "refused", "not confirmed");
        continue;
      }
      if (deps.readOnly === true) {
        made("failed", "Not done: this view only observes; act where the orchestrator runs");
        await auditCall(deps, plan, call, "refused", "read-only");
        continue;
      }
      if (step.requests.length === 0) {
        made("failed", `Not done: no worker of ${describeScope(call)} to ${effect.request.kind}`);
        continue;
      }
      const done: ActionResult[] = [];
      for (const request of step.requests) done.push(await deps.perform(request));
      snapshot = undefined;
      const ok = done.every((r) => r.ok);
      made(ok ? "done" : "failed", done.map((r) => r.message).join("; "));
      continue;
    }
    if (effect.kind === "view" && deps.surface === "tui") {
      views.push(effect);
      made("done", `${effect.view} view`);
      await auditCall(deps, plan, call, "ok");
      continue;
    }
    if (effect.kind === "help") {
      made("done", "What chat can do:", { lines: helpLines(effect.topic) });
      await auditCall(deps, plan, call, "ok");
      continue;
    }
    const query = effect.kind === "query" ? effect.query : viewAsQuery(effect);
    if (query === undefined) {
      const view = effect.kind === "view" ? effect.view : "";
      made("done", `The ${view} view is in the dashboard (forge); ${textFormOf(view)}`);
      continue;
    }
    try {
      const need = breakdownNeeded(query);
      const breakdown = need === undefined
        ? undefined
        : await deps.data.breakdown(need.period, need.by);
      const answer = answerQuery(query, {
        snapshot: await fresh(),
        workspaces: deps.workspaces,
        ...(breakdown === undefined ? {} : { breakdown }),
      });
      made("done", answer.message, { lines: answer.lines, data: answer.data });
      await auditCall(deps, plan, call, "ok");
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      made("failed", `Cannot answer ${call.tool}: ${redact(why)}`);
      await auditCall(deps, plan, call, "failed", why);
    }
  }
  for (const r of plan.rejected) {
    results.push({ ...r, outcome: "rejected", lines: [] });
    await deps.audit({
      actor: { ...deps.actor, via: "chat" },
      action: `chat.${r.tool}`.slice(0, 60),
      target: "-",
      outcome: "refused",
      details: { reason: r.message, answered_by: plan.answeredBy },
    });
  }
  const outcome = { plan, results, views };
  await record(deps, outcome);
  return outcome;
}

function fastContext(deps: ChatDeps, snapshot: FleetSnapshot): FastPathContext {
  return {
    workers: snapshot.workers.map((w) => ({
      id: w.view.id,
      model: w.view.status.model,
      workerType: w.workerType,
      workspace: w.workspace,
    })),
    workerTypes: deps.workerTypes,
    defaultWorker: deps.defaultWorker,
    workspaces: deps.workspaces,
  };
}

function describeScope(call: CheckedCall): string {
  return call.effect.kind === "action" && call.effect.scope !== undefined
    ? `workspace ${call.effect.scope.workspace}`
    : "that selection";
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\?$/, "");
}

/** Where a view without a chat answer is found on the command line. */
function textFormOf(view: string): string {
  return view === "logs"
    ? "here: forge logs <worker> (-f follows)"
    : view === "routing"
    ? "here: forge tasks --explain says why each bead waits"
    : "open it there";
}
