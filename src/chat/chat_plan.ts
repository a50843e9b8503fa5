/**
 * The shapes of a chat request's two steps: what it needs (ChatDeps), what it was read as
 * (ChatPlan: checked calls with their confirmations, rejected ones) and what it came to
 * (ChatOutcome).
 */
import type {
  ActionRequest,
  ActionResult,
  Actor,
  AuditSink,
  ChatData,
  ChatSettings,
  Clock,
  Confirmation,
  FileSystem,
  FleetSnapshot,
  HomeLayout,
} from "../domain/mod.ts";
import type { ChatBackend } from "./chat_types.ts";
import type { CheckedCall } from "./tool_catalog.ts";

/** Most calls of one reply that are looked at; the rest are rejected. */
export const MAX_CALLS = 10;

/** Everything a chat request needs; the CLI and the dashboard build one. */
export interface ChatDeps {
  readonly fs: FileSystem;
  readonly clock: Clock;
  readonly layout: HomeLayout;
  readonly settings: ChatSettings;
  /** Undefined when no backend is configured (the fast path still answers). */
  readonly backend: ChatBackend | undefined;
  readonly data: ChatData;
  /** Performs a request through the action layer, audited as `chat`. */
  readonly perform: (request: ActionRequest) => Promise<ActionResult>;
  readonly audit: AuditSink;
  /** Who is typing (`via` is replaced by `chat` in the audit trail). */
  readonly actor: Actor;
  /** Where the request was typed. */
  readonly surface: "cli" | "tui";
  /** Worker configs that can be spawned, with their model. */
  readonly workerTypes: readonly { readonly name: string; readonly model?: string | undefined }[];
  readonly defaultWorker: string | undefined;
  readonly workspaces: readonly { readonly path: string; readonly name: string }[];
  /** The dashboard view the request was typed in, for the backend's context. */
  readonly currentView?: string;
  /** Observer: actions are refused (the orchestrator is another process's). */
  readonly readOnly?: boolean;
}

/** A checked call with what it will do and whether it asks first. */
export interface PlannedStep {
  readonly call: CheckedCall;
  /** The action requests it stands for (a workspace-scoped `all` becomes one per worker). */
  readonly requests: readonly ActionRequest[];
  readonly confirmation: Confirmation | undefined;
}

/** A call that will not run, and why. */
export interface RejectedCall {
  readonly id: string;
  readonly tool: string;
  readonly arguments: unknown;
  readonly message: string;
}

/** What a request was read as. */
export interface ChatPlan {
  readonly text: string;
  readonly startedAt: number;
  /** `fast-path`, the backend's name, or `none`. */
  readonly answeredBy: string;
  /** The backend's words, or why nothing was understood. */
  readonly message: string;
  readonly suggestions: readonly string[];
  readonly steps: readonly PlannedStep[];
  readonly rejected: readonly RejectedCall[];
  /** One question for every step that asks first; undefined when none does. */
  readonly confirmation: Confirmation | undefined;
  /** A failure of the backend or its rate limit (the fast path still works). */
  readonly error: string | undefined;
  /** The user asked to leave (dashboard). */
  readonly quit: boolean;
  /** The fleet the request was read against: queries reuse it until an action changed it. */
  readonly snapshot?: FleetSnapshot;
}

/** What one call came to. */
export interface CallResult {
  readonly id: string;
  readonly tool: string;
  readonly arguments: unknown;
  readonly outcome: "done" | "failed" | "declined" | "rejected";
  readonly message: string;
  /** Lines to show under the message (a query's table). */
  readonly lines: readonly string[];
  readonly data?: unknown;
}

/** What a request came to. */
export interface ChatOutcome {
  readonly plan: ChatPlan;
  readonly results: readonly CallResult[];
  /** Views to open (dashboard), in order. */
  readonly views: readonly Extract<CheckedCall["effect"], { kind: "view" }>[];
}
