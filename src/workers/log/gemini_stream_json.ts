/**
 * Gemini CLI `-o stream-json` lines. The final `result` line carries per-model token stats and no
 * cost, so FORGE prices it.
 */
import type { LogEvent, LogRecord } from "../../domain/mod.ts";
import { findResetTime, timestampOf } from "../../domain/mod.ts";
import { clip, count, type Obj, obj, str } from "./_fields.ts";
import type { ParseContext } from "./_fields.ts";

/**
 * True when the object is a Gemini CLI stream-json line.
 *
 * @param o the parsed line
 * @returns whether the Gemini CLI printed it
 */
export function isGeminiObject(o: Obj): boolean {
  switch (o["type"]) {
    case "init":
      return typeof o["session_id"] === "string";
    case "message":
      return typeof o["role"] === "string";
    case "tool_use":
      return typeof o["tool_name"] === "string";
    case "tool_result":
      return typeof o["tool_id"] === "string";
    case "result":
      return obj(o["stats"]) !== undefined || typeof o["status"] === "string";
    default:
      return false;
  }
}

/**
 * Interprets one Gemini CLI event.
 *
 * @param o the parsed line (isGeminiObject() is true)
 * @param ctx clock and whether to build display text
 * @returns the record
 */
export function parseGeminiObject(o: Obj, ctx: ParseContext): LogRecord {
  const at = timestampOf(o["timestamp"]);
  const base = { at, format: "gemini-stream-json" as const };
  switch (o["type"]) {
    case "init":
      return {
        ...base,
        level: "info",
        text: `session ${str(o["session_id"])} started on ${str(o["model"]) ?? "?"}`,
        events: [],
      };
    case "message":
      return {
        ...base,
        level: "info",
        text: clip(`${str(o["role"])}: ${str(o["content"]) ?? ""}`),
        events: [],
      };
    case "tool_use":
      return {
        ...base,
        level: "info",
        text: clip(`→ ${str(o["tool_name"])} ${JSON.stringify(o["parameters"] ?? {})}`),
        events: [],
      };
    case "tool_result":
      return {
        ...base,
        level: "debug",
        text: clip(`← ${str(o["status"]) ?? ""} ${str(o["output"]) ?? ""}`),
        events: [],
      };
    default:
      return result(o, base, ctx);
  }
}

function result(
  o: Obj,
  base: { at: number | undefined; format: "gemini-stream-json" },
  ctx: ParseContext,
): LogRecord {
  const stats = obj(o["stats"]) ?? {};
  const models = obj(stats["models"]) ?? {};
  const beadId = str(o["bead_id"]);
  const events: LogEvent[] = [];
  for (const [model, value] of Object.entries(models)) {
    const m = obj(value) ?? {};
    const cached = count(m["cached"]);
    const input = m["input"] !== undefined
      ? count(m["input"])
      : Math.max(0, count(m["input_tokens"]) - cached);
    events.push({
      kind: "usage",
      model,
      tokens: { input, output: count(m["output_tokens"]), cacheRead: cached, cacheWrite: 0 },
      costUsd: undefined,
      beadId,
      sessionId: str(o["session_id"]),
    });
  }
  const ok = o["status"] === "success";
  const message = str(obj(o["error"])?.["message"]) ?? "";
  events.push({
    kind: "task",
    phase: ok ? "completed" : "failed",
    beadId,
    durationMs: typeof stats["duration_ms"] === "number" ? stats["duration_ms"] : undefined,
    error: ok ? undefined : clip(message || "error", 200),
  });
  if (!ok && /quota|rate limit|429|exhausted/i.test(message)) {
    events.push({
      kind: "rate_limit",
      resetAt: findResetTime(message, ctx.now) ??
        (/daily quota/i.test(message) ? nextPacificMidnight(ctx.now) : undefined),
      retrying: false,
      message: clip(message, 200),
    });
  }
  return {
    ...base,
    level: ok ? "info" : "error",
    text: clip(`result ${String(o["status"] ?? "?")}${message ? `: ${message}` : ""}`),
    events,
  };
}

const PACIFIC = (() => {
  try {
    return new Intl.DateTimeFormat("en-US", {
      timeZone: "America/Los_Angeles",
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return undefined; // no time zone data
  }
})();

/** Pacific wall-clock time minus UTC at an instant (ms). */
function pacificOffset(format: Intl.DateTimeFormat, at: number): number {
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(at)) p[part.type] = Number(part.value);
  const wall = Date.UTC(
    p["year"] ?? 0,
    (p["month"] ?? 1) - 1,
    p["day"] ?? 1,
    p["hour"] ?? 0,
    p["minute"] ?? 0,
    p["second"] ?? 0,
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The Gemini CLI reports a daily quota without its reset time (it drops the API's details); the
 * Gemini API's requests-per-day quotas reset at midnight Pacific time.
 */
function nextPacificMidnight(now: number): number | undefined {
  if (PACIFIC === undefined) return undefined;
  const today = new Date(now + pacificOffset(PACIFIC, now));
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1);
  // The offset at midnight can differ from now's (daylight saving); settle it in two steps.
  const guess = midnight - pacificOffset(PACIFIC, now);
  return midnight - pacificOffset(PACIFIC, guess);
}
