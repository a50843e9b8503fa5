/**
 * What every part of update() returns, and the two notes it leaves the user: toasts over the
 * footer and lines in the command line's transcript.
 */
import type { DashboardModel, Request, Toast, TranscriptEntry } from "./model.ts";

/** The next model and the effects to perform. */
export interface Step {
  readonly model: DashboardModel;
  readonly requests: readonly Request[];
}

/** How long a toast stays, by level. */
export const TOAST_MS: Readonly<Record<Toast["level"], number>> = {
  info: 4_000,
  success: 4_000,
  warn: 8_000,
  error: 8_000,
};

/** Toasts shown at once; older ones give way. */
export const MAX_TOASTS = 3;

/** Transcript lines kept. */
export const MAX_TRANSCRIPT = 200;

/**
 * A step with no effects.
 *
 * @param model the next model
 * @returns the step
 */
export function stay(model: DashboardModel): Step {
  return { model, requests: [] };
}

/**
 * A step with one effect.
 *
 * @param model the next model
 * @param request the effect
 * @returns the step
 */
export function ask(model: DashboardModel, request: Request): Step {
  return { model, requests: [request] };
}

/**
 * Adds a toast (a repeat of a shown one replaces it, so a held key does not flood).
 *
 * @param model the model
 * @param level how it is shown, and how long
 * @param text what it says
 * @returns the model with the toast, at most MAX_TOASTS kept
 */
export function toast(model: DashboardModel, level: Toast["level"], text: string): DashboardModel {
  const kept = model.toasts.filter((t) => t.text !== text);
  const added: Toast = { text, level, until: model.now + TOAST_MS[level] };
  return { ...model, toasts: [...kept, added].slice(-MAX_TOASTS) };
}

/**
 * Adds lines to the transcript.
 *
 * @param model the model
 * @param entries who says what, and how it looks
 * @returns the model with the lines, at most MAX_TRANSCRIPT kept
 */
export function say(model: DashboardModel, ...entries: TranscriptEntry[]): DashboardModel {
  if (entries.length === 0) return model;
  const transcript = [...model.command.transcript, ...entries].slice(-MAX_TRANSCRIPT);
  return { ...model, command: { ...model.command, transcript } };
}
