/**
 * The dashboard's model, the messages that change it and the requests it makes. `update(model,
 * msg)` is pure and returns the next model and the requests; the runtime performs requests through
 * the action layer and feeds results back as messages; `view(model)` draws the model.
 */
import type { ChatOutcome, ChatPlan } from "../chat/mod.ts";
import { CHAT_VIEWS } from "../chat/mod.ts";
import type { ActionRequest, FleetSnapshot } from "../domain/mod.ts";

/** A key as parseKeys() decodes it. */
export type Key =
  /** A printable character (one grapheme), `ctrl` / `alt` when held. */
  | {
    readonly kind: "char";
    readonly char: string;
    readonly ctrl?: boolean;
    readonly alt?: boolean;
  }
  | {
    readonly kind:
      | "enter"
      | "escape"
      | "backspace"
      | "delete"
      | "tab"
      | "backtab"
      | "up"
      | "down"
      | "left"
      | "right"
      | "pageup"
      | "pagedown"
      | "home"
      | "end"
      | "insert";
    readonly ctrl?: boolean;
    readonly alt?: boolean;
    readonly shift?: boolean;
  }
  | { readonly kind: "function"; readonly n: number }
  /** Bracketed paste: the pasted text, whole. */
  | { readonly kind: "paste"; readonly text: string }
  /** A sequence the parser does not know, kept for debugging. */
  | { readonly kind: "unknown"; readonly sequence: string };

/** Every view, in Tab order: the ones chat can open, then chat itself. */
export const VIEWS = [...CHAT_VIEWS, "chat"] as const;

/** One view. */
export type ViewName = typeof VIEWS[number];

/** Terminal size in cells. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** An effect update() asks for. */
export type Request =
  | { readonly kind: "action"; readonly action: ActionRequest }
  /** Gather a fresh snapshot now. */
  | { readonly kind: "refresh" }
  /** Repaint every cell (Ctrl+L). */
  | { readonly kind: "repaint" }
  | { readonly kind: "quit" }
  /** Read a line typed on the command line (`view`: what the user was looking at). */
  | { readonly kind: "chat"; readonly text: string; readonly view: ViewName }
  /** Run a chat plan; without `approved`, the steps that ask first are declined. */
  | { readonly kind: "chat-execute"; readonly plan: ChatPlan; readonly approved: boolean };

/** Something that happened to the dashboard. */
export type Msg =
  | { readonly kind: "key"; readonly key: Key }
  | { readonly kind: "resize"; readonly size: Size }
  | { readonly kind: "snapshot"; readonly snapshot: FleetSnapshot }
  | { readonly kind: "tick"; readonly now: number }
  /** An action finished: what to tell the user. */
  | {
    readonly kind: "action-done";
    readonly ok: boolean;
    readonly message: string;
  }
  /** A typed line was read: what it asks for (nothing has run yet). */
  | { readonly kind: "chat-planned"; readonly plan: ChatPlan }
  /** A chat plan ran: what each call came to, and the views to open. */
  | { readonly kind: "chat-done"; readonly outcome: ChatOutcome }
  /** Reading or running a typed line failed (the promise rejected). */
  | { readonly kind: "chat-failed"; readonly message: string };

/** A short message shown over the footer until it expires. */
export interface Toast {
  readonly text: string;
  readonly level: "info" | "success" | "warn" | "error";
  readonly until: number;
}

/** What a confirmation holds until it is answered: one request (a key), or a chat plan. */
export type Pending =
  | { readonly kind: "action"; readonly action: ActionRequest }
  | { readonly kind: "chat"; readonly plan: ChatPlan };

/** An overlay on top of the view; keys go to it first. */
export type Overlay =
  | { readonly kind: "help" }
  | {
    readonly kind: "confirm";
    readonly title: string;
    readonly message: string;
    readonly pending: Pending;
  }
  /** Details of the task at `index` of the filtered task list. */
  | { readonly kind: "task"; readonly index: number }
  /** Details of the alert at `index` of the alert list. */
  | { readonly kind: "alert"; readonly index: number };

/** Log levels the logs view can filter to (this level and worse). */
export type LogFilter = "all" | "info" | "warn" | "error";

/** How a transcript line looks: plain, done (✓), failed or refused, or a hint. */
export type Tone = "normal" | "ok" | "error" | "dim";

/** One line of the transcript. */
export interface TranscriptEntry {
  readonly from: "user" | "forge";
  readonly text: string;
  readonly tone: Tone;
}

/** A typed line on its way: being read, waiting for the user's yes or no, or running. */
export interface ChatProgress {
  readonly text: string;
  readonly stage: "reading" | "confirming" | "running";
}

/** The command line (`:`). */
export interface CommandLine {
  readonly active: boolean;
  readonly text: string;
  /** Cursor position in `text` (code units). */
  readonly cursor: number;
  /** Submitted lines, oldest first (capped). */
  readonly history: readonly string[];
  /** Position while browsing history with ↑/↓; undefined when editing a new line. */
  readonly historyIndex: number | undefined;
  /** What FORGE answered, oldest first (capped): shown in the chat view. */
  readonly transcript: readonly TranscriptEntry[];
  /** The line chat is busy with (one at a time); undefined when idle. */
  readonly asking: ChatProgress | undefined;
}

/** The whole dashboard state. */
export interface DashboardModel {
  readonly size: Size;
  readonly now: number;
  readonly snapshot: FleetSnapshot | undefined;
  readonly view: ViewName;
  /** Where Esc goes back to from chat. */
  readonly previousView: ViewName;
  /** Selected row per view (workers, tasks, alerts, routing…). */
  readonly selected: Readonly<Partial<Record<ViewName, number>>>;
  /** First visible row per view, kept so the selection stays on screen. */
  readonly scroll: Readonly<Partial<Record<ViewName, number>>>;
  readonly tasks: {
    /** Show only this priority (0-4). */
    readonly priority: number | undefined;
    /** Show only this workspace path. */
    readonly workspace: string | undefined;
    /** Case-insensitive search over id, title, labels, assignee. */
    readonly search: string;
    /** True while typing a search after `/`. */
    readonly searching: boolean;
  };
  readonly logs: {
    /** Only this source (worker id or `forge`); undefined for all. */
    readonly source: string | undefined;
    readonly level: LogFilter;
    /** Follow new lines; false once the user scrolls up. */
    readonly follow: boolean;
  };
  readonly overlay: Overlay | undefined;
  readonly command: CommandLine;
  readonly toasts: readonly Toast[];
  /** Observer mode: actions are refused with a toast. */
  readonly readOnly: boolean;
  /** Name of the worker config that `n` spawns (the first routable one). */
  readonly defaultWorker: string | undefined;
}
