/**
 * The dashboard's runtime: the only part of the dashboard with effects. It feeds keys, resizes,
 * snapshots and clock ticks to update(), performs the requests update() returns through the
 * action layer's and chat's ports (a slow one never holds up keys or frames: results come back as
 * messages), and draws view() through paint() at most 30 times a second, only when
 * something changed. The terminal is given back intact on every way out: quit, a signal, an
 * error in the loop, or the caller aborting (the engine crashed).
 */
import type { ActionRequest, ActionResult, FleetSnapshot, Terminal } from "../domain/mod.ts";
import type { ChatPort } from "./chat_port.ts";
import { initialModel } from "./init.ts";
import { parseKeys } from "./input/parse_keys.ts";
import type { DashboardModel, Msg, Request } from "./model.ts";
import type { ColorDepth } from "./render/color.ts";
import { paint } from "./render/paint.ts";
import type { Screen } from "./render/screen.ts";
import { StyleTable } from "./render/style.ts";
import { update } from "./update.ts";
import { view } from "./view/view.ts";

/** What the dashboard needs from the outside world. */
export interface DashboardPorts {
  readonly terminal: Terminal;
  /**
   * Gathers the fleet now (must not throw: failures go to `problems`); with `changed`, only those
   * workers' status files are re-read.
   */
  readonly snapshot: (changed?: readonly string[]) => Promise<FleetSnapshot>;
  /** Performs a request through the action layer. */
  readonly perform: (request: ActionRequest) => Promise<ActionResult>;
  /** The chat session the command line speaks to. */
  readonly chat: ChatPort;
  readonly now: () => number;
}

/** How to run. */
export interface DashboardOptions {
  readonly depth: ColorDepth;
  readonly readOnly: boolean;
  readonly defaultWorker: string | undefined;
  /** Aborting closes the dashboard (the engine stopped or crashed). */
  readonly signal: AbortSignal;
  /** Gather a snapshot at least this often (ms). */
  readonly refreshMs: number;
  /**
   * Called with a function that asks for a snapshot soon (coalesced): a file watcher calls it
   * with the workers whose status files changed, the engine with none after each decision (its
   * state and the tasks), so a change reaches the screen without waiting for the next period.
   * Without an argument it asks for a full gather.
   */
  readonly onWake?: (wake: (changed?: readonly string[]) => void) => void;
}

/** Why the dashboard closed. */
export type DashboardExit = "quit" | "signal" | "aborted";

const FRAME_MS = 33;
const WAKE_MIN_MS = 15;

/**
 * Runs the dashboard until the user quits, a signal arrives or the caller aborts.
 *
 * @param ports terminal, snapshot source, action performer, clock
 * @param options colour depth, read-only, default worker, stop signal, refresh period
 * @returns why it closed
 * @throws whatever the loop threw, after the terminal was restored
 */
export async function runDashboard(
  ports: DashboardPorts,
  options: DashboardOptions,
): Promise<DashboardExit> {
  const { terminal } = ports;
  const stop = new AbortController();
  let exit: DashboardExit = "quit";
  let failure: unknown;
  const close = (why: DashboardExit) => {
    exit = why;
    stop.abort();
  };
  const onAbort = () => close("aborted");
  options.signal.addEventListener("abort", onAbort);
  if (options.signal.aborted) onAbort();

  let model: DashboardModel = initialModel({
    size: terminal.size(),
    now: ports.now(),
    readOnly: options.readOnly,
    defaultWorker: options.defaultWorker,
    notice: ports.chat.notice,
  });
  const styles = new StyleTable();
  let shown: Screen | undefined;
  let frameTimer: ReturnType<typeof setTimeout> | undefined;
  let lastFrame = 0;

  const draw = () => {
    frameTimer = undefined;
    if (stop.signal.aborted) return;
    try {
      const next = view(model, styles);
      const bytes = paint(shown, next, { depth: options.depth });
      if (bytes.length > 0) terminal.write(bytes);
      shown = next;
      lastFrame = ports.now();
    } catch (error) {
      failure = error;
      stop.abort();
    }
  };
  const schedule = () => {
    if (frameTimer !== undefined || stop.signal.aborted) return;
    frameTimer = setTimeout(draw, Math.max(0, lastFrame + FRAME_MS - ports.now()));
  };

  const perform = (request: Request) => {
    switch (request.kind) {
      case "quit":
        close("quit");
        return;
      case "repaint":
        shown = undefined;
        return;
      case "refresh":
        wake();
        return;
      case "action":
        void ports.perform(request.action).then(
          (r) => dispatch({ kind: "action-done", ok: r.ok, message: r.message }),
          (e) => dispatch({ kind: "action-done", ok: false, message: String(e) }),
        ).finally(() => wake());
        return;
      case "chat":
        void ports.chat.plan(request.text, request.view).then(
          (plan) => dispatch({ kind: "chat-planned", plan }),
          (e) => dispatch({ kind: "chat-failed", message: failureText(e) }),
        );
        return;
      case "chat-execute":
        void ports.chat.execute(request.plan, request.approved).then(
          (outcome) => dispatch({ kind: "chat-done", outcome }),
          (e) => dispatch({ kind: "chat-failed", message: failureText(e) }),
        ).finally(() => wake());
        return;
      default: {
        const unreachable: never = request;
        throw new TypeError(`Cannot perform request: ${JSON.stringify(unreachable)}`);
      }
    }
  };
  const dispatch = (msg: Msg) => {
    if (stop.signal.aborted) return;
    try {
      const next = update(model, msg);
      model = next.model;
      for (const r of next.requests) perform(r);
      schedule();
    } catch (error) {
      failure = error;
      stop.abort();
    }
  };

  // Snapshots: one in flight at a time; what is asked for meanwhile (a full gather, or the
  // workers whose status files changed) is gathered right after.
  let gathering = false;
  let wanted: Set<string> | "full" | undefined;
  let lastGather = 0;
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  const want = (changed: readonly string[] | undefined) => {
    if (changed === undefined || wanted === "full") wanted = "full";
    else {
      wanted ??= new Set();
      for (const id of changed) wanted.add(id);
    }
  };
  const gather = async (changed?: readonly string[]) => {
    want(changed);
    if (gathering) return;
    gathering = true;
    try {
      while (wanted !== undefined && !stop.signal.aborted) {
        const ask = wanted;
        wanted = undefined;
        lastGather = ports.now();
        const snapshot = await ports.snapshot(ask === "full" ? undefined : [...ask]);
        dispatch({ kind: "snapshot", snapshot });
      }
    } catch (error) {
      failure = error;
      stop.abort();
    } finally {
      gathering = false;
    }
  };
  function wake(changed?: readonly string[]): void {
    if (stop.signal.aborted) return;
    want(changed);
    if (wakeTimer !== undefined) return;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      void gather([]);
    }, Math.max(0, lastGather + WAKE_MIN_MS - ports.now()));
  }
  options.onWake?.(wake);

  const unsubscribe = [
    terminal.onResize(() => dispatch({ kind: "resize", size: terminal.size() })),
    terminal.onSignal(() => close("signal")),
  ];
  const period = setInterval(() => void gather(), options.refreshMs);
  const clock = setInterval(() => dispatch({ kind: "tick", now: ports.now() }), 1000);

  terminal.enter();
  try {
    draw();
    void gather();
    let pending = "";
    const input = (async () => {
      for await (const chunk of terminal.input(stop.signal)) {
        const parsed = parseKeys(chunk, pending);
        pending = parsed.rest;
        for (const key of parsed.keys) dispatch({ kind: "key", key });
        if (stop.signal.aborted) break;
      }
    })();
    await Promise.race([
      input,
      new Promise<void>((resolve) => stop.signal.addEventListener("abort", () => resolve())),
    ]);
  } finally {
    stop.abort();
    clearInterval(period);
    clearInterval(clock);
    if (frameTimer !== undefined) clearTimeout(frameTimer);
    if (wakeTimer !== undefined) clearTimeout(wakeTimer);
    for (const u of unsubscribe) u();
    options.signal.removeEventListener("abort", onAbort);
    terminal.restore();
  }
  if (failure !== undefined) throw failure;
  return exit;
}

function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
