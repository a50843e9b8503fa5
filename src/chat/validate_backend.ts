/**
 * The chat backend test harness (`forge validate backend "<command>"`): sends the protocol's
 * requests to a headless backend command and checks its replies (exit code, JSON shape, a tool
 * call for a plain request, use of context, refusal of malformed input, latency).
 */
import type { Clock, Processes } from "../domain/mod.ts";
import { findJsonObject } from "./backends/read_reply.ts";
import { checkCall, toolSpecs } from "./tool_catalog.ts";

/** One check of the harness. */
export interface BackendCheck {
  readonly id: "runs" | "json" | "tool-call" | "context" | "malformed-input" | "latency";
  readonly level: "pass" | "warn" | "fail";
  readonly message: string;
}

const CONTEXT = {
  current_view: "overview",
  visible_data: {
    workers: [{ id: "sonnet-alpha", status: "active" }, { id: "opus-bravo", status: "idle" }],
    tasks: [{ id: "bd-1", title: "Fix login", priority: 0 }],
  },
};

/**
 * Splits a command line into words, honouring single and double quotes.
 *
 * @param line e.g. `my-backend --model "small one"`
 * @returns the words
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2] ?? m[3] ?? "");
  }
  return words;
}

/**
 * Runs the harness against a backend command.
 *
 * @param command the command line
 * @param options ports and the per-request timeout (default 30 s)
 * @returns the six checks
 */
export async function validateBackend(
  command: string,
  options: { readonly processes: Processes; readonly clock: Clock; readonly timeoutMs?: number },
): Promise<BackendCheck[]> {
  const [exe, ...args] = splitCommandLine(command);
  if (exe === undefined) return [{ id: "runs", level: "fail", message: "the command is empty" }];
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ask = async (stdin: string) => {
    const started = options.clock.now();
    const r = await options.processes.run(exe, args, { stdin, timeoutMs });
    return { ...r, ms: options.clock.now() - started };
  };
  const request = (message: string) =>
    JSON.stringify({ message, context: CONTEXT, tools, history: [] });
  // The real catalog, as the chat session sends it.
  const tools = await toolSpecs();
  const first = await ask(request("switch to workers view"));
  const checks: BackendCheck[] = [];
  if (first.timedOut) {
    return [{ id: "runs", level: "fail", message: `no reply within ${timeoutMs / 1000} s` }];
  }
  checks.push(
    first.code === 0 ? { id: "runs", level: "pass", message: "exits 0 on a message" } : {
      id: "runs",
      level: "fail",
      message: `exited ${first.code}${
        first.stderr.trim() ? `: ${first.stderr.trim().split("\n").pop()}` : ""
      }`,
    },
  );
  const reply = parseReply(first.stdout);
  checks.push(
    reply === undefined
      ? {
        id: "json",
        level: "fail",
        message: `stdout is not a JSON object with "tool_calls" or "message": "${
          first.stdout.trim().slice(0, 80)
        }"`,
      }
      : { id: "json", level: "pass", message: "replies with JSON" },
  );
  checks.push(await toolCallCheck(reply));
  const second = await ask(request("how many workers are running?"));
  const text = JSON.stringify(parseReply(second.stdout) ?? {});
  checks.push(
    /\b(2|two)\b/i.test(text)
      ? { id: "context", level: "pass", message: "uses the context it is given" }
      : {
        id: "context",
        level: "warn",
        message: 'the reply to "how many workers are running?" does not mention 2',
      },
  );
  const bad = await ask("this is not json{");
  checks.push(
    bad.code !== 0 || /"error"/.test(bad.stdout)
      ? { id: "malformed-input", level: "pass", message: "rejects malformed input" }
      : {
        id: "malformed-input",
        level: "fail",
        message: 'accepted malformed input: exit 0 and no "error" in the reply',
      },
  );
  const slowest = Math.max(first.ms, second.ms);
  checks.push({
    id: "latency",
    level: slowest > 10_000 ? "warn" : "pass",
    message: `slowest reply ${(slowest / 1000).toFixed(1)} s${
      slowest > 10_000 ? " (over 10 s feels slow in the dashboard)" : ""
    }`,
  });
  return checks;
}

function parseReply(stdout: string): Record<string, unknown> | undefined {
  const o = findJsonObject(stdout);
  return o !== undefined && ("tool_calls" in o || "message" in o || "text" in o) ? o : undefined;
}

async function toolCallCheck(
  reply: Record<string, unknown> | undefined,
): Promise<BackendCheck> {
  const calls = reply?.["tool_calls"];
  const first = Array.isArray(calls) ? calls[0] as Record<string, unknown> | undefined : undefined;
  if (first === undefined) {
    return { id: "tool-call", level: "fail", message: 'no tool call for "switch to workers view"' };
  }
  const tool = first["tool"] ?? first["name"];
  const args = first["arguments"] ?? first["parameters"];
  if (typeof tool !== "string" || args === undefined) {
    return {
      id: "tool-call",
      level: "fail",
      message: 'the first tool call lacks "tool" and "arguments" (or "name" and "parameters")',
    };
  }
  const shown = `${tool} ${JSON.stringify(args).slice(0, 120)}`;
  const checked = await checkCall({
    id: "check",
    tool,
    arguments: typeof args === "string" ? parseArguments(args) : args,
  });
  if (!checked.ok) {
    return {
      id: "tool-call",
      level: "fail",
      message: `calls ${shown}, which FORGE would refuse: ${checked.message}`,
    };
  }
  return { id: "tool-call", level: "pass", message: `calls ${shown}` };
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
