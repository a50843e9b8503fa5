/**
 * The terminal the dashboard draws on, as a port: the dashboard renders to strings and reads
 * byte chunks; only the platform's implementation touches the TTY, raw mode and signals.
 */

/** A signal that ends the dashboard. */
export type TerminalSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

/** The interactive terminal. */
export interface Terminal {
  /** Columns and rows now. */
  size(): { width: number; height: number };
  /** Raw mode, alternate screen, hidden cursor, bracketed paste on. */
  enter(): void;
  /** Undo enter(); idempotent; safe to call from a signal or error handler. */
  restore(): void;
  /** Writes everything (loops over partial writes). */
  write(text: string): void;
  /** Input chunks until the signal aborts or stdin ends. */
  input(signal: AbortSignal): AsyncIterable<Uint8Array>;
  /** SIGWINCH; returns an unsubscribe. */
  onResize(listener: () => void): () => void;
  /** SIGINT, SIGTERM, SIGHUP while entered; returns an unsubscribe. */
  onSignal(listener: (signal: TerminalSignal) => void): () => void;
}
