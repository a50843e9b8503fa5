/**
 * The common part of the scripted model servers: a real HTTP server on 127.0.0.1 (port 0) that
 * logs every request, keeps the usage ledger, serves SSE, and answers the failure steps. Each
 * wire format (Anthropic, OpenAI Responses, OpenAI Chat, Gemini) plugs in as a `WireFormat`.
 */
import {
  beadOf,
  type LedgerEntry,
  pick,
  type Scenarios,
  type ScriptedFailure,
  type ScriptedTurn,
  type SeenRequest,
} from "./_scenario.ts";

/** What a wire format tells the core about one request. */
export interface CallInfo {
  /** The model the agent asked for. */
  readonly model: string;
  /** False for side requests (no tools: titles, summaries, classifiers). */
  readonly main: boolean;
  /** Tool results already in the history. */
  readonly step: number;
}

/** One API's wire format. */
export interface WireFormat {
  /** Reads a model call, or returns undefined when the request is not one (then `other` answers). */
  call(request: Request, body: unknown): CallInfo | undefined;
  /** Answers anything that is not a model call (probes, token counts). */
  other(request: Request, body: unknown): Response;
  /** Answers a turn of the script. */
  turn(turn: ScriptedTurn, call: CallInfo, id: string): Response;
  /** Answers a side request with a short text and no usage. */
  side(call: CallInfo, body: unknown): Response;
  /** Answers a failure step (usage limit, rate limit, 500); hang and malformed are the core's. */
  failure(failure: ScriptedFailure, now: number): Response;
  /** The body of a broken stream. */
  malformed(): string;
}

/**
 * A model call whose JSON body names the model and offers tools (Anthropic, OpenAI): a POST to a
 * path ending with `pathEnd`; a main call when it offers tools.
 *
 * @param request the request
 * @param body its parsed body
 * @param options the path and how to count the tool results in the body's history
 * @returns the call, or undefined when the request is not one
 */
export function jsonBodyCall(
  request: Request,
  body: unknown,
  options: { readonly pathEnd: string; readonly step: (body: Record<string, unknown>) => number },
): CallInfo | undefined {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith(options.pathEnd)) {
    return undefined;
  }
  const b = (body ?? {}) as Record<string, unknown>;
  const tools = b["tools"];
  return {
    model: String(b["model"] ?? "unknown"),
    main: Array.isArray(tools) && tools.length > 0,
    step: options.step(b),
  };
}

/** A running scripted server. */
export interface ScriptedServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: SeenRequest[];
  readonly ledger: LedgerEntry[];
  close(): Promise<void>;
}

const encoder = new TextEncoder();

/**
 * An SSE response from `event:`/`data:` pairs.
 *
 * @param events name (or undefined for data-only events) and JSON payload
 * @param trailer text appended at the end (e.g. `data: [DONE]\n\n`)
 * @returns the response
 */
export function sse(
  events: readonly (readonly [string | undefined, unknown])[],
  trailer = "",
): Response {
  const text =
    events.map(([name, data]) =>
      `${name === undefined ? "" : `event: ${name}\n`}data: ${JSON.stringify(data)}\n\n`
    ).join("") + trailer;
  return new Response(text, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

/**
 * Starts a scripted server.
 *
 * @param wire the API's wire format
 * @param scenarios per bead, what the model plays
 * @returns the server; use with `await using`
 */
export function startScriptedServer(wire: WireFormat, scenarios: Scenarios): ScriptedServer {
  const requests: SeenRequest[] = [];
  const ledger: LedgerEntry[] = [];
  const failures = new Map<string, Map<number, number>>();
  const order = new Map<string, number>();
  const hanging = new Set<ReadableStreamDefaultController<Uint8Array>>();
  let ids = 0;

  const handle = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const text = request.method === "POST" ? await request.text() : "";
    let body: unknown = undefined;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch { /* not JSON: left to `other` */ }
    const call = wire.call(request, body);
    if (call === undefined) {
      requests.push({ path, beadId: undefined, step: 0, served: "unknown" });
      return wire.other(request, body);
    }
    const beadId = beadOf(text);
    if (!call.main || beadId === undefined) {
      requests.push({ path, beadId, step: call.step, served: "side" });
      return wire.side(call, body);
    }
    if (!order.has(beadId)) order.set(beadId, order.size);
    const steps = typeof scenarios === "function"
      ? scenarios(beadId, order.get(beadId) ?? 0)
      : scenarios[beadId] ?? scenarios["*"] ?? [];
    const seen = failures.get(beadId) ?? new Map<number, number>();
    failures.set(beadId, seen);
    const entry = pick(steps, call.step, seen);
    if (entry === undefined) {
      requests.push({ path, beadId, step: call.step, served: "text" });
      return wire.turn({ kind: "turn", text: "Nothing more to do.", usage: ZERO }, call, next());
    }
    if (entry.kind === "fail") {
      requests.push({ path, beadId, step: call.step, served: entry.failure });
      if (entry.failure === "hang") return hang();
      if (entry.failure === "malformed") {
        return new Response(wire.malformed(), { headers: { "content-type": "text/event-stream" } });
      }
      return wire.failure(entry, Date.now());
    }
    requests.push({ path, beadId, step: call.step, served: entry.shell ? "shell" : "text" });
    ledger.push({
      model: call.model,
      beadId,
      usage: {
        input: entry.usage.input,
        output: entry.usage.output,
        cacheRead: entry.usage.cacheRead ?? 0,
      },
    });
    return wire.turn(entry, call, next());
  };

  const next = () => `${Date.now().toString(36)}${(++ids).toString(36)}`;
  const hang = () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        hanging.add(controller);
        controller.enqueue(encoder.encode(": waiting\n\n"));
      },
      cancel() {/* the client went away */},
    });
    return new Response(stream, { headers: { "content-type": "text/event-stream" } });
  };

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request) => handle(request).catch((error) => new Response(String(error), { status: 599 })),
  );
  const close = async () => {
    for (const controller of hanging) {
      try {
        controller.error(new Error("server closing"));
      } catch { /* already closed */ }
    }
    hanging.clear();
    await server.shutdown();
  };
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    ledger,
    close,
    [Symbol.asyncDispose]: close,
  };
}

const ZERO = { input: 0, output: 0 };
