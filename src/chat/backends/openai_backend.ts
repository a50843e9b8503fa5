/**
 * The OpenAI-compatible backend: `POST {url}/chat/completions` with tools, as OpenAI, Ollama,
 * llama.cpp's server and vLLM speak it, so FORGE's chat also works offline with a local model.
 * Streaming is not supported: the request says `stream: false` and the whole reply is read at
 * once (a chat answer is short, and tool calls are only usable once complete).
 */
import type { ChatSettings } from "../../domain/mod.ts";
import type { BackendReply, BackendRequest, ChatBackend, ToolSpec } from "../chat_types.ts";
import type { BackendDeps } from "./backend_deps.ts";
import { readArguments, readToolCalls } from "./read_reply.ts";
import { type ApiTarget, shapeError } from "./_http_errors.ts";
import { jsonApiBackend } from "./_json_api_backend.ts";
import { historyMessages, SYSTEM_PROMPT, userContent } from "./_prompt.ts";

/** Settings the OpenAI-compatible backend reads. */
export type OpenAiSettings = Pick<
  ChatSettings,
  "url" | "model" | "api_key" | "timeout_seconds" | "max_retries" | "max_tokens"
>;

/** OpenAI's own API, used when `chat.url` is not set. */
export const OPENAI_URL = "https://api.openai.com/v1";

/**
 * Makes the OpenAI-compatible backend.
 *
 * @param settings `chat.url`, `chat.model`, `chat.api_key`, timeout, retries and max tokens
 * @param deps fetch, secrets, sleep, random and clock
 * @returns the backend
 */
export function openAiBackend(settings: OpenAiSettings, deps: BackendDeps): ChatBackend {
  const model = settings.model ?? "";
  const target: ApiTarget = {
    url: `${(settings.url ?? OPENAI_URL).replace(/\/+$/, "")}/chat/completions`,
    keyRef: settings.api_key,
    keyExample: "${env:OPENAI_API_KEY}",
    urlExample: "https://api.openai.com/v1, or http://localhost:11434/v1 for Ollama",
  };
  // OpenAI's newer models refuse `max_tokens`; local servers may not know its successor.
  const tokensField = new URL(target.url).host === "api.openai.com"
    ? "max_completion_tokens"
    : "max_tokens";
  return jsonApiBackend({
    name: `openai (${model})`,
    target,
    settings,
    headers: (key) => key === undefined ? {} : { authorization: `Bearer ${key}` },
    body: (request) => ({
      model,
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        ...historyMessages(request.history),
        { role: "user", content: userContent(request) },
      ],
      ...toolFields(request.tools),
      [tokensField]: settings.max_tokens,
      stream: false,
    }),
    read: readOpenAiReply,
  }, deps);
}

function toolFields(tools: BackendRequest["tools"]): Record<string, unknown> {
  // Without tools, `tool_choice` is an error for OpenAI.
  if (tools.length === 0) return {};
  return {
    tools: tools.map((t: ToolSpec) => ({ type: "function", function: t })),
    tool_choice: "auto",
  };
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  // Some servers send content parts: [{type: "text", text}].
  return content.map((p) => typeof p?.text === "string" ? p.text : "").join("");
}

/**
 * Reads a chat-completions reply: `choices[0].message` with `content` and `tool_calls` (or the
 * legacy `function_call`).
 *
 * @param json the parsed body
 * @param target who answered, for messages
 * @returns the reply
 * @throws {ChatBackendError} when the body has no `choices[0].message`
 */
export function readOpenAiReply(json: unknown, target: ApiTarget): BackendReply {
  const body = (json ?? {}) as Record<string, unknown>;
  const choices = body["choices"];
  const first = Array.isArray(choices) ? choices[0] as Record<string, unknown> : undefined;
  const message = first?.["message"] as Record<string, unknown> | undefined;
  if (message === null || typeof message !== "object") {
    throw shapeError(target, json, "choices[0].message");
  }
  const calls = readToolCalls(message["tool_calls"]);
  const legacy = message["function_call"] as Record<string, unknown> | undefined;
  if (calls.length === 0 && legacy !== null && typeof legacy === "object") {
    calls.push({
      id: "call-1",
      tool: typeof legacy["name"] === "string" ? legacy["name"] : "",
      arguments: readArguments(legacy["arguments"]),
    });
  }
  return { message: textOf(message["content"]), calls, requiresConfirmation: false };
}
