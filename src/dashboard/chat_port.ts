/**
 * The port through which the command line reaches chat: the runtime calls it, update() never
 * does, and tests of update() answer its requests with a session of their own.
 */
import type { ChatOutcome, ChatPlan } from "../chat/mod.ts";

/** The command line's chat session (`forge chat`'s, with the dashboard's snapshot source). */
export interface ChatPort {
  /**
   * Reads a typed line: the fast path, else the backend (nothing runs yet).
   *
   * @param text the line
   * @param view the view the user was looking at (the backend's context)
   */
  plan(text: string, view: string): Promise<ChatPlan>;
  /**
   * Runs a plan, audited as chat; without `approved`, the steps that ask first are declined.
   *
   * @param plan the plan
   * @param approved whether the user confirmed
   */
  execute(plan: ChatPlan, approved: boolean): Promise<ChatOutcome>;
  /** Why chat's backend is unavailable (its settings), said when the dashboard opens. */
  readonly notice?: string | undefined;
}
