/**
 * What FORGE understands from a worker's log line, whatever format the agent wrote it in.
 */

/** Normalised severity. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** The formats FORGE recognises, detected per line. */
export const LOG_FORMATS = [
  "forge-jsonl",
  "keyvalue",
  "claude-stream-json",
  "codex-json",
  "opencode-json",
  "gemini-stream-json",
  "text",
] as const;

/** One recognised log format. */
export type LogFormat = typeof LOG_FORMATS[number];

/** Token counts of one model call or one summed step; all non-negative integers. */
export interface TokenUsage {
  /** Input tokens not served from cache. */
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
}

/** Tokens spent (and, when the agent says so, their cost). */
export interface UsageEvent {
  readonly kind: "usage";
  /** Model named by the line; the worker's model applies when undefined. */
  readonly model: string | undefined;
  readonly tokens: TokenUsage;
  /** Cost the agent itself reported; wins over the price table when present. */
  readonly costUsd: number | undefined;
  readonly beadId: string | undefined;
  readonly sessionId: string | undefined;
}

/** A task (bead) began, finished or failed. */
export interface TaskEvent {
  readonly kind: "task";
  readonly phase: "started" | "completed" | "failed";
  readonly beadId: string | undefined;
  readonly durationMs: number | undefined;
  readonly error: string | undefined;
}

/** The agent hit a rate or usage limit. */
export interface RateLimitEvent {
  readonly kind: "rate_limit";
  /** When the limit resets (epoch ms), when the message says. */
  readonly resetAt: number | undefined;
  /** True when the agent is retrying by itself (e.g. Claude Code `api_retry`). */
  readonly retrying: boolean;
  readonly message: string;
}

/** The worker process started or stopped. */
export interface LifecycleEvent {
  readonly kind: "lifecycle";
  readonly phase: "started" | "stopped";
  readonly reason: string | undefined;
}

/** Everything a log line can mean beyond its text. */
export type LogEvent = UsageEvent | TaskEvent | RateLimitEvent | LifecycleEvent;

/** One parsed log line. */
export interface LogRecord {
  /** Epoch ms from the line itself, when it has one. */
  readonly at: number | undefined;
  readonly level: LogLevel;
  readonly format: LogFormat;
  /** Human-readable summary for `forge logs` and the dashboard. */
  readonly text: string;
  readonly events: readonly LogEvent[];
}

/** Empty token counts. */
export const NO_TOKENS: TokenUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
