/**
 * The wire formats of the fake LLM servers: OpenAI chat completions and Anthropic Messages, as
 * the real APIs shape replies, errors, and the checks they make on a request.
 */

/** A tool call a fake model makes. */
export interface FakeCall {
  readonly tool: string;
  /** An object (sent as JSON), or a string sent as it is (e.g. invalid JSON). */
  readonly arguments?: unknown;
  readonly id?: string;
}

/** What a wire format needs to know about a request. */
export interface WireRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** One API's wire format. */
export interface Wire {
  /** The path model calls go to. */
  readonly path: string;
  /** What to put in `chat.url` for a server at `origin`. */
  base(origin: string): string;
  /** The key the request carries, or undefined. */
  key(request: WireRequest): string | undefined;
  /** Why the API would reject this request (400), or undefined when it is well formed. */
  problem(request: WireRequest): string | undefined;
  reply(
    options: { text?: string | undefined; calls: readonly FakeCall[]; model: string; n: number },
  ): unknown;
  error(status: number, message: string, type?: string): unknown;
}

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

function argumentsText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? {});
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" ? value as Record<string, unknown> : {};
}

/** OpenAI chat completions (also what Ollama, llama.cpp and vLLM serve). */
export const OPENAI_WIRE: Wire = {
  path: "/v1/chat/completions",
  base: (origin) => `${origin}/v1`,
  key: (r) => /^Bearer (.+)$/i.exec(r.headers["authorization"] ?? "")?.[1],
  problem(r) {
    const b = record(r.body);
    if (typeof b["model"] !== "string") return "you must provide a model parameter";
    if (!Array.isArray(b["messages"]) || b["messages"].length === 0) {
      return "'messages' must be a non-empty array";
    }
    if (b["tool_choice"] !== undefined && !Array.isArray(b["tools"])) {
      return "'tool_choice' is only allowed when 'tools' are specified";
    }
    return b["stream"] === true ? "the fake does not stream" : undefined;
  },
  reply: ({ text, calls, model, n }) => ({
    id: `chatcmpl-fake${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{
      index: 0,
      message: {
        role: "assistant",
        content: text ?? null,
        ...(calls.length === 0 ? {} : {
          tool_calls: calls.map((c, i) => ({
            id: c.id ?? `call_fake${n}_${i + 1}`,
            type: "function",
            function: { name: c.tool, arguments: argumentsText(c.arguments) },
          })),
        }),
      },
      finish_reason: calls.length === 0 ? "stop" : "tool_calls",
    }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  }),
  error: (status, message, type) => ({
    error: { message, type: type ?? ERROR_TYPES[status] ?? "api_error", param: null, code: null },
  }),
};

/** Anthropic Messages. */
export const ANTHROPIC_WIRE: Wire = {
  path: "/v1/messages",
  base: (origin) => origin,
  key: (r) => r.headers["x-api-key"],
  problem(r) {
    const b = record(r.body);
    if (r.headers["anthropic-version"] === undefined) {
      return "anthropic-version: header is required";
    }
    if (typeof b["model"] !== "string") return "model: Field required";
    if (typeof b["max_tokens"] !== "number") return "max_tokens: Field required";
    const messages = b["messages"];
    if (!Array.isArray(messages) || messages.length === 0) return "messages: Field required";
    if (record(messages[0])["role"] !== "user") {
      return "messages: first message must use the user role";
    }
    return b["stream"] === true ? "the fake does not stream" : undefined;
  },
  reply: ({ text, calls, model, n }) => ({
    id: `msg_fake${n}`,
    type: "message",
    role: "assistant",
    model,
    content: [
      ...(text === undefined ? [] : [{ type: "text", text }]),
      ...calls.map((c, i) => ({
        type: "tool_use",
        id: c.id ?? `toolu_fake${n}_${i + 1}`,
        name: c.tool,
        input: c.arguments ?? {},
      })),
    ],
    stop_reason: calls.length === 0 ? "end_turn" : "tool_use",
    stop_sequence: null,
    usage: { input_tokens: 100, output_tokens: 20 },
  }),
  error: (status, message, type) => ({
    type: "error",
    error: { type: type ?? ERROR_TYPES[status] ?? "api_error", message },
  }),
};
