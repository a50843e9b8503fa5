/**
 * Codex `exec --json` events (`thread.*`, `turn.*`, `item.*`). Usage comes from `turn.completed`,
 * summed over the turn's model calls; Codex reports no cost, so FORGE prices it.
 */
import type { LogEvent, LogRecord } from "../../domain/mod.ts";
import { findResetTime, LIMIT_WORDS } from "../../domain/mod.ts";
import { clip, count, type Obj, obj, str } from "./_fields.ts";
import type { ParseContext } from "./_fields.ts";

/**
 * True when a `type` value is a Codex event.
 *
 * @param type the line's `type`
 * @returns whether Codex prints it
 */
export function isCodexType(type: string): boolean {
  return type.startsWith("thread.") || type.startsWith("turn.") || type.startsWith("item.");
}

/**
 * Interprets one Codex JSON event.
 *
 * @param o the parsed line
 * @param ctx clock and whether to build display text
 * @returns the record
 */
export function parseCodexObject(o: Obj, ctx: ParseContext): LogRecord {
  const type = o["type"] as string;
  const base = { at: undefined, format: "codex-json" as const };
  switch (type) {
    case "thread.started":
      return {
        ...base,
        level: "info",
        text: `thread ${str(o["thread_id"]) ?? "?"} started`,
        events: [],
      };
    case "turn.completed": {
      const u = obj(o["usage"]) ?? {};
      const cached = count(u["cached_input_tokens"]);
      const events: LogEvent[] = [{
        kind: "usage",
        model: str(o["model"]),
        tokens: {
          input: Math.max(0, count(u["input_tokens"]) - cached),
          output: count(u["output_tokens"]),
          cacheRead: cached,
          cacheWrite: count(u["cache_write_input_tokens"]),
        },
        costUsd: undefined,
        beadId: str(o["bead_id"]),
        sessionId: undefined,
      }, {
        kind: "task",
        phase: "completed",
        beadId: str(o["bead_id"]),
        durationMs: undefined,
        error: undefined,
      }];
      const text = `turn completed: ${count(u["input_tokens"])} in (${cached} cached), ${
        count(u["output_tokens"])
      } out`;
      return { ...base, level: "info", text, events };
    }
    case "turn.failed": {
      const message = str(obj(o["error"])?.["message"]) ?? "turn failed";
      const events: LogEvent[] = [
        {
          kind: "task",
          phase: "failed",
          beadId: str(o["bead_id"]),
          durationMs: undefined,
          error: clip(message, 200),
        },
        ...limitEvent(message, ctx),
      ];
      return { ...base, level: "error", text: clip(`turn failed: ${message}`), events };
    }
    case "error": {
      const message = str(o["message"]) ?? "error";
      // "Reconnecting... n/5" lines are retry notices, not failures.
      return { ...base, level: "warn", text: clip(message), events: limitEvent(message, ctx) };
    }
    default:
      return item(o, type, base);
  }
}

function item(o: Obj, type: string, base: { at: undefined; format: "codex-json" }): LogRecord {
  const it = obj(o["item"]);
  if (it === undefined) return { ...base, level: "debug", text: type, events: [] };
  const kind = str(it["type"]) ?? "item";
  let text: string;
  let level: LogRecord["level"] = "info";
  switch (kind) {
    case "command_execution": {
      const exit = it["exit_code"];
      text = `$ ${str(it["command"]) ?? ""}${typeof exit === "number" ? ` (exit ${exit})` : ""}`;
      break;
    }
    case "agent_message":
    case "reasoning":
      text = `${kind === "reasoning" ? "thinking: " : ""}${str(it["text"]) ?? ""}`;
      level = kind === "reasoning" ? "debug" : "info";
      break;
    case "error":
      text = str(it["message"]) ?? "error";
      level = "warn";
      break;
    default:
      text = `${kind} ${type.slice(5)}`;
  }
  return { ...base, level, text: clip(text), events: [] };
}

function limitEvent(message: string, ctx: ParseContext): LogEvent[] {
  if (!/usage limit|quota|rate limit/i.test(message) || !LIMIT_WORDS.test(message)) return [];
  if (/^Reconnecting/i.test(message)) return [];
  return [{
    kind: "rate_limit",
    resetAt: codexResetTime(message, ctx.now) ?? findResetTime(message, ctx.now),
    retrying: false,
    message: clip(message, 200),
  }];
}

/**
 * Codex names the reset in local time, to the minute: "try again at 10:33 PM." when it is later
 * the same day, else "try again at Nov 29th, 2026 3:41 AM." (also "Try again at …").
 */
const CODEX_RESET =
  /\btry again at (?:([A-Za-z]{3})[a-z]* (\d{1,2})(?:st|nd|rd|th)?, (\d{4}) )?(\d{1,2}):(\d{2})\s*([AaPp][Mm])\b/i;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * The reset instant of a Codex usage-limit message: the end of the minute it names (Codex drops
 * the seconds, so the limit may last until then). A time without a date is today's: Codex prints
 * the date whenever the reset is on another day, so the time is never moved to tomorrow.
 *
 * @param message the error message
 * @param now the current time (epoch ms)
 * @returns epoch ms, or undefined when the message has no Codex reset time
 */
function codexResetTime(message: string, now: number): number | undefined {
  const m = CODEX_RESET.exec(message);
  if (m === null) return undefined;
  const [, month, day, year, hour, minute, meridiem] = m;
  const h = (Number(hour) % 12) + ((meridiem as string).toLowerCase() === "pm" ? 12 : 0);
  const at = new Date(now);
  if (month !== undefined) {
    const index = MONTHS.indexOf(month.toLowerCase());
    if (index < 0) return undefined;
    at.setFullYear(Number(year), index, Number(day));
  }
  at.setHours(h, Number(minute) + 1, 0, 0);
  return at.getTime();
}
