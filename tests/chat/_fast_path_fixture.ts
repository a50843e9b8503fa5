/**
 * Shared parts of the fast-path tests: a small fleet to parse against, and helpers that expect
 * exactly one call the tool catalog accepts, or a refusal of a given kind.
 */
import assert from "node:assert/strict";
import {
  type FastPathContext,
  type FastPathResult,
  parseFastPath,
} from "../../src/chat/fast_path/mod.ts";
import { checkCall } from "../../src/chat/tool_catalog.ts";

/** Three workers (one in a workspace), three worker configs, sim by default, two workspaces. */
export const CONTEXT: FastPathContext = {
  workers: [
    { id: "sim-alpha", model: "sim-model", workerType: "sim", workspace: "/src/api" },
    { id: "sim-beta", model: "sim-model", workerType: "sim" },
    { id: "claude-gamma", model: "claude-sonnet-4-5", workerType: "claude-code" },
  ],
  workerTypes: [
    { name: "sim", model: "sim-model" },
    { name: "claude-code", model: "claude-sonnet-4-5" },
    { name: "opus-coder", model: "claude-opus-4-1" },
  ],
  defaultWorker: "sim",
  workspaces: [{ path: "/src/api", name: "api" }, { path: "/src/web", name: "web" }],
};

/** A tool call's arguments. */
export type Args = Record<string, unknown>;

/** A line, and the one call it must give. */
export type CallCase = [text: string, tool: string, args: Args];

/**
 * Parses a line against the fixture fleet.
 *
 * @param text what the user typed
 * @param context the fleet, CONTEXT unless given
 * @returns the fast path's result
 */
export function parse(text: string, context: FastPathContext = CONTEXT): FastPathResult {
  return parseFastPath(text, context);
}

/**
 * Parses a line that must be refused with `kind`, and returns the refusal.
 *
 * @param kind `error` (understood but refused) or `unknown` (not understood)
 * @param text what the user typed
 * @param context the fleet, CONTEXT unless given
 * @returns the refusal's message and suggestions
 */
export function failureOf(
  kind: "error" | "unknown",
  text: string,
  context: FastPathContext = CONTEXT,
): { message: string; suggestions: string[] } {
  const result = parse(text, context);
  assert.equal(result.kind, kind, `expected ${kind} for "${text}", got ${JSON.stringify(result)}`);
  if (result.kind !== kind) throw new Error("unreachable");
  return { message: result.message, suggestions: [...result.suggestions] };
}

/**
 * One step per case: the line gives exactly that one call, and the catalog accepts the call.
 *
 * @param t the test
 * @param cases lines and their calls
 */
export async function expectCalls(t: Deno.TestContext, cases: readonly CallCase[]): Promise<void> {
  for (const [text, tool, args] of cases) {
    await t.step(text, async () => {
      assert.deepEqual(parse(text), {
        kind: "calls",
        calls: [{ id: "fast-1", tool, arguments: args }],
      });
      const check = await checkCall({ id: "fast-1", tool, arguments: args });
      assert.equal(check.ok, true, JSON.stringify(check));
    });
  }
}
