/**
 * OpenCode `run --format json` lines (`{type, timestamp, sessionID, part}`). Each `step_finish`
 * carries the tokens and cost of one model call; they are summed by the store.
 */
import type { LogEvent, LogRecord } from "../../domain/mod.ts";
import { findResetTime, LIMIT_WORDS, timestampOf } from "../../domain/mod.ts";
import { clip, cost, count, type Obj, obj, str } from "./_fields.ts";
import type { ParseContext } from "./_fields.ts";

/**
 * True when the object is an OpenCode event line.
 *
 * @param o the parsed line
 * @returns whether OpenCode printed it
 */
export function isOpenCodeObject(o: Obj): boolean {
  return typeof o["sessionID"] === "string" && (o["part"] !== undefined || o["type"] === "error");
}

/**
 * Interprets one OpenCode event.
 *
 * @param o the parsed line
 * @param ctx clock and whether to build display text
 * @returns the record
 */
export function parseOpenCodeObject(o: Obj, ctx: ParseContext): LogRecord {
  const at = timestampOf(o["timestamp"]);
  const part = obj(o["part"]) ?? {};
  const base = { at, format: "opencode-json" as const };
  switch (o["type"]) {
    case "step_finish": {
      const t = obj(part["tokens"]) ?? {};
      const cache = obj(t["cache"]) ?? {};
      const events: LogEvent[] = [{
        kind: "usage",
        model: str(part["modelID"]) ?? str(o["model"]),
        tokens: {
          input: count(t["input"]),
          // OpenAI-style output counts include reasoning; OpenCode reports them apart.
          output: count(t["output"]) + count(t["reasoning"]),
          cacheRead: count(cache["read"]),
          cacheWrite: count(cache["write"]),
        },
        costUsd: cost(part["cost"]),
        beadId: str(o["bead_id"]),
        sessionId: str(o["sessionID"]),
      }];
      return {
        ...base,
        level: "info",
        text: `step finished (${str(part["reason"]) ?? "?"})`,
        events,
      };
    }
    case "tool_use": {
      const state = obj(part["state"]) ?? {};
      const input = obj(state["input"]) ?? {};
      const what = str(input["command"]) ?? str(input["filePath"]) ?? JSON.stringify(input);
      return {
        ...base,
        level: "info",
        text: clip(`→ ${str(part["tool"]) ?? "tool"} ${what}`),
        events: [],
      };
    }
    case "text":
      return { ...base, level: "info", text: clip(str(part["text"]) ?? ""), events: [] };
    case "error": {
      // Printed once OpenCode has given up (it retries 429 and 5xx five times, silently).
      const error = obj(o["error"]) ?? {};
      const data = obj(error["data"]) ?? {};
      const message = str(data["message"]) ?? str(error["name"]) ?? "error";
      const limited = count(data["statusCode"]) === 429 || /usage limit/i.test(message);
      const events: LogEvent[] = limited && LIMIT_WORDS.test(`${message} 429`)
        ? [{
          kind: "rate_limit",
          // A wait stated relative to when the error came, not to when the log is read.
          resetAt: resetOf(message, obj(data["responseHeaders"]), at ?? ctx.now),
          retrying: false,
          message: clip(message, 200),
        }]
        : [];
      return { ...base, level: "error", text: clip(message), events };
    }
    default:
      return {
        ...base,
        level: "debug",
        text: String(o["type"] ?? "event").replace("_", " "),
        events: [],
      };
  }
}

/**
 * When a limit resets: from the message ("It will reset in 2 hours", OpenAI's "Please try again
 * in 6m0s"), else from the response's `x-ratelimit-reset-*` (Go-style durations) or a non-zero
 * `retry-after` (seconds or an HTTP date).
 */
function resetOf(message: string, headers: Obj | undefined, now: number): number | undefined {
  const stated = findResetTime(message, now);
  if (stated !== undefined) return stated;
  const wait = /\btry again in ((?:\d+(?:\.\d+)?(?:h|ms|m|s))+)/i.exec(message)?.[1];
  if (wait !== undefined) return now + durationMs(wait);
  if (headers === undefined) return undefined;
  let latest: number | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (!/^x-ratelimit-reset-/i.test(name) || typeof value !== "string") continue;
    if (!/^(?:\d+(?:\.\d+)?(?:h|ms|m|s))+$/.test(value)) continue;
    const kind = name.slice("x-ratelimit-reset-".length).toLowerCase();
    // Only the limits that are used up, when the response says which.
    if (count(headers[`x-ratelimit-remaining-${kind}`] ?? "0") > 0) continue;
    latest = Math.max(latest ?? 0, now + durationMs(value));
  }
  if (latest !== undefined) return latest;
  const after = str(headers["retry-after"]);
  if (after === undefined) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds > 0 ? now + Math.round(seconds * 1000) : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : date;
}

/** Milliseconds of a Go-style duration such as `1h2m3.5s` or `20ms`. */
function durationMs(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
    const factor = unit === "h" ? 3_600_000 : unit === "m" ? 60_000 : unit === "s" ? 1_000 : 1;
    ms += Number(n) * factor;
  }
  return Math.round(ms);
}
