/**
 * A line typed on the command line goes to the chat session, the same one `forge chat` uses: the
 * runtime reads it (fast path, else the configured backend) and update() decides what comes next
 * — quit, the confirm dialog when the plan asks first, else running it — then shows the outcome
 * in the transcript, opens the views it names, and, when the user has left the chat view
 * meanwhile, says its first line in a toast. One line is read at a time; keys and views keep
 * working while it is.
 */
import type { ChatOutcome, ChatPlan } from "../chat/mod.ts";
import { confirmationLines, outcomeLines } from "../chat/mod.ts";
import type { ChatProgress, DashboardModel, Toast, Tone } from "./model.ts";
import { ask, say, stay, type Step, toast } from "./_update_step.ts";
import { applyView } from "./_update_chat_views.ts";

/** Submitted lines kept for ↑/↓. */
export const MAX_HISTORY = 100;

const TOAST_LEVEL: Readonly<Record<Tone, Toast["level"]>> = {
  normal: "info",
  dim: "info",
  ok: "success",
  error: "error",
};

/**
 * Sends a typed line to chat: it goes to the transcript and the history, and the runtime reads
 * it. While another line is still on its way, the line stays in the input instead.
 *
 * @param model the model (command line active)
 * @returns the step
 */
export function submitLine(model: DashboardModel): Step {
  const text = model.command.text.trim();
  if (text === "") return stay(model);
  const busy = model.command.asking;
  if (busy !== undefined) {
    return stay(say(model, {
      from: "forge",
      text: `Still on "${busy.text}": Enter again once it is answered`,
      tone: "dim",
    }));
  }
  const { history } = model.command;
  const kept = history[history.length - 1] === text ? history : [...history, text];
  const command = {
    ...model.command,
    text: "",
    cursor: 0,
    history: kept.slice(-MAX_HISTORY),
    historyIndex: undefined,
  };
  const next = say(progress({ ...model, command }, { text, stage: "reading" }), {
    from: "user",
    text,
    tone: "normal",
  });
  // Chat itself shows only the transcript: what the user means by "these" is the view before.
  const view = model.view === "chat" ? model.previousView : model.view;
  return ask(next, { kind: "chat", text, view });
}

/**
 * A line was read: quit, ask first, or run it.
 *
 * @param model the model
 * @param plan what the line asks for
 * @returns the step
 */
export function chatPlanned(model: DashboardModel, plan: ChatPlan): Step {
  if (plan.quit) return ask(progress(model, undefined), { kind: "quit" });
  const run = (m: DashboardModel, approved: boolean) => answerChat(m, { plan, approved });
  if (plan.confirmation === undefined) return run(model, false);
  // An observer's session refuses every action (its deps are read-only): asking first would only
  // delay that answer, and "approved" lets the refusal say why instead of "not confirmed".
  if (model.readOnly) return run(model, true);
  if (model.overlay?.kind === "confirm") {
    const told = say(model, {
      from: "forge",
      text: `Not asked "${plan.confirmation.title}": another question is open`,
      tone: "dim",
    });
    return run(told, false);
  }
  // Several changes asking at once are listed one a line under the question.
  const [title = plan.confirmation.title, ...more] = confirmationLines(plan);
  const listed = more.length > 1 ? more : [];
  const asked = say(
    {
      ...progress(model, { text: plan.text, stage: "confirming" }),
      overlay: {
        kind: "confirm",
        title: plan.confirmation.title,
        message: plan.confirmation.message,
        pending: { kind: "chat", plan },
      },
    },
    { from: "forge", text: `${title} (y/n)`, tone: "normal" },
    ...listed.map((text) => ({ from: "forge" as const, text, tone: "dim" as const })),
  );
  return stay(asked);
}

/**
 * The user answered the confirm dialog of a chat plan: run it, approved or not (queries are
 * answered either way; actions that asked first run only when approved).
 *
 * @param model the model, dialog closed
 * @param options the plan and the answer
 * @returns the step
 */
export function answerChat(
  model: DashboardModel,
  options: { readonly plan: ChatPlan; readonly approved: boolean },
): Step {
  const { plan, approved } = options;
  return ask(progress(model, { text: plan.text, stage: "running" }), {
    kind: "chat-execute",
    plan,
    approved,
  });
}

/**
 * A plan ran: its lines in the transcript, its views opened, and a toast when the user is
 * elsewhere than in chat.
 *
 * @param model the model
 * @param outcome what the plan came to
 * @returns the step
 */
export function chatDone(model: DashboardModel, outcome: ChatOutcome): Step {
  const lines = outcomeLines(outcome);
  let next = say(
    progress(model, undefined),
    ...lines.map((l) => ({ from: "forge" as const, text: l.text, tone: l.tone })),
  );
  for (const effect of outcome.views) next = applyView(next, effect);
  const first = lines[0];
  if (first === undefined || next.view === "chat") return stay(next);
  return stay(toast(next, TOAST_LEVEL[first.tone], first.text));
}

/**
 * Reading or running a line failed outright (the session threw): said, and chat is free again.
 *
 * @param model the model
 * @param message why
 * @returns the step
 */
export function chatFailed(model: DashboardModel, message: string): Step {
  const text = `Cannot answer: ${message}`;
  const next = say(progress(model, undefined), { from: "forge", text, tone: "error" });
  return stay(next.view === "chat" ? next : toast(next, "error", text));
}

function progress(model: DashboardModel, asking: ChatProgress | undefined): DashboardModel {
  return { ...model, command: { ...model.command, asking } };
}
