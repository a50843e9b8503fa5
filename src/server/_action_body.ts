/**
 * The body of an action request, from bytes to an ActionRequest: at most 64 KiB (by
 * Content-Length and while reading, since a chunked body has no length), UTF-8, JSON (a syntax
 * error says where), and the fields each action takes with their types (a wrong one is named).
 * zod is imported on the first request.
 */
import type { z as Zod } from "zod";
import type { ActionRequest } from "../domain/mod.ts";
import { issueMessage, readCapped } from "../domain/mod.ts";
import type { ErrorDetails } from "./_http.ts";

/** The largest body accepted. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The actions, as their paths name them. */
export const ACTION_KINDS = ["spawn", "kill", "pause", "resume", "assign", "ack"] as const;

/** One action kind. */
export type ActionKind = typeof ACTION_KINDS[number];

/** The request, or why there is none (an HTTP status and a sentence). */
export type ParsedBody =
  | { readonly ok: true; readonly request: ActionRequest }
  | {
    readonly ok: false;
    readonly status: number;
    readonly message: string;
    readonly details?: ErrorDetails;
  };

type Schemas = Readonly<Record<ActionKind, Zod.ZodType<Record<string, unknown>>>>;
let schemas: Schemas | undefined;

function build(z: typeof Zod): Schemas {
  const name = z.string().trim().min(1).max(200);
  const target = z.strictObject({ target: name });
  return {
    spawn: z.strictObject({
      worker: name,
      count: z.number().int().min(1).max(20).default(1),
      workspace: name.optional(),
    }),
    kill: target,
    pause: target,
    resume: target,
    assign: z.strictObject({ bead: name, worker: name.default("auto") }),
    ack: z.strictObject({ alert: z.union([z.literal("all"), z.number().int().positive()]) }),
  };
}

/**
 * Reads and checks an action's body.
 *
 * @param kind the action the path names
 * @param request the HTTP request
 * @returns the action request, or the status and message to answer with
 */
export async function parseActionBody(kind: ActionKind, request: Request): Promise<ParsedBody> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return {
      ok: false,
      status: 415,
      message: "send the body as JSON (Content-Type: application/json)",
    };
  }
  const bytes = await readBody(request);
  if (bytes === undefined) {
    return { ok: false, status: 413, message: `the body is larger than ${MAX_BODY_BYTES} bytes` };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 400, message: "the body is not UTF-8 text" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return malformed(text, error);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, status: 400, message: "the body must be a JSON object" };
  }
  schemas ??= build((await import("zod")).z);
  const checked = schemas[kind].safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const keys = (issue as { keys?: string[] } | undefined)?.keys;
    const field = keys?.[0] ?? issue?.path.map(String).join(".") ?? "";
    const why = issue === undefined
      ? "not valid"
      : issue.code === "unrecognized_keys"
      ? "unknown field"
      : issueMessage(issue, valueAt(value, issue.path));
    return {
      ok: false,
      status: 400,
      message: `${field === "" ? "body" : field}: ${why}`,
      details: { field },
    };
  }
  return { ok: true, request: { kind, ...checked.data } as ActionRequest };
}

/** The body's bytes, or undefined when there are more than allowed (reading stops there). */
async function readBody(request: Request): Promise<Uint8Array | undefined> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_BODY_BYTES) return undefined;
  return await readCapped(request.body, MAX_BODY_BYTES);
}

/** A JSON syntax error, with the line and column where parsing stopped when that is known. */
function malformed(text: string, error: unknown): ParsedBody {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === "") {
    return { ok: false, status: 400, message: "malformed JSON: the body is empty" };
  }
  // V8 gives the position of most errors, the end for a cut-off body, and for an unexpected
  // token an excerpt of the text around it instead (kept in the message).
  const at = /position (\d+)/.exec(message)?.[1] ??
    (/end of JSON input/.test(message) ? String(text.length) : undefined);
  const why = message.replace(/\s*in JSON at position \d+.*$/, "");
  if (at === undefined) return { ok: false, status: 400, message: `malformed JSON: ${why}` };
  const before = text.slice(0, Math.min(Number(at), text.length)).split("\n");
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return {
    ok: false,
    status: 400,
    message: `malformed JSON at line ${line}, column ${column}: ${why}`,
    details: { line, column },
  };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}
