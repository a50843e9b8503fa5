/**
 * A scripted Gemini API for the Gemini CLI: `POST /v1beta/models/{model}:streamGenerateContent`
 * (SSE, `data:` events separated by CRLF pairs, no end marker) for model turns,
 * `:generateContent` (one JSON answer) for its utility calls and `:countTokens`. Shell turns are
 * `functionCall` parts for its `run_shell_command` tool. Gemini's `promptTokenCount` includes the
 * cached part (`cachedContentTokenCount`), so the ledger's input is added to the cache reads.
 */
import type { Scenarios, ScriptedTurn } from "./_scenario.ts";
import {
  type CallInfo,
  type ScriptedServer,
  startScriptedServer,
  type WireFormat,
} from "./_scripted_server.ts";

type Obj = Record<string, unknown>;

/** A Gemini model call: the streaming method or the one-shot one. */
interface GeminiCall extends CallInfo {
  readonly stream: boolean;
}

const CALL_PATH = /\/models\/([^/:]+):(streamGenerateContent|generateContent)$/;

function functionResponses(contents: unknown): number {
  if (!Array.isArray(contents)) return 0;
  let n = 0;
  for (const c of contents as Obj[]) {
    if (!Array.isArray(c?.["parts"])) continue;
    for (const part of c["parts"] as Obj[]) if (part?.["functionResponse"] !== undefined) n++;
  }
  return n;
}

function hasTools(tools: unknown): boolean {
  if (!Array.isArray(tools)) return false;
  return (tools as Obj[]).some((t) =>
    Array.isArray(t?.["functionDeclarations"]) &&
    (t["functionDeclarations"] as unknown[]).length > 0
  );
}

/** Gemini SSE: data-only events, CRLF-separated, no `[DONE]`. */
function geminiSse(chunks: readonly unknown[]): Response {
  const text = chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join("");
  return new Response(text, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

function candidate(parts: readonly Obj[], finish: boolean): Obj {
  return {
    content: { role: "model", parts },
    ...(finish ? { finishReason: "STOP" } : {}),
    index: 0,
  };
}

function usageMetadata(u: ScriptedTurn["usage"]): Obj {
  const cached = u.cacheRead ?? 0;
  const prompt = u.input + cached;
  return {
    promptTokenCount: prompt,
    candidatesTokenCount: u.output,
    totalTokenCount: prompt + u.output,
    ...(cached > 0 ? { cachedContentTokenCount: cached } : {}),
  };
}

/** A text answer to a utility call; JSON when the call asked for JSON. */
function sideText(body: unknown): string {
  const config = ((body ?? {}) as Obj)["generationConfig"] as Obj | undefined;
  if (config?.["responseMimeType"] === "application/json") {
    // Covers the model router's classifier and the next-speaker check.
    return JSON.stringify({
      reasoning: "The task is done.",
      next_speaker: "user",
      complexity_reasoning: "A simple scripted task.",
      complexity_score: 1,
    });
  }
  return "Scripted task";
}

const ZERO_USAGE = { promptTokenCount: 0, candidatesTokenCount: 0, totalTokenCount: 0 };

const gemini: WireFormat = {
  call(request, body): GeminiCall | undefined {
    if (request.method !== "POST") return undefined;
    const match = CALL_PATH.exec(new URL(request.url).pathname);
    if (match === null) return undefined;
    const b = (body ?? {}) as Obj;
    const stream = match[2] === "streamGenerateContent";
    return {
      model: decodeURIComponent(match[1] as string),
      // The agent's turns stream and offer tools; one-shot calls are utility calls.
      main: stream && hasTools(b["tools"]),
      step: functionResponses(b["contents"]),
      stream,
    };
  },
  other(request) {
    if (new URL(request.url).pathname.endsWith(":countTokens")) {
      return Response.json({ totalTokens: 10 });
    }
    return Response.json({});
  },
  turn(turn, call, id) {
    const modelVersion = call.model;
    const responseId = `resp_${id}`;
    const u = turn.usage;
    const chunks: Obj[] = [];
    const parts: Obj[] = [];
    if (turn.text !== undefined) {
      // Stream the text in two pieces, as the API does.
      const half = Math.ceil(turn.text.length / 2);
      const pieces = [turn.text.slice(0, half), turn.text.slice(half)].filter((p) => p !== "");
      for (const piece of pieces.slice(0, -1)) {
        chunks.push({
          candidates: [candidate([{ text: piece }], false)],
          modelVersion,
          responseId,
        });
      }
      const last = pieces.at(-1);
      if (last !== undefined) parts.push({ text: last });
    }
    if (turn.shell !== undefined) {
      parts.push({
        functionCall: {
          name: "run_shell_command",
          args: { command: turn.shell, description: "Run the step" },
        },
      });
    }
    if (parts.length === 0) parts.push({ text: "" });
    chunks.push({
      candidates: [candidate(parts, true)],
      usageMetadata: usageMetadata(u),
      modelVersion,
      responseId,
    });
    return geminiSse(chunks);
  },
  side(call, body) {
    const answer = {
      candidates: [candidate([{ text: sideText(body) }], true)],
      usageMetadata: ZERO_USAGE,
      modelVersion: call.model,
    };
    return (call as GeminiCall).stream ? geminiSse([answer]) : Response.json(answer);
  },
  failure(failure) {
    const seconds = failure.resetSeconds ?? 60;
    if (failure.failure === "server-error") {
      return Response.json({
        error: { code: 500, message: "Internal error encountered.", status: "INTERNAL" },
      }, { status: 500 });
    }
    // Google reports quota errors as RESOURCE_EXHAUSTED with a QuotaFailure naming the quota
    // (per day: a usage limit the CLI does not retry; per minute: a rate limit it retries) and a
    // RetryInfo delay.
    const daily = failure.failure === "usage-limit";
    const quotaId = daily
      ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
      : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier";
    return Response.json({
      error: {
        code: 429,
        message: "You exceeded your current quota, please check your plan and billing details. " +
          "* Quota exceeded for metric: generativelanguage.googleapis.com/" +
          `generate_content_free_tier_requests, limit: ${daily ? 100 : 5}\n` +
          `Please retry in ${seconds}s.`,
        status: "RESOURCE_EXHAUSTED",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            violations: [{
              quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
              quotaId,
              quotaValue: daily ? "100" : "5",
            }],
          },
          { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${seconds}s` },
        ],
      },
    }, { status: 429, headers: { "retry-after": String(seconds) } });
  },
  malformed() {
    return 'data: {"candidates":[{"content":{"role":"model","parts":[{"text":\r\n\r\n' +
      "data: not json\r\n\r\n";
  },
};

/**
 * Starts a scripted Gemini API server.
 *
 * @param scenarios per bead, what the model plays
 * @returns the server (point `GOOGLE_GEMINI_BASE_URL` at its url)
 */
export function startFakeGemini(scenarios: Scenarios): ScriptedServer {
  return startScriptedServer(gemini, scenarios);
}
