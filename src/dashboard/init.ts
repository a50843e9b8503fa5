/**
 * The dashboard's first model: the overview, nothing selected or filtered, logs following, no
 * snapshot yet (the view says "gathering…" until the first one arrives).
 */
import type { DashboardModel, Size } from "./model.ts";
import { TOAST_MS } from "./_update_step.ts";

/**
 * Builds the model the dashboard starts from.
 *
 * @param options terminal size, the clock's now, observer mode, the worker config `n` spawns, and
 *   a notice to start with
 * @returns the initial model
 */
export function initialModel(options: {
  readonly size: Size;
  readonly now: number;
  readonly readOnly: boolean;
  readonly defaultWorker: string | undefined;
  /** Said in the transcript and as a warning toast (chat's backend is unavailable, and why). */
  readonly notice?: string | undefined;
}): DashboardModel {
  const { notice } = options;
  return {
    size: options.size,
    now: options.now,
    snapshot: undefined,
    view: "overview",
    previousView: "overview",
    selected: {},
    scroll: {},
    tasks: { priority: undefined, workspace: undefined, search: "", searching: false },
    logs: { source: undefined, level: "all", follow: true },
    overlay: undefined,
    command: {
      active: false,
      text: "",
      cursor: 0,
      history: [],
      historyIndex: undefined,
      transcript: notice === undefined ? [] : [{ from: "forge", text: notice, tone: "error" }],
      asking: undefined,
    },
    toasts: notice === undefined
      ? []
      : [{ text: notice, level: "warn", until: options.now + TOAST_MS.warn }],
    readOnly: options.readOnly,
    defaultWorker: options.defaultWorker,
  };
}
