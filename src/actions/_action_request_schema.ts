/**
 * Checking an action request before anything runs: requests come from key presses, from a chat
 * model's tool calls and from HTTP bodies, so their shape is never taken on trust. zod is
 * imported on the first check.
 */
import type { z as Zod } from "zod";
import type { ActionRequest } from "../domain/mod.ts";
import { formatCount, MAX_SPAWN, workerIdProblem } from "../domain/mod.ts";

/** Most workers a limit may allow (as the configuration schema does). */
const MAX_WORKERS_LIMIT = 1000;

/** The largest monthly budget a request may set, in USD. */
const MAX_BUDGET_USD = 1_000_000;

const KINDS = ["spawn", "kill", "pause", "resume", "assign", "ack", "limits"] as const;

/** How a refusal names each kind: `Cannot <verb>: <why>`. */
const VERBS: Readonly<Record<typeof KINDS[number], string>> = {
  spawn: "spawn",
  kill: "kill",
  pause: "pause",
  resume: "resume",
  assign: "assign",
  ack: "acknowledge",
  limits: "change limits",
};

/** The request, or one sentence on what is wrong with it. */
export type CheckedRequest =
  | { readonly ok: true; readonly request: ActionRequest }
  | { readonly ok: false; readonly message: string };

type Schema = Zod.ZodType<ActionRequest>;
let schema: Schema | undefined;

function build(z: typeof Zod): Schema {
  const name = (what: string) =>
    z.string({ error: (i) => i.input === undefined ? `name ${what}` : `${what} must be text` })
      .trim().min(1, { error: `name ${what}` }).max(200, {
        error: `${what} is longer than 200 characters`,
      });
  const target = name("a worker id or all").refine(
    (t) => t === "all" || workerIdProblem(t) === undefined,
    {
      error: (issue) =>
        `"${String(issue.input)}" is not a worker id: ${workerIdProblem(String(issue.input))}`,
    },
  );
  const count = z.number({ error: `the count must be a whole number from 1 to ${MAX_SPAWN}` })
    .int({ error: `the count must be a whole number from 1 to ${MAX_SPAWN}` })
    .min(1, { error: `the count must be a whole number from 1 to ${MAX_SPAWN}` })
    .max(MAX_SPAWN, { error: `at most ${MAX_SPAWN} workers per request` });
  const alertError = "name an alert by its number, or all";
  const alert = z.union([
    z.literal("all"),
    z.number().int({ error: alertError }).positive({ error: alertError }),
  ], { error: alertError });
  return z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("spawn"),
      worker: name("a worker config"),
      count,
      workspace: name("the workspace").optional(),
    }),
    z.strictObject({ kind: z.literal("kill"), target }),
    z.strictObject({ kind: z.literal("pause"), target }),
    z.strictObject({ kind: z.literal("resume"), target }),
    z.strictObject({ kind: z.literal("assign"), bead: name("a bead"), worker: name("a worker") }),
    z.strictObject({ kind: z.literal("ack"), alert }),
    limits(z, name),
  ]) as unknown as Schema;
}

function limits(z: typeof Zod, name: (what: string) => Zod.ZodString) {
  const workersError = `max_workers must be a whole number from 1 to ${MAX_WORKERS_LIMIT}`;
  const budgetError = `the monthly budget must be more than $0 and at most $${
    formatCount(MAX_BUDGET_USD)
  }`;
  return z.strictObject({
    kind: z.literal("limits"),
    maxWorkers: z.number({ error: workersError }).int({ error: workersError })
      .min(1, { error: workersError }).max(MAX_WORKERS_LIMIT, { error: workersError }).optional(),
    workspace: name("the workspace").optional(),
    monthlyBudgetUsd: z.number({ error: budgetError }).positive({ error: budgetError })
      .max(MAX_BUDGET_USD, { error: budgetError }).optional(),
  }).refine((r) => r.maxWorkers !== undefined || r.monthlyBudgetUsd !== undefined, {
    error: "give max_workers and/or a monthly budget",
  }).refine((r) => r.workspace === undefined || r.maxWorkers !== undefined, {
    error: "a workspace only applies to max_workers",
    path: ["workspace"],
  });
}

/**
 * Checks a request.
 *
 * @param value what an interface produced
 * @returns the request (names trimmed), or what is wrong, as `Cannot <kind>: <why>`
 */
export async function checkActionRequest(value: unknown): Promise<CheckedRequest> {
  const kind = typeof value === "object" && value !== null
    ? (value as { kind?: unknown }).kind
    : undefined;
  if (typeof kind !== "string" || !(KINDS as readonly string[]).includes(kind)) {
    const shown = typeof kind === "string" ? `"${kind.slice(0, 40)}"` : "this request";
    return {
      ok: false,
      message: `Cannot perform ${shown}: not an action (expected ${KINDS.join(", ")})`,
    };
  }
  schema ??= build((await import("zod")).z);
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, request: result.data };
  const issue = result.error.issues[0];
  const why = issue === undefined
    ? "the request is malformed"
    : issue.code === "unrecognized_keys"
    ? `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`
    : issue.message;
  return { ok: false, message: `Cannot ${VERBS[kind as typeof KINDS[number]]}: ${why}` };
}
