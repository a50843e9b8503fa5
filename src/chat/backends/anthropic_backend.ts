/**
 * The Anthropic backend: `POST {url}/v1/messages` with tools (the Messages API). Not streamed:
 * the whole reply is read at once.
 */
import type { ChatSettings } from "../../domain/mod.ts";
import type { BackendReply, ChatBackend, ChatTurn, ProposedCall } from "../chat_types.ts";
import type { BackendDeps } from "./backend_deps.ts";
import { type ApiTarget, shapeError } from "./_http_errors.ts";
import { jsonApiBackend } from "./_json_api_backend.ts";
import { historyMessages, SYSTEM_PROMPT, userContent } from "./_prompt.ts";

/** Settings the Anthropic backend reads. */
export type AnthropicSettings = Pick<
  ChatSettings,
  "url" | "model" | "api_key" | "timeout_seconds" | "max_retries" | "max_tokens"
>;

/** Anthropic's API, used when `chat.url` is not set. */
export const ANTHROPIC_URL = "https://api.anthropic.com";

/** The Messages API version FORGE speaks. */
export const ANTHROPIC_VERSION = "2023-06-01";

/**
 * Makes the Anthropic backend.
 *
 * @param settings `chat.url`, `chat.model`, `chat.api_key`, timeout, retries and max tokens
 * @param deps fetch, secrets, sleep, random and clock
 * @returns the backend
 */
export function anthropicBackend(settings: AnthropicSettings, deps: BackendDeps): ChatBackend {
  const model = settings.model ?? "";
  // A base given with `/v1` (as for OpenAI-style URLs) is accepted too.
  const base = (settings.url ?? ANTHROPIC_URL).replace(/\/+$/, "").replace(/\/v1$/, "");
  const target: ApiTarget = {
    url: `${base}/v1/messages`,
    keyRef: settings.api_key,
    keyExample: "${env:ANTHROPIC_API_KEY}",
    urlExample: ANTHROPIC_URL,
  };
  return jsonApiBackend({
    name: `anthropic (${model})`,
    target,
    settings,
    headers: (key) => ({
      "anthropic-version": ANTHROPIC_VERSION,
      ...(key === undefined ? {} : { "x-api-key": key }),
    }),
    body: (request) => ({
      model,
      max_tokens: settings.max_tokens,
      system: SYSTEM_PROMPT,
      messages: alternate([
        ...historyMessages(request.history),
        { role: "user", content: userContent(request) },
      ]),
      ...(request.tools.length === 0 ? {} : {
        tools: request.tools.map((t) => ({
          name: t.name,
          description: t.description,
          input_schema: t.parameters,
        })),
      }),
    }),
    read: readAnthropicReply,
  }, deps);
}

/** Starts with a user turn and merges neighbours of the same role, as the API expects. */
function alternate(turns: readonly ChatTurn[]): ChatTurn[] {
  const out: ChatTurn[] = [];
  for (const turn of turns) {
    const last = out.at(-1);
    if (last === undefined && turn.role === "assistant") continue;
    if (last !== undefined && last.role === turn.role) {
      out[out.length - 1] = { role: turn.role, content: `${last.content}\n\n${turn.content}` };
    } else out.push(turn);
  }
  return out;
}

/**
 * Reads a Messages API reply: `text` blocks make the message, `tool_use` blocks the calls.
 *
 * @param json the parsed body
 * @param target who answered, for messages
 * @returns the reply
 * @throws {ChatBackendError} when the body has no `content` array (or is an error)
 */
export function readAnthropicReply(json: unknown, target: ApiTarget): BackendReply {
  const body = (json ?? {}) as Record<string, unknown>;
  const content = body["content"];
  if (body["type"] === "error" || !Array.isArray(content)) {
    throw shapeError(target, json, "a content array");
  }
  const texts: string[] = [];
  const calls: ProposedCall[] = [];
  for (const block of content as Record<string, unknown>[]) {
    if (block?.["type"] === "text" && typeof block["text"] === "string") texts.push(block["text"]);
    if (block?.["type"] === "tool_use") {
      calls.push({
        id: typeof block["id"] === "string" ? block["id"] : `call-${calls.length + 1}`,
        tool: typeof block["name"] === "string" ? block["name"] : "",
        arguments: block["input"],
      });
    }
  }
  const message = texts.join("\n").trim();
  // A reply cut at max_tokens says so, rather than leaving the user with half a sentence.
  const cut = body["stop_reason"] === "max_tokens" && calls.length === 0;
  return {
    message: cut ? `${message} … (cut at chat.max_tokens)`.trim() : message,
    calls,
    requiresConfirmation: false,
  };
}
