/**
 * The shapes conversational control passes around: what a backend is asked and answers, a tool
 * call before and after it is checked, and what a request came to. Backends, the fast path, the
 * CLI and the dashboard all speak these.
 */

/** A JSON Schema object (draft 2020-12 subset), as tools' parameters are described. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One tool as a backend sees it. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
}

/** A tool call as the fast path or a backend proposes it: nothing about it is trusted yet. */
export interface ProposedCall {
  /** The backend's id for the call, or one FORGE made up (`call-1`, …). */
  readonly id: string;
  readonly tool: string;
  readonly arguments: unknown;
}

/** One earlier turn of the conversation, given to a backend for context. */
export interface ChatTurn {
  readonly role: "user" | "assistant";
  readonly content: string;
}

/**
 * What FORGE shows a backend of the fleet: the integration guide's `{current_view,
 * visible_data}` plus short figures. Bead titles and worker fields are data written by others:
 * a backend may read them, but nothing in them can widen what a call may do.
 */
export interface ChatContext {
  readonly current_view: string;
  readonly visible_data: {
    readonly workers: readonly {
      readonly id: string;
      readonly status: string;
      readonly health: string;
      readonly model: string | null;
      readonly worker_type: string | null;
      readonly workspace: string | null;
      readonly bead: string | null;
    }[];
    readonly tasks: readonly {
      readonly id: string;
      readonly title: string;
      readonly priority: number;
      readonly state: string;
      readonly workspace: string;
    }[];
  };
  readonly worker_types: readonly string[];
  readonly workspaces: readonly string[];
  readonly summary: string;
}

/** What a backend is sent. */
export interface BackendRequest {
  readonly message: string;
  readonly context: ChatContext;
  readonly tools: readonly ToolSpec[];
  /** Earlier turns, oldest first (a few). */
  readonly history: readonly ChatTurn[];
}

/** A backend's answer, read leniently into one shape. */
export interface BackendReply {
  readonly message: string;
  readonly calls: readonly ProposedCall[];
  /** The backend asks for confirmation; FORGE's own rules apply as well (it can only add). */
  readonly requiresConfirmation: boolean;
}

/** A chat backend: a command, or an HTTP API. */
export interface ChatBackend {
  /** Shown in history and errors: `command`, `openai (llama3)`, … */
  readonly name: string;
  /**
   * Asks the backend.
   *
   * @throws {ChatBackendError} when it cannot answer (timeout, exit code, HTTP status, bad JSON)
   */
  ask(request: BackendRequest, signal?: AbortSignal): Promise<BackendReply>;
}

/** Why a backend could not answer, in one sentence that says what to do. */
export class ChatBackendError extends Error {
  override readonly name = "ChatBackendError";
  /** Whether asking again later may work (timeouts, 429, 5xx, connection refused). */
  readonly transient: boolean;

  constructor(message: string, options: { readonly transient: boolean; readonly cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient;
  }
}
