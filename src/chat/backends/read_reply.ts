/**
 * Reads what a backend printed or sent into one `BackendReply`, leniently: backends are written
 * by others, and small local models drift from the protocol in a handful of known ways
 * (`name`/`parameters` for `tool`/`arguments`, arguments as a JSON string, log lines around the
 * JSON, no ids). Anything that cannot be read becomes one clear `ChatBackendError`.
 */
import { redact } from "../../domain/mod.ts";
import { type BackendReply, ChatBackendError, type ProposedCall } from "../chat_types.ts";

type JsonObject = Record<string, unknown>;

function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as JsonObject
    : undefined;
}

function parseObject(text: string): JsonObject | undefined {
  try {
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Finds the JSON object in a backend's output: the whole text, else the last line that parses
 * as an object (log lines before it are noise), else the text from the first `{` to the last `}`.
 *
 * @param text everything the backend printed
 * @returns the object, or undefined when there is none
 */
export function findJsonObject(text: string): JsonObject | undefined {
  const whole = parseObject(text.trim());
  if (whole !== undefined) return whole;
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("{"));
  for (const line of lines.reverse()) {
    const found = parseObject(line);
    if (found !== undefined) return found;
  }
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  return start >= 0 && end > start ? parseObject(text.slice(start, end + 1)) : undefined;
}

/**
 * Quotes outside text for a message: one line, at most `max` characters, secrets masked.
 *
 * @param text what a backend or API said
 * @param max most characters kept (default 80)
 * @returns the text, safe to show
 */
export function quote(text: string, max = 80): string {
  const line = redact(text.replace(/\s+/g, " ").trim());
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * Reads a call's arguments: an object as it is, a JSON string parsed; a string that is not
 * JSON is passed on unchanged, so the catalog rejects it with its own message.
 *
 * @param value the raw arguments
 * @returns the arguments
 */
export function readArguments(value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (value.trim() === "") return {};
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Reads tool calls in any of the shapes backends use: the protocol's `{id, tool, arguments}`,
 * `{name, parameters}`, `{name, input}`, and OpenAI's `{id, function: {name, arguments}}`.
 * Items that are not objects are skipped; a call without an id gets `call-<n>`.
 *
 * @param items the raw `tool_calls` value
 * @returns the proposed calls, in order
 */
export function readToolCalls(items: unknown): ProposedCall[] {
  if (!Array.isArray(items)) return [];
  const calls: ProposedCall[] = [];
  for (const item of items) {
    const call = asObject(item);
    if (call === undefined) continue;
    const fn = asObject(call["function"]) ?? call;
    const tool = fn["tool"] ?? fn["name"];
    const id = call["id"];
    calls.push({
      id: (typeof id === "string" && id !== "") || typeof id === "number"
        ? String(id)
        : `call-${calls.length + 1}`,
      tool: typeof tool === "string" ? tool : "",
      arguments: readArguments(fn["arguments"] ?? fn["parameters"] ?? fn["input"]),
    });
  }
  return calls;
}

/** The text of an `error` field: a string, or an object with a `message`. */
function errorText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  const o = asObject(value);
  if (o === undefined) return value === undefined || value === null ? undefined : String(value);
  return typeof o["message"] === "string" ? o["message"] : JSON.stringify(o);
}

/**
 * Reads a reply object of the command protocol (`{tool_calls, message, requires_confirmation}`,
 * or the one-line `{text, tool_calls}`).
 *
 * @param reply the object the backend printed
 * @returns the reply
 * @throws {ChatBackendError} when it holds an `error`, or neither a message nor tool calls
 */
export function readReplyObject(reply: Readonly<JsonObject>): BackendReply {
  const calls = readToolCalls(reply["tool_calls"]);
  const error = errorText(reply["error"]);
  if (error !== undefined && calls.length === 0) {
    throw new ChatBackendError(
      `the chat backend answered with an error: "${quote(error, 200)}"`,
      { transient: false },
    );
  }
  const text = reply["message"] ?? reply["text"] ?? reply["content"];
  if (typeof text !== "string" && !Array.isArray(reply["tool_calls"])) {
    throw new ChatBackendError(
      `the chat backend's reply has neither "message" nor "tool_calls": "${
        quote(JSON.stringify(reply))
      }"; it must print {"message": "…", "tool_calls": [{"id", "tool", "arguments"}]}`,
      { transient: false },
    );
  }
  return {
    message: typeof text === "string" ? text : "",
    calls,
    requiresConfirmation: reply["requires_confirmation"] === true,
  };
}

/**
 * Reads everything a backend command printed on stdout.
 *
 * @param stdout the command's output
 * @returns the reply
 * @throws {ChatBackendError} when the output is empty, holds no JSON object, or is not a reply
 */
export function parseCommandReply(stdout: string): BackendReply {
  if (stdout.trim() === "") {
    throw new ChatBackendError(
      "the chat backend printed nothing; it must print one JSON object such as " +
        '{"message": "…", "tool_calls": []} (check it with forge validate backend)',
      { transient: false },
    );
  }
  const reply = findJsonObject(stdout);
  if (reply === undefined) {
    throw new ChatBackendError(
      `the chat backend's reply is not JSON: "${quote(stdout)}"; it must print one JSON ` +
        'object such as {"message": "…", "tool_calls": []} (check it with forge validate backend)',
      { transient: false },
    );
  }
  return readReplyObject(reply);
}
