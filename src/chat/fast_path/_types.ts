/**
 * The shapes the fast path's readers share: what they know about the fleet, the line they read
 * and what one reader makes of it.
 */
import type { ProposedCall } from "../chat_types.ts";

/** What the fast path checks names against: workers, spawnable configs and workspaces. */
export interface FastPathContext {
  /** The workers there are now. */
  readonly workers: readonly {
    readonly id: string;
    readonly model?: string | undefined;
    readonly workerType?: string | undefined;
    readonly workspace?: string | undefined;
  }[];
  /** Worker configs that can be spawned, with their model. */
  readonly workerTypes: readonly { readonly name: string; readonly model?: string | undefined }[];
  /** What `spawn` starts when no config is named. */
  readonly defaultWorker: string | undefined;
  /** The configured workspaces. */
  readonly workspaces: readonly { readonly path: string; readonly name: string }[];
}

/** What the fast path makes of a line. */
export type FastPathResult =
  /** Tool calls of the catalog, still to be checked with `checkCall()` like a backend's. */
  | { readonly kind: "calls"; readonly calls: readonly ProposedCall[] }
  /** Leave chat (the dashboard's command line) or the session. */
  | { readonly kind: "quit" }
  /**
   * A known verb with something wrong (unknown worker, bad count…): why, and whole lines the
   * user may have meant. Never goes to a backend.
   */
  | { readonly kind: "error"; readonly message: string; readonly suggestions: readonly string[] }
  /**
   * Not a fast-path command: goes to the backend if one is configured, else the message (with
   * "try …" examples) and suggestions are shown.
   */
  | { readonly kind: "unknown"; readonly message: string; readonly suggestions: readonly string[] };

/** A normalised line: lowercased words, and the same words as typed (for ids). */
export interface Line {
  readonly words: readonly string[];
  readonly raw: readonly string[];
}

/** One tool call, before it gets its id. */
export interface Call {
  readonly kind: "call";
  readonly tool: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}

/** A refusal of a line that is clearly meant as a command. */
export interface Failure {
  readonly kind: "error";
  readonly message: string;
  readonly suggestions: readonly string[];
}

/**
 * What one reader makes of a line: a call, quit, an error, `unknown` (the line is this reader's
 * but it is not sure what it means: nobody else should guess either), or `undefined` (not this
 * reader's: try the next one).
 */
export type Match =
  | Call
  | Failure
  | { readonly kind: "quit" }
  | { readonly kind: "unknown" }
  | undefined;

/** A reader of one family of phrases. */
export type Reader = (line: Line, context: FastPathContext) => Match;
