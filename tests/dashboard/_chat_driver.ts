/**
 * The dashboard's chat flow without a terminal: update() folded over messages while a real chat
 * session (tests/chat/_session_fixture.ts) answers the requests it makes, as run_dashboard.ts
 * does; and plans and outcomes made by hand for the steps a session cannot be stopped between.
 */
import type { ChatDeps, ChatOutcome, ChatPlan } from "../../src/chat/mod.ts";
import { executePlan, planChat } from "../../src/chat/mod.ts";
import type { DashboardModel, Msg, Request } from "../../src/dashboard/model.ts";
import { update } from "../../src/dashboard/update.ts";
import { keys, typed } from "./_update_fixture.ts";

/** What driving came to. */
export interface Driven {
  readonly model: DashboardModel;
  /** Every request update() made, chat's included, in order. */
  readonly requests: Request[];
}

/**
 * Folds messages through update(), answering `chat` and `chat-execute` requests with the session
 * right away (their answers are handled before the next message).
 *
 * @param start the model
 * @param deps the chat session's dependencies
 * @param msgs the messages
 * @returns the last model and every request
 */
export async function drive(
  start: DashboardModel,
  deps: ChatDeps,
  ...msgs: readonly (Msg | readonly Msg[])[]
): Promise<Driven> {
  let model = start;
  const requests: Request[] = [];
  const queue: Msg[] = msgs.flat();
  while (queue.length > 0) {
    const msg = queue.shift();
    if (msg === undefined) break;
    const step = update(model, msg);
    model = step.model;
    const answers: Msg[] = [];
    for (const request of step.requests) {
      requests.push(request);
      if (request.kind === "chat") {
        const plan = await planChat({ ...deps, currentView: request.view }, request.text);
        answers.push({ kind: "chat-planned", plan });
      } else if (request.kind === "chat-execute") {
        const outcome = await executePlan(deps, request.plan, { approved: request.approved });
        answers.push({ kind: "chat-done", outcome });
      }
    }
    queue.unshift(...answers);
  }
  return { model, requests };
}

/**
 * The keys of typing a line on the command line and sending it (`:` first when it is closed).
 *
 * @param text the line
 * @param open whether to press `:` first
 * @returns the messages
 */
export function line(text: string, open = true): Msg[] {
  return [...(open ? keys(":") : []), ...typed(text), ...keys("<enter>")];
}

/**
 * A plan made by hand: read by the fast path, nothing to run, unless `parts` say otherwise.
 *
 * @param text the line it was read from
 * @param parts fields to set
 * @returns the plan
 */
export function handPlan(text: string, parts: Partial<ChatPlan> = {}): ChatPlan {
  return {
    text,
    startedAt: 0,
    answeredBy: "fast-path",
    message: "",
    suggestions: [],
    steps: [],
    rejected: [],
    confirmation: undefined,
    error: undefined,
    quit: false,
    ...parts,
  };
}

/**
 * An outcome made by hand.
 *
 * @param plan the plan it ran
 * @param parts results and views
 * @returns the outcome
 */
export function handOutcome(plan: ChatPlan, parts: Partial<ChatOutcome> = {}): ChatOutcome {
  return { plan, results: [], views: [], ...parts };
}
