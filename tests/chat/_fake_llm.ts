/**
 * Fake LLM APIs for chat tests: an OpenAI-compatible and an Anthropic-compatible server on
 * 127.0.0.1 (port 0) speaking the real wire formats. Each answers from a queue of scripted steps
 * (a reply with text and tool calls, an API error, a raw body, a hang, a dropped connection),
 * then from a fallback (a step, or a function of the request), and records every request.
 * Works in-process and for CLI tests where `forge chat` runs as a child process.
 *
 * ```ts
 * await using llm = startFakeOpenAi({ apiKey: "sk-test-1234567890abcdef" });
 * llm.script(llmError(429, "slow down", { "retry-after": "2" }), llmCalls([{ tool: "help" }]));
 * // chat: { backend: openai, url: llm.url, model: m, api_key: "${env:KEY}" }
 * ```
 */
import { ANTHROPIC_WIRE, type FakeCall, OPENAI_WIRE, type Wire } from "./_fake_llm_wire.ts";
import { type RawAnswer, type RawRequest, serveLoopback } from "./_loopback_http.ts";

export type { FakeCall } from "./_fake_llm_wire.ts";

/** One scripted answer. */
export type FakeStep =
  /** A successful reply in the API's format. */
  | { readonly kind: "reply"; readonly text?: string; readonly calls?: readonly FakeCall[] }
  /** An error in the API's format. */
  | {
    readonly kind: "error";
    readonly status: number;
    readonly message: string;
    readonly type?: string;
    readonly headers?: Readonly<Record<string, string>>;
  }
  /** Exactly this: a string body as it is, anything else as JSON. */
  | {
    readonly kind: "raw";
    readonly status?: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body: unknown;
  }
  /** No answer until the client gives up. */
  | { readonly kind: "hang" }
  /** The connection is dropped without a reply. */
  | { readonly kind: "close" };

/** A request the fake received. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body (the raw text when it is not JSON). */
  readonly body: unknown;
}

/** Answers a request (for replies that depend on what was asked). */
export type FakeHandler = (request: SeenRequest) => FakeStep | Promise<FakeStep>;

/** A running fake API. */
export interface FakeLlm extends AsyncDisposable {
  /** What to put in `chat.url`. */
  readonly url: string;
  /** Every request, in order (also those to a wrong path or with a wrong key). */
  readonly requests: SeenRequest[];
  /** Queues steps; each model call takes the next one. */
  script(...steps: (FakeStep | FakeHandler)[]): void;
  /** Answers once the queue is empty (default: a text reply saying nothing is scripted). */
  fallback: FakeStep | FakeHandler;
  /** Connections open now (a hanging request counts until its client gives up). */
  openConnections(): number;
  close(): Promise<void>;
}

/** Options of a fake API. */
export interface FakeLlmOptions {
  /** When set, requests without exactly this key get 401, as from the real API. */
  readonly apiKey?: string;
  readonly fallback?: FakeStep | FakeHandler;
}

/** A reply with tool calls (and optional text). */
export function llmCalls(calls: readonly FakeCall[], text?: string): FakeStep {
  return { kind: "reply", calls, ...(text === undefined ? {} : { text }) };
}

/** A text reply without tool calls. */
export function llmText(text: string): FakeStep {
  return { kind: "reply", text };
}

/** An API error with the given status (and headers such as `retry-after`). */
export function llmError(
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): FakeStep {
  return { kind: "error", status, message, headers };
}

/**
 * The text of the last user message of a request (either format), for handlers.
 *
 * @param request a request the fake received
 * @returns the text, or "" when there is none
 */
export function lastUserText(request: SeenRequest): string {
  const messages = (request.body as { messages?: { role?: string; content?: unknown }[] })
    ?.messages ?? [];
  const last = messages.filter((m) => m?.role === "user").at(-1)?.content;
  return typeof last === "string" ? last : JSON.stringify(last ?? "");
}

/** Starts a fake OpenAI-compatible API (`chat.url` is `<origin>/v1`). */
export function startFakeOpenAi(options: FakeLlmOptions = {}): FakeLlm {
  return startFake(OPENAI_WIRE, options);
}

/** Starts a fake Anthropic Messages API (`chat.url` is the origin). */
export function startFakeAnthropic(options: FakeLlmOptions = {}): FakeLlm {
  return startFake(ANTHROPIC_WIRE, options);
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function startFake(wire: Wire, options: FakeLlmOptions): FakeLlm {
  const requests: SeenRequest[] = [];
  const queue: (FakeStep | FakeHandler)[] = [];
  let served = 0;
  const fake = {
    fallback: options.fallback ??
      ({ kind: "reply", text: "(the fake model has no scripted reply)" } as FakeStep),
  };
  const json = (status: number, body: unknown, headers = {}): RawAnswer => ({
    kind: "respond",
    status,
    headers,
    body: JSON.stringify(body),
  });
  const answer = (step: FakeStep, model: string): RawAnswer => {
    switch (step.kind) {
      case "reply":
        return json(
          200,
          wire.reply({ text: step.text, calls: step.calls ?? [], model, n: served }),
        );
      case "error":
        return json(step.status, wire.error(step.status, step.message, step.type), step.headers);
      case "raw":
        return {
          kind: "respond",
          status: step.status ?? 200,
          headers: step.headers ?? {},
          body: typeof step.body === "string" ? step.body : JSON.stringify(step.body),
        };
      case "hang":
      case "close":
        return step;
    }
  };
  const handle = async (raw: RawRequest): Promise<RawAnswer> => {
    const seen: SeenRequest = { ...raw, body: parseBody(raw.body) };
    requests.push(seen);
    if (raw.method !== "POST" || raw.path.split("?")[0] !== wire.path) {
      return json(404, wire.error(404, `no route for ${raw.method} ${raw.path}`));
    }
    if (options.apiKey !== undefined && wire.key(seen) !== options.apiKey) {
      return json(401, wire.error(401, "invalid x-api-key or bearer token"));
    }
    const problem = wire.problem(seen);
    if (problem !== undefined) return json(400, wire.error(400, problem));
    served++;
    const next = queue.shift() ?? fake.fallback;
    const step = typeof next === "function" ? await next(seen) : next;
    return answer(step, String((seen.body as { model?: unknown }).model));
  };
  const server = serveLoopback(handle);
  return Object.assign(fake, {
    url: wire.base(server.origin),
    requests,
    script: (...steps: (FakeStep | FakeHandler)[]) => void queue.push(...steps),
    openConnections: server.openConnections,
    close: server.close,
    [Symbol.asyncDispose]: server.close,
  });
}
