/**
 * The chat tool catalog: every action of the action layer and every read query as one tool, with
 * its argument schema written once in zod (`_tool_definitions.ts`). The JSON Schema a backend
 * sees (`forge chat --tools`) is generated from that schema, and the same schema checks every
 * call before anything runs, so the two cannot drift. A checked call becomes an effect
 * (`tool_effects.ts`): a view to show, a query to answer, or an action request for
 * `performAction`.
 */
import type { z as Zod } from "zod";
import type { JsonSchema, ProposedCall, ToolSpec } from "./chat_types.ts";
import type { CallCheck } from "./tool_effects.ts";
import { TOOLS } from "./_tool_definitions.ts";

export * from "./tool_effects.ts";

/** Every tool name, in catalog order. */
export const TOOL_NAMES: readonly string[] = TOOLS.map((t) => t.name);

let schemas: Map<string, Zod.ZodType> | undefined;
let specs: readonly ToolSpec[] | undefined;

/** The zod schema of each tool, built once (zod is imported on the first call). */
async function toolSchemas(): Promise<Map<string, Zod.ZodType>> {
  if (schemas !== undefined) return schemas;
  const { z } = await import("zod");
  schemas = new Map(TOOLS.map((t) => [t.name, t.schema(z)]));
  return schemas;
}

/**
 * The tools as backends see them: name, description and a JSON Schema generated from the zod
 * schema that checks calls.
 *
 * @returns every tool, in catalog order
 */
export async function toolSpecs(): Promise<readonly ToolSpec[]> {
  if (specs !== undefined) return specs;
  // Generated only when a backend (or --tools) needs them: the fast path only checks calls.
  const { z } = await import("zod");
  const built = await toolSchemas();
  specs = TOOLS.map((t) => {
    const { $schema: _ignored, ...parameters } = z.toJSONSchema(built.get(t.name) as Zod.ZodType, {
      io: "input",
      unrepresentable: "any",
    }) as Record<string, unknown>;
    return { name: t.name, description: t.description, parameters: parameters as JsonSchema };
  });
  return specs;
}

/**
 * The catalog in OpenAI's function-calling format (`forge chat --tools`, and what the OpenAI
 * backend sends).
 *
 * @returns `[{type: "function", function: {name, description, parameters}}]`
 */
export async function openAiTools(): Promise<
  readonly { readonly type: "function"; readonly function: ToolSpec }[]
> {
  return (await toolSpecs()).map((t) => ({ type: "function" as const, function: t }));
}

/**
 * Checks a proposed call: the tool must exist and its arguments must pass its schema (defaults
 * filled in). Nothing runs here.
 *
 * @param call what the fast path or a backend proposed
 * @returns the checked call with its effect, or one sentence on what is wrong (naming the field)
 */
export async function checkCall(call: ProposedCall): Promise<CallCheck> {
  const tool = String(call.tool).slice(0, 80);
  const definition = TOOLS.find((t) => t.name === tool);
  const schema = (await toolSchemas()).get(tool);
  if (definition === undefined || schema === undefined) {
    return {
      ok: false,
      id: call.id,
      tool,
      message: `unknown tool "${tool}" (FORGE has: ${TOOL_NAMES.join(", ")})`,
    };
  }
  const input = call.arguments === undefined || call.arguments === null ? {} : call.arguments;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0
      ? ""
      : `"${issue.path.join(".")}": `;
    const why = issue === undefined
      ? "the arguments are malformed"
      : issue.code === "unrecognized_keys"
      ? `unknown argument${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`
      : issue.message;
    return { ok: false, id: call.id, tool, message: `${tool}: ${where}${why}` };
  }
  const args = parsed.data as Record<string, unknown>;
  return {
    ok: true,
    call: { id: call.id, tool, arguments: args, effect: definition.effect(args) },
  };
}
