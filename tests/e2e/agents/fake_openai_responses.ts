/**
 * A scripted OpenAI Responses API (`POST …/responses`, SSE) for the Codex CLI. Shell turns are
 * `function_call` items for its `exec_command` tool; usage goes in `response.completed` with
 * OpenAI semantics (`input_tokens` includes the cached ones).
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

/** Tool results already in a request's `input` (the whole history is resent each time). */
function toolResults(input: unknown): number {
  if (!Array.isArray(input)) return 0;
  let n = 0;
  for (const item of input as Obj[]) {
    const type = item?.["type"];
    if (type === "function_call_output" || type === "custom_tool_call_output") n++;
  }
  return n;
}

const responses: WireFormat = {
  call: (request, body) =>
    jsonBodyCall(request, body, { pathEnd: "/responses", step: (b) => toolResults(b["input"]) }),
  other(request) {
    // Model catalogue refreshes (`GET …/models`) get an empty list; anything else an empty object.
    if (new URL(request.url).pathname.endsWith("/models")) {
      return Response.json({ object: "list", data: [], models: [] });
    }
    return Response.json({});
  },
  turn(turn, call, id) {
    const u = turn.usage;
    const cached = u.cacheRead ?? 0;
    const responseId = `resp_${id}`;
    const output: Obj[] = [];
    const events: (readonly [string, unknown])[] = [];
    const add = (item: Obj, extra: (readonly [string, unknown])[] = []) => {
      const index = output.length;
      events.push(
        ["response.output_item.added", {
          type: "response.output_item.added",
          output_index: index,
          item: { ...item, status: "in_progress" },
        }],
        ...extra,
        ["response.output_item.done", {
          type: "response.output_item.done",
          output_index: index,
          item,
        }],
      );
      output.push(item);
    };
    if (turn.text !== undefined) {
      const itemId = `msg_${id}`;
      add(
        {
          type: "message",
          id: itemId,
          status: "completed",
          role: "assistant",
          content: [{ type: "output_text", text: turn.text, annotations: [] }],
        },
        [["response.output_text.delta", {
          type: "response.output_text.delta",
          item_id: itemId,
          output_index: 0,
          content_index: 0,
          delta: turn.text,
        }]],
      );
    }
    if (turn.shell !== undefined) {
      add({
        type: "function_call",
        id: `fc_${id}`,
        status: "completed",
        call_id: `call_${id}`,
        name: "exec_command",
        arguments: JSON.stringify({ cmd: turn.shell }),
      });
    }
    const response = (status: string, extra: Obj = {}) => ({
      id: responseId,
      object: "response",
      created_at: Math.floor(Date.now() / 1000),
      status,
      model: call.model,
      output: status === "completed" ? output : [],
      ...extra,
    });
    return sse([
      ["response.created", { type: "response.created", response: response("in_progress") }],
      ...events,
      ["response.completed", {
        type: "response.completed",
        response: response("completed", {
          usage: {
            input_tokens: u.input + cached,
            input_tokens_details: { cached_tokens: cached },
            output_tokens: u.output,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: u.input + cached + u.output,
          },
        }),
      }],
    ]);
  },
  side(call: CallInfo) {
    return responses.turn(
      { kind: "turn", text: "Scripted task", usage: { input: 0, output: 0 } },
      call,
      "side",
    );
  },
  failure(failure, now) {
    const seconds = failure.resetSeconds ?? 60;
    if (failure.failure === "server-error") {
      return Response.json({
        error: { type: "server_error", code: "server_error", message: "Internal server error" },
      }, { status: 500 });
    }
    if (failure.failure === "usage-limit") {
      // What ChatGPT-plan accounts get: codex never retries it and names the reset clock time.
      return Response.json({
        error: {
          type: "usage_limit_reached",
          message: "The usage limit has been reached",
          plan_type: "plus",
          resets_at: Math.round(now / 1000) + seconds,
          resets_in_seconds: seconds,
        },
      }, { status: 429, headers: { "retry-after": String(seconds) } });
    }
    return Response.json({
      error: {
        type: "tokens",
        code: "rate_limit_exceeded",
        message: `Rate limit reached. Please try again in ${seconds}s.`,
      },
    }, { status: 429, headers: { "retry-after": String(seconds) } });
  },
  malformed() {
    return 'event: response.created\ndata: {"type":"response.created","response":{"id":\n\n' +
      "event: response.output_item.done\ndata: not json\n\n";
  },
};

/**
 * Starts a scripted OpenAI Responses server.
 *
 * @param scenarios per bead, what the model plays
 * @returns the server (point a Codex model provider's `base_url` at `<url>/v1`)
 */
export function startFakeOpenAIResponses(scenarios: Scenarios): ScriptedServer {
  return startScriptedServer(responses, scenarios);
}
