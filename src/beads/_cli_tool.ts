/**
 * Running `br`, `bd` and `bead` (spec/beads.md §3.3-4): the arguments of each operation, the
 * environment each tool wants, and the translation of timeouts, missing binaries, non-zero exits
 * and JSON error envelopes (`{"error": "…"}` from bd, `{"error": {code, message, hint}}` from br,
 * on stdout or stderr) into one error shape.
 */
import type { Env, Processes } from "../domain/mod.ts";
import { BeadStoreError } from "../domain/mod.ts";
import { isRecord } from "./_fields.ts";

/** The beads CLIs FORGE drives. */
export type CliTool = "br" | "bd" | "bead";

/** What an adapter was doing, for messages. */
export type CliVerb = "show" | "claim" | "release" | "close";

/** Everything needed to run one tool for one workspace. */
export interface ToolContext {
  readonly tool: CliTool;
  /** Absolute path of the executable, or its bare name. */
  readonly command: string;
  readonly workspace: string;
  readonly processes: Processes;
  readonly env: Env;
  readonly timeoutMs: number;
}

/** One operation on one bead. */
export type ToolOp =
  | { readonly kind: "show"; readonly id: string }
  | { readonly kind: "claim"; readonly id: string; readonly assignee: string }
  | { readonly kind: "release"; readonly id: string }
  | { readonly kind: "close"; readonly id: string; readonly reason: string };

/** The outcome of running a tool: not-found is an expected outcome, other failures carry an error. */
export type ToolRun =
  | { readonly kind: "ok"; readonly stdout: string; readonly code: number }
  | { readonly kind: "not-found"; readonly error: BeadStoreError }
  | { readonly kind: "failed"; readonly error: BeadStoreError };

/** Extra environment per tool: quiet logs, and bd's JSON envelope (both shapes are accepted). */
const TOOL_ENV: Readonly<Record<CliTool, Readonly<Record<string, string>>>> = {
  br: { RUST_LOG: "error", NO_COLOR: "1" },
  bd: { BD_JSON_ENVELOPE: "1", NO_COLOR: "1" },
  bead: { NO_COLOR: "1" },
};

/**
 * The argv of an operation. Claims use the portable `update --status in_progress --assignee`;
 * bead-rs releases with its own `release` verb and takes no `--json` on writes.
 *
 * @param tool the CLI
 * @param op the operation
 * @returns the arguments
 */
export function argsFor(tool: CliTool, op: ToolOp): string[] {
  const json = tool === "bead" ? [] : ["--json"];
  switch (op.kind) {
    case "show":
      return ["show", op.id, "--json"];
    case "claim":
      return ["update", op.id, "--status", "in_progress", "--assignee", op.assignee, ...json];
    case "release":
      return tool === "bead"
        ? ["release", op.id]
        : ["update", op.id, "--status", "open", "--assignee", "", ...json];
    case "close":
      return ["close", op.id, "--reason", op.reason, ...json];
    default: {
      const never: never = op;
      throw new TypeError(`unknown operation ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Runs the tool and classifies the result.
 *
 * @param ctx the tool and workspace
 * @param verb what the adapter is doing (for messages)
 * @param op the operation
 * @returns ok with stdout, not-found, or failed with a `BeadStoreError`
 */
export async function runTool(ctx: ToolContext, verb: CliVerb, op: ToolOp): Promise<ToolRun> {
  const { tool } = ctx;
  const args = argsFor(tool, op);
  const result = await ctx.processes.run(ctx.command, args, {
    cwd: ctx.workspace,
    env: { ...ctx.env.toObject(), ...TOOL_ENV[tool] },
    clearEnv: true,
    timeoutMs: ctx.timeoutMs,
  });
  const fail = (why: string, hint: string, exitCode: number | undefined): BeadStoreError =>
    new BeadStoreError(`Cannot ${verb} bead "${op.id}" with ${tool}: ${why}`, {
      tool,
      exitCode,
      timedOut: result.timedOut,
    }, { hint });
  if (result.timedOut) {
    const why = `${tool} did not finish within ${Math.round(ctx.timeoutMs / 100) / 10} s`;
    return { kind: "failed", error: fail(why, timeoutHint(ctx, op.id), undefined) };
  }
  if (result.code === 127) {
    return {
      kind: "failed",
      error: fail(`${tool} is not installed or not on PATH`, installHint(tool), 127),
    };
  }
  const envelope = errorEnvelope(result.stdout) ?? errorEnvelope(result.stderr);
  if (result.code === 0 && envelope === undefined) {
    return { kind: "ok", stdout: result.stdout, code: 0 };
  }
  const message = envelope?.message ?? lastLine(result.stderr) ?? lastLine(result.stdout) ??
    "no message";
  const error = fail(
    `${tool} exited with code ${result.code}: ${message}`,
    envelope?.hint ??
      `Run \`${tool} ${args.map(quoted).join(" ")}\` in ${ctx.workspace} to see the whole error.`,
    result.code,
  );
  const notFound = (tool !== "bd" && result.code === 3) ||
    NOT_FOUND.test(`${envelope?.code ?? ""} ${message}`);
  return { kind: notFound ? "not-found" : "failed", error };
}

/** How bd (exit 1) and envelopes say an id is unknown; not "database not found". */
const NOT_FOUND =
  /(issue|bead)\b[^\n]{0,60}\bnot found|no (issue|bead)s? (found|with)|ISSUE_NOT_FOUND/i;

/** An argument as a user would type it: empty or spaced ones in quotes. */
function quoted(arg: string): string {
  return arg === "" || /[\s"'$`\\]/.test(arg) ? JSON.stringify(arg) : arg;
}

function timeoutHint(ctx: ToolContext, id: string): string {
  return `Check that \`${ctx.tool} show ${id} --json\` answers in ${ctx.workspace}; ` +
    `another ${ctx.tool} may hold the .beads/ write lock.`;
}

function installHint(tool: CliTool): string {
  if (tool === "bead") return "Install bead-rs (`bead`) and put it on PATH.";
  return `Install ${tool} and put it on PATH, or set FORGE_BEAD_STORE=jsonl to let FORGE edit ` +
    ".beads/issues.jsonl itself.";
}

interface Envelope {
  readonly message: string;
  readonly hint: string | undefined;
  readonly code: string | undefined;
}

/** Reads a JSON error envelope from a stream (the whole text, or its last JSON line). */
function errorEnvelope(text: string): Envelope | undefined {
  if (!text.includes('"error"')) return undefined;
  const value = parseJsonOutput(text);
  if (!isRecord(value) || value["error"] === undefined || value["error"] === null) return undefined;
  const error = value["error"];
  const str = (
    v: unknown,
  ): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
  if (isRecord(error)) {
    return {
      message: str(error["message"]) ?? JSON.stringify(error),
      hint: str(error["hint"]) ?? str(value["hint"]),
      code: str(error["code"]),
    };
  }
  return {
    message: str(error) ?? JSON.stringify(error),
    hint: str(value["hint"]),
    code: undefined,
  };
}

/**
 * Parses a tool's JSON output: the whole text, or else its last line that parses (tools may
 * print warnings first).
 *
 * @param text stdout or stderr
 * @returns the value, or undefined when nothing parses
 */
export function parseJsonOutput(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    const lines = trimmed.split("\n");
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = (lines[i] as string).trim();
      if (!line.startsWith("{") && !line.startsWith("[")) continue;
      try {
        return JSON.parse(line);
      } catch { /* keep looking */ }
    }
    return undefined;
  }
}

function lastLine(text: string): string | undefined {
  const lines = text.trim().split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const last = lines[lines.length - 1];
  return last === undefined ? undefined : last.slice(0, 300);
}
