/**
 * Claude Code `--output-format stream-json` lines. Usage is taken from the final `result` line
 * (per model from `modelUsage`, with the agent's own cost), because `assistant` lines repeat the
 * usage of one message once per content block and would count it twice.
 */
import type { LogEvent, LogRecord } from "../../domain/mod.ts";
import { findResetTime, LIMIT_WORDS, timestampOf } from "../../domain/mod.ts";
import { clip, cost, count, type Obj, obj, str, tokens } from "./_fields.ts";
import type { ParseContext } from "./_fields.ts";

/** `type` values Claude Code prints. */
export const CLAUDE_TYPES: ReadonlySet<string> = new Set(["system", "assistant", "user", "result"]);

/**
 * Interprets one Claude Code stream-json object.
 *
 * @param o the parsed line (its `type` is in CLAUDE_TYPES)
 * @param ctx clock and whether to build display text
 * @returns the record
 */
export function parseClaudeObject(o: Obj, ctx: ParseContext): LogRecord {
  const type = o["type"] as string;
  const at = timestampOf(o["timestamp"]);
  switch (type) {
    case "system":
      return system(o, at, ctx);
    case "assistant":
      return assistant(o, at, ctx);
    case "user":
      return { at, level: "debug", format: "claude-stream-json", text: toolResults(o), events: [] };
    default:
      return result(o, at, ctx);
  }
}

function system(o: Obj, at: number | undefined, ctx: ParseContext): LogRecord {
  if (o["subtype"] === "api_retry") {
    const status = count(o["error_status"]);
    const message = `API retry ${count(o["attempt"])}/${count(o["max_retries"])}: ${
      str(o["error"]) ?? "error"
    } (HTTP ${status}), next in ${Math.round(count(o["retry_delay_ms"]) / 1000)}s`;
    const events: LogEvent[] = status === 429
      ? [{
        kind: "rate_limit",
        resetAt: ctx.now + count(o["retry_delay_ms"]),
        retrying: true,
        message,
      }]
      : [];
    return { at, level: "warn", format: "claude-stream-json", text: message, events };
  }
  const model = str(o["model"]);
  const text = o["subtype"] === "init"
    ? `session ${str(o["session_id"]) ?? "?"} started${model === undefined ? "" : ` on ${model}`}`
    : `system ${str(o["subtype"]) ?? ""}`.trim();
  return { at, level: "info", format: "claude-stream-json", text, events: [] };
}

function assistant(o: Obj, at: number | undefined, ctx: ParseContext): LogRecord {
  const content = obj(o["message"])?.["content"];
  let said = "";
  const parts: string[] = [];
  if (Array.isArray(content)) {
    for (const block of content) {
      const b = obj(block);
      if (b === undefined) continue;
      if (b["type"] === "text" && typeof b["text"] === "string") {
        said = said === "" ? b["text"] : `${said} ${b["text"]}`;
        if (ctx.text) parts.push(b["text"]);
      } else if (b["type"] === "tool_use" && ctx.text) {
        parts.push(`→ ${str(b["name"]) ?? "tool"} ${clip(JSON.stringify(b["input"] ?? {}), 120)}`);
      }
    }
  }
  // Limit notices are the model's own words; tool inputs are skipped, and so is the display text
  // when ingesting (it is the costliest part of a line that carries no usage).
  const events = said === "" ? [] : limitEvents(said, ctx);
  const text = ctx.text ? clip(parts.join(" ") || "(assistant message)") : "";
  return { at, level: "info", format: "claude-stream-json", text, events };
}

function toolResults(o: Obj): string {
  const content = obj(o["message"])?.["content"];
  if (!Array.isArray(content)) return "(tool result)";
  const texts = content.map((block) => {
    const b = obj(block);
    const c = b?.["content"];
    return typeof c === "string"
      ? c
      : Array.isArray(c)
      ? c.map((x) => str(obj(x)?.["text"]) ?? "").join(" ")
      : "";
  });
  return clip(`← ${texts.join(" ")}`);
}

function result(o: Obj, at: number | undefined, ctx: ParseContext): LogRecord {
  const events: LogEvent[] = [];
  const sessionId = str(o["session_id"]);
  const beadId = str(o["bead_id"]);
  const modelUsage = obj(o["modelUsage"]);
  if (modelUsage !== undefined && Object.keys(modelUsage).length > 0) {
    for (const [model, value] of Object.entries(modelUsage)) {
      const u = obj(value) ?? {};
      events.push({
        kind: "usage",
        model,
        tokens: tokens(
          u["inputTokens"],
          u["outputTokens"],
          u["cacheReadInputTokens"],
          u["cacheCreationInputTokens"],
        ),
        costUsd: cost(u["costUSD"]),
        beadId,
        sessionId,
      });
    }
  } else {
    const u = obj(o["usage"]) ?? {};
    const t = tokens(
      u["input_tokens"],
      u["output_tokens"],
      u["cache_read_input_tokens"],
      u["cache_creation_input_tokens"],
    );
    const c = cost(o["total_cost_usd"]);
    if (t.input + t.output + t.cacheRead + t.cacheWrite > 0 || c !== undefined) {
      events.push({
        kind: "usage",
        model: str(u["model"]),
        tokens: t,
        costUsd: c,
        beadId,
        sessionId,
      });
    }
  }
  const ok = o["subtype"] === "success" && o["is_error"] !== true;
  const resultText = str(o["result"]) ?? "";
  events.push({
    kind: "task",
    phase: ok ? "completed" : "failed",
    beadId,
    durationMs: typeof o["duration_ms"] === "number" ? o["duration_ms"] : undefined,
    error: ok ? undefined : clip(resultText || str(o["subtype"]) || "error", 200),
  });
  if (!ok) events.push(...limitEvents(resultText, ctx, count(o["api_error_status"]) === 429));
  const costText = typeof o["total_cost_usd"] === "number"
    ? ` $${o["total_cost_usd"].toFixed(4)}`
    : "";
  return {
    at,
    level: ok ? "info" : "error",
    format: "claude-stream-json",
    text: ctx.text ? clip(`result ${str(o["subtype"]) ?? "?"}${costText}: ${resultText}`) : "",
    events,
  };
}

/** A limit notice in the model's words, or any run that ended on an HTTP 429 (`api_error_status`). */
function limitEvents(text: string, ctx: ParseContext, status429 = false): LogEvent[] {
  const worded = /usage limit|limit reached/i.test(text) && LIMIT_WORDS.test(text);
  if (!worded && !status429) return [];
  return [{
    kind: "rate_limit",
    resetAt: findResetTime(text, ctx.now),
    retrying: false,
    message: clip(text, 200),
  }];
}
