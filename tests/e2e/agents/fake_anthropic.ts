/**
 * A scripted Anthropic Messages API (`POST /v1/messages`, SSE) for Claude Code. Shell turns are
 * `tool_use` blocks for its `Bash` tool; usage goes in `message_start` and `message_delta`.
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
  let n = 0;
  for (const m of messages as Obj[]) {
    if (m["role"] !== "user" || !Array.isArray(m["content"])) continue;
    for (const block of m["content"] as Obj[]) if (block?.["type"] === "tool_result") n++;
  }
  return n;
}

const anthropic: WireFormat = {
  call: (request, body) =>
    jsonBodyCall(request, body, {
      pathEnd: "/v1/messages",
      step: (b) => toolResults(b["messages"]),
    }),
  other(request) {
    // Claude Code probes `HEAD /api/hello` first; token counting may also be asked.
    if (new URL(request.url).pathname.endsWith("/count_tokens")) {
      return Response.json({ input_tokens: 10 });
    }
    return new Response(request.method === "HEAD" ? null : "{}", {
      headers: { "content-type": "application/json" },
    });
  },
  turn(turn, call, id) {
    const u = turn.usage;
    const blocks: (readonly [string, unknown])[] = [];
    let index = 0;
    if (turn.text !== undefined) {
      blocks.push(
        ["content_block_start", {
          type: "content_block_start",
          index,
          content_block: { type: "text", text: "" },
        }],
        ["content_block_delta", {
          type: "content_block_delta",
          index,
          delta: { type: "text_delta", text: turn.text },
        }],
        ["content_block_stop", { type: "content_block_stop", index }],
      );
      index++;
    }
    if (turn.shell !== undefined) {
      const input = JSON.stringify({ command: turn.shell, description: "Run the step" });
      blocks.push(
        ["content_block_start", {
          type: "content_block_start",
          index,
          content_block: { type: "tool_use", id: `toolu_${id}`, name: "Bash", input: {} },
        }],
        ["content_block_delta", {
          type: "content_block_delta",
          index,
          delta: { type: "input_json_delta", partial_json: input },
        }],
        ["content_block_stop", { type: "content_block_stop", index }],
      );
    }
    return sse([
      ["message_start", {
        type: "message_start",
        message: {
          id: `msg_${id}`,
          type: "message",
          role: "assistant",
          model: call.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: u.input,
            output_tokens: 1,
            cache_read_input_tokens: u.cacheRead ?? 0,
            cache_creation_input_tokens: 0,
          },
        },
      }],
      ...blocks,
      ["message_delta", {
        type: "message_delta",
        delta: {
          stop_reason: turn.shell === undefined ? "end_turn" : "tool_use",
          stop_sequence: null,
        },
        usage: { output_tokens: u.output },
      }],
      ["message_stop", { type: "message_stop" }],
    ]);
  },
  side(call: CallInfo) {
    return anthropic.turn(
      { kind: "turn", text: "Scripted task", usage: { input: 0, output: 0 } },
      call,
      "side",
    );
  },
  failure(failure, now) {
    const reset = Math.round(now / 1000) + (failure.resetSeconds ?? 60);
    if (failure.failure === "server-error") {
      return Response.json({
        type: "error",
        error: { type: "api_error", message: "Internal server error" },
      }, {
        status: 500,
      });
    }
    const usageLimit = failure.failure === "usage-limit";
    return Response.json({
      type: "error",
      error: {
        type: "rate_limit_error",
        message: usageLimit ? "usage limit reached for this plan" : "Rate limited, slow down",
      },
    }, {
      status: 429,
      headers: {
        "retry-after": String(failure.resetSeconds ?? 60),
        "anthropic-ratelimit-unified-status": usageLimit ? "rejected" : "allowed_warning",
        "anthropic-ratelimit-unified-reset": String(reset),
      },
    });
  },
  malformed() {
    return 'event: message_start\ndata: {"type":"message_start","message":{"id":\n\nevent: bogus\ndata: not json\n\n';
  },
};

/**
 * Starts a scripted Anthropic Messages server.
 *
 * @param scenarios per bead, what the model plays
 * @returns the server (point `ANTHROPIC_BASE_URL` at its url)
 */
export function startFakeAnthropic(scenarios: Scenarios): ScriptedServer {
  return startScriptedServer(anthropic, scenarios);
}
