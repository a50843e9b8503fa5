/**
 * FORGE's own worker-event JSONL (`timestamp, level, worker_id, event|message, …`), the format
 * the `sim` worker and FORGE-aware launchers write.
 */
import type { LogEvent, LogRecord } from "../../domain/mod.ts";
import { findResetTime, timestampOf } from "../../domain/mod.ts";
import { clip, cost, isEmpty, level, type Obj, obj, str, tokens } from "./_fields.ts";
import type { ParseContext } from "./_fields.ts";

/** Events that carry token usage. `task_completed` totals are summaries and are not counted. */
const USAGE_EVENTS = new Set(["api_call", "cost_incurred", "usage"]);

/**
 * Interprets one FORGE JSONL object.
 *
 * @param o the parsed line
 * @param ctx clock and whether to build display text
 * @returns the record
 */
export function parseForgeObject(o: Obj, ctx: ParseContext): LogRecord {
  const event = str(o["event"]);
  const message = str(o["message"]) ?? str(o["msg"]);
  const beadId = str(o["bead_id"]) ?? str(o["task_id"]) ?? str(o["bead_ref"]);
  const events: LogEvent[] = [];
  if (event !== undefined) collectEvent(event, o, beadId, events, ctx);
  return {
    at: timestampOf(o["timestamp"] ?? o["ts"] ?? o["time"]),
    level: level(o["level"]),
    format: "forge-jsonl",
    text: ctx.text ? clip(message ?? describeEvent(event, o, beadId)) : "",
    events,
  };
}

function collectEvent(
  event: string,
  o: Obj,
  beadId: string | undefined,
  out: LogEvent[],
  ctx: ParseContext,
) {
  if (USAGE_EVENTS.has(event)) {
    const t = obj(o["tokens"]) ?? obj(o["tokens_used"]) ?? obj(o["usage"]) ?? o;
    const usage = tokens(
      t["input"] ?? t["input_tokens"] ?? t["tokens_in"],
      t["output"] ?? t["output_tokens"] ?? t["tokens_out"],
      t["cache_read"] ?? t["cache_read_input_tokens"],
      t["cache_write"] ?? t["cache_creation_input_tokens"],
    );
    const costUsd = cost(o["cost_usd"] ?? o["amount"] ?? o["cost"]);
    if (!isEmpty(usage) || costUsd !== undefined) {
      out.push({
        kind: "usage",
        model: str(o["model"]),
        tokens: usage,
        costUsd,
        beadId,
        sessionId: str(o["session_id"]),
      });
    }
    return;
  }
  switch (event) {
    case "task_started":
    case "task_completed":
    case "task_failed": {
      const seconds = typeof o["duration_seconds"] === "number" ? o["duration_seconds"] : undefined;
      const ms = typeof o["duration_ms"] === "number" ? o["duration_ms"] : undefined;
      out.push({
        kind: "task",
        phase: event === "task_started"
          ? "started"
          : event === "task_completed"
          ? "completed"
          : "failed",
        beadId,
        durationMs: ms ?? (seconds === undefined ? undefined : Math.round(seconds * 1000)),
        error: str(o["error"]),
      });
      return;
    }
    case "worker_started":
    case "worker_stopped":
      out.push({
        kind: "lifecycle",
        phase: event === "worker_started" ? "started" : "stopped",
        reason: str(o["reason"]),
      });
      return;
    case "rate_limited":
    case "usage_limit": {
      const message = str(o["message"]) ?? event;
      out.push({
        kind: "rate_limit",
        resetAt: timestampOf(o["reset_at"] ?? o["resets_at"]) ?? findResetTime(message, ctx.now),
        retrying: o["retrying"] === true,
        message,
      });
      return;
    }
  }
}

function describeEvent(event: string | undefined, o: Obj, beadId: string | undefined): string {
  if (event === undefined) return JSON.stringify(o);
  const parts = [event.replaceAll("_", " ")];
  if (beadId !== undefined) parts.push(beadId);
  const model = str(o["model"]);
  if (model !== undefined) parts.push(`model=${model}`);
  const reason = str(o["reason"]) ?? str(o["error"]);
  if (reason !== undefined) parts.push(`(${reason})`);
  return parts.join(" ");
}
