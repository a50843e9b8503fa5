/**
 * The dashboard's first model: the overview, nothing selected or filtered, logs following, no
 * snapshot yet (the view says "gathering…" until the first one arrives).
 */
import type { DashboardModel, Size } from "./model.ts";

/**
 * Builds the model the dashboard starts from.
 *
 * @param options terminal size, the clock's now, observer mode, and the worker config `n` spawns
 * @returns the initial model
 */
export function initialModel(options: {
  readonly size: Size;
  readonly now: number;
  readonly readOnly: boolean;
  readonly defaultWorker: string | undefined;
  /** Worker config names the command line may spawn (default: just the default one). */
  readonly workerTypes?: readonly string[];
}): DashboardModel {
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
      transcript: [],
    },
    toasts: [],
    readOnly: options.readOnly,
    defaultWorker: options.defaultWorker,
    workerTypes: options.workerTypes ??
      (options.defaultWorker === undefined ? [] : [options.defaultWorker]),
  };
}
