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
      const error = obj(o["error"]) ?? {};
      const data = obj(error["data"]) ?? {};
      const message = str(data["message"]) ?? str(error["name"]) ?? "error";
      const limited = count(data["statusCode"]) === 429 || /usage limit/i.test(message);
      const events: LogEvent[] = limited && LIMIT_WORDS.test(`${message} 429`)
        ? [{
          kind: "rate_limit",
          resetAt: findResetTime(message, ctx.now),
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
