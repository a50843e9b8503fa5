/**
 * Worker configs (`FORGE_HOME/workers/<name>.yaml`, and the built-in ones in `manifests/workers/`):
 * which launcher runs which model, at which routing tier, with which environment.
 */
import type { z as Zod } from "zod";
import { LOG_FORMATS } from "./log_event.ts";

/** Routing tiers, most capable first. */
export const TIERS = ["premium", "standard", "budget", "free"] as const;

/** One routing tier. */
export type Tier = typeof TIERS[number];

function build(z: typeof Zod) {
  const envName = z.string().regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "must be an environment variable name",
  );
  return z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "use letters, digits, '-' and '_'"),
    description: z.string().optional(),
    version: z.union([z.string(), z.number()]).optional(),
    author: z.string().optional(),
    /** A launcher name (config `launchers:`, FORGE_HOME/launchers/<name>, or built-in). */
    launcher: z.string().min(1),
    /** Model passed as `--model` unless the user names another. */
    model: z.string().min(1),
    /** Models this worker can run; empty means any. */
    models: z.array(z.string().min(1)).default([]),
    tier: z.enum(TIERS),
    cost_per_million_tokens: z.strictObject({
      input: z.number().nonnegative(),
      output: z.number().nonnegative(),
      cache_read: z.number().nonnegative().optional(),
      cache_write: z.number().nonnegative().optional(),
    }).optional(),
    subscription: z.strictObject({
      enabled: z.boolean(),
      monthly_cost: z.number().nonnegative().optional(),
      quota_type: z.enum(["unlimited", "tokens", "requests", "messages"]).optional(),
      quota_limit: z.number().int().nonnegative().nullable().optional(),
    }).refine((s) => !s.enabled || s.monthly_cost !== undefined, {
      message: "monthly_cost is required when the subscription is enabled",
      path: ["monthly_cost"],
    }).optional(),
    /** Extra environment for the launcher; values may hold `${env:NAME}` or `${keychain:…}`. */
    environment: z.record(envName, z.string()).default({}),
    /** Names of FORGE's own environment variables passed through unchanged. */
    env_passthrough: z.array(envName).default([]),
    /** Extra launcher arguments; `${worker_id}`, `${session_name}`, `${workspace}`, `${model}`. */
    spawn_args: z.array(z.string()).default([]),
    log_path: z.string().optional(),
    status_path: z.string().optional(),
    /** How to read this worker's log; `auto` detects per line. */
    log_format: z.enum(["auto", ...LOG_FORMATS]).default("auto"),
    health_check: z.strictObject({
      enabled: z.boolean().default(true),
      interval_seconds: z.number().positive().default(10),
      timeout_seconds: z.number().positive().default(10),
      command: z.string().optional(),
    }).optional(),
    capabilities: z.array(z.string()).default([]),
    max_context_tokens: z.number().int().positive().optional(),
    supports_tools: z.boolean().optional(),
    supports_vision: z.boolean().optional(),
    /** At most this many of these workers at once (the orchestrator's limit per type). */
    max_workers: z.number().int().positive().optional(),
    /** Agent CLI this worker drives (for `forge doctor` and `forge init`). */
    agent_command: z.string().optional(),
  });
}

/** A validated worker config. */
export type WorkerConfig = Zod.infer<ReturnType<typeof build>>;

let schema: ReturnType<typeof build> | undefined;

/**
 * The worker config schema (zod is imported on the first call).
 *
 * @returns the schema
 */
export async function workerConfigSchema(): Promise<ReturnType<typeof build>> {
  if (schema === undefined) schema = build((await import("zod")).z);
  return schema;
}
