/**
 * A scripted OpenAI Chat Completions API (`POST …/v1/chat/completions`, SSE ending in
 * `data: [DONE]`) for OpenCode's `@ai-sdk/openai-compatible` provider. Shell turns are tool calls
 * of its `bash` tool; usage comes in a last chunk with no choices, in OpenAI terms: prompt tokens
 * include the cached ones. Failures carry small `retry-after` headers, because OpenCode retries
 * every 429 and 5xx five times, waiting as long as the header says.
 */
import type { Scenarios } from "./_scenario.ts";
import {
  type CallInfo,
  jsonBodyCall,
  type ScriptedServer,
  sse,
  startScriptedServer,
  type WireFormat,
} from "./_scripted_server.ts";

type Obj = Record<string, unknown>;

function toolResults(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  return (messages as Obj[]).filter((m) => m?.["role"] === "tool").length;
}

function chunk(id: string, model: string, fields: Obj): Obj {
  return {
    id: `chatcmpl-${id}`,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model,
    ...fields,
  };
}

function choice(delta: Obj, finish: string | null): Obj {
  return { choices: [{ index: 0, delta, finish_reason: finish }] };
}

/** OpenAI's error body. */
function apiError(message: string, type: string, code: string | null): Obj {
  return { error: { message, type, param: null, code } };
}

const openaiChat: WireFormat = {
  call: (request, body) =>
    jsonBodyCall(request, body, {
      pathEnd: "/chat/completions",
      step: (b) => toolResults(b["messages"]),
    }),
  other(request) {
    if (new URL(request.url).pathname.endsWith("/models")) {
      return Response.json({ object: "list", data: [] });
    }
    return Response.json(apiError("Not found", "invalid_request_error", null), { status: 404 });
  },
  turn(turn, call, id) {
    const u = turn.usage;
    const cached = u.cacheRead ?? 0;
    const delta = (d: Obj, finish: string | null): readonly [undefined, unknown] => [
      undefined,
      chunk(id, call.model, choice(d, finish)),
    ];
    const events: (readonly [undefined, unknown])[] = [
      delta({ role: "assistant", content: "" }, null),
    ];
    if (turn.text !== undefined) events.push(delta({ content: turn.text }, null));
    if (turn.shell !== undefined) {
      const args = JSON.stringify({ command: turn.shell, description: "Run the step" });
      events.push(
        delta({
          tool_calls: [{
            index: 0,
            id: `call_${id}`,
            type: "function",
            function: { name: "bash", arguments: "" },
          }],
        }, null),
        delta({ tool_calls: [{ index: 0, function: { arguments: args } }] }, null),
      );
    }
    events.push(
      delta({}, turn.shell === undefined ? "stop" : "tool_calls"),
      [
        undefined,
        chunk(id, call.model, {
          choices: [],
          usage: {
            // OpenAI counts cached tokens inside the prompt tokens.
            prompt_tokens: u.input + cached,
            completion_tokens: u.output,
            total_tokens: u.input + cached + u.output,
            prompt_tokens_details: { cached_tokens: cached },
            completion_tokens_details: { reasoning_tokens: 0 },
          },
        }),
      ],
    );
    return sse(events, "data: [DONE]\n\n");
  },
  side(call: CallInfo) {
    return openaiChat.turn(
      { kind: "turn", text: "Scripted task", usage: { input: 0, output: 0 } },
      call,
      "side",
    );
  },
  failure(failure) {
    if (failure.failure === "server-error") {
      return Response.json(
        apiError(
          "The server had an error while processing your request. Sorry about that!",
          "server_error",
          null,
        ),
        // No real server sends retry-after with a 500; without it OpenCode backs off 2 s, 4 s,
        // 8 s, 16 s, 30 s before giving up.
        { status: 500, headers: { "retry-after": "0" } },
      );
    }
    if (failure.failure === "usage-limit") {
      // OpenAI's daily-limit 429: the wait is in the message and in x-ratelimit-reset-requests.
      // retry-after stays 0 so that OpenCode's five retries are over at once.
      const reset = failure.resetSeconds ?? 3600;
      return Response.json(
        apiError(
          "Rate limit reached for fake-model in organization org-fake on requests per day (RPD): " +
            `Limit 100, Used 100, Requested 1. Please try again in ${reset}s. ` +
            "Visit https://platform.openai.com/account/rate-limits to learn more.",
          "requests",
          "rate_limit_exceeded",
        ),
        {
          status: 429,
          headers: {
            "retry-after": "0",
            "x-ratelimit-limit-requests": "100",
            "x-ratelimit-remaining-requests": "0",
            "x-ratelimit-reset-requests": `${reset}s`,
          },
        },
      );
    }
    const wait = failure.resetSeconds ?? 1;
    return Response.json(
      apiError(
        "Rate limit reached for fake-model in organization org-fake on tokens per min (TPM): " +
          `Limit 30000, Used 30000, Requested 2000. Please try again in ${wait}s. ` +
          "Visit https://platform.openai.com/account/rate-limits to learn more.",
        "tokens",
        "rate_limit_exceeded",
      ),
      {
        status: 429,
        headers: {
          "retry-after": String(wait),
          "x-ratelimit-limit-tokens": "30000",
          "x-ratelimit-remaining-tokens": "0",
          "x-ratelimit-reset-tokens": `${wait}s`,
        },
      },
    );
  },
  malformed() {
    return 'data: {"id":"chatcmpl-broken","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":\n\ndata: not json\n\n';
  },
};

/**
 * Starts a scripted OpenAI Chat Completions server.
 *
 * @param scenarios per bead, what the model plays
 * @returns the server (the provider's `baseURL` is its url + `/v1`)
 */
export function startFakeOpenAIChat(scenarios: Scenarios): ScriptedServer {
  return startScriptedServer(openaiChat, scenarios);
}
