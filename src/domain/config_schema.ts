/**
 * The one schema of FORGE's configuration (`config.yaml`). Every key has a default, so an empty
 * file is a valid configuration. zod is loaded on first use, so commands that never read the
 * configuration (`forge version`) start without it.
 */
import type { z as Zod } from "zod";
import { TIERS } from "./worker_config_schema.ts";

/** The configuration format this FORGE writes and reads natively. */
export const CONFIG_VERSION = 1;

function build(z: typeof Zod) {
  const positiveInt = z.number().int().positive();
  const launcherEntry = z.strictObject({
    /** Path of the executable; relative paths resolve against FORGE_HOME/launchers. */
    executable: z.string().min(1),
    models: z.array(z.string().min(1)).default([]),
    default_args: z.array(z.string()).default([]),
  });
  const workspaceEntry = z.strictObject({
    path: z.string().min(1),
    name: z.string().min(1).optional(),
    enabled: z.boolean().default(true),
    /** Lower runs first when scores tie. */
    priority: z.number().int().default(100),
    max_workers: positiveInt.optional(),
  });
  const launcherSettings = z.strictObject({
    /** Hard limit for one launcher run (seconds). */
    timeout_seconds: z.number().positive().max(600).default(60),
    /** Extra attempts after a failed launch. */
    retries: z.number().int().min(0).max(10).default(2),
    /** First backoff between attempts (milliseconds); doubles each retry. */
    retry_backoff_ms: z.number().int().min(0).max(60_000).default(1_000),
    /** Names of FORGE's own environment variables passed to every launcher. */
    env_passthrough: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]),
  });
  const usdPerMillion = z.number().nonnegative().max(100_000);
  /** USD per million tokens. */
  const price = z.strictObject({
    input: usdPerMillion,
    output: usdPerMillion,
    cache_read: usdPerMillion.optional(),
    cache_write: usdPerMillion.optional(),
  });
  const planWindow = z.discriminatedUnion("kind", [
    /** A calendar month that starts on `day` (00:00 UTC). */
    z.strictObject({ kind: z.literal("monthly"), day: z.number().int().min(1).max(28).default(1) }),
    /** The last `hours` hours, sliding (agent plans count usage in rolling windows). */
    z.strictObject({ kind: z.literal("rolling"), hours: z.number().positive().max(24 * 31) }),
    /** A week that resets on `weekday` (0 = Sunday) at `hour` UTC. */
    z.strictObject({
      kind: z.literal("weekly"),
      weekday: z.number().int().min(0).max(6).default(1),
      hour: z.number().int().min(0).max(23).default(0),
    }),
  ]);
  const subscription = z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "use letters, digits, '.', '-' and '_'"),
    /** Models the plan covers: exact names or patterns with `*`. */
    models: z.array(z.string().min(1)).min(1),
    unit: z.enum(["tokens", "requests", "messages", "unlimited"]).default("tokens"),
    /** Quota per window in `unit`; not used for `unlimited`. */
    limit: z.number().nonnegative().optional(),
    window: planWindow.default({ kind: "monthly", day: 1 }),
    monthly_cost: z.number().nonnegative().default(0),
    tier: z.enum(TIERS).optional(),
    enabled: z.boolean().default(true),
  }).refine((s) => s.unit === "unlimited" || s.limit !== undefined, {
    message: "a limit is required unless the unit is unlimited",
    path: ["limit"],
  });
  const budget = z.strictObject({
    /** Monthly pay-per-token budget in USD; no alerts without it. */
    monthly_usd: z.number().positive().optional(),
    /** Alert when the month's spend (or its projection) passes these percentages. */
    alert_percents: z.array(z.number().int().min(1).max(1000)).default([70, 90, 100]),
  });
  const config = z.strictObject({
    config_version: z.number().int().min(0).default(CONFIG_VERSION),
    /** Workers FORGE runs at once, over all workspaces. */
    max_workers: positiveInt.max(1000).default(10),
    launcher: launcherSettings.default(launcherSettings.parse({})),
    /** Extra launchers by name (the built-in ones need no entry). */
    launchers: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/), launcherEntry).default({}),
    workspaces: z.array(workspaceEntry).default([]),
    /** Prices by model name or `*` pattern; they override the built-in table. */
    prices: z.record(z.string().min(1), price).default({}),
    /** Price of a model found in no table (a warning says which models used it). */
    default_price: price.default({ input: 3, output: 15 }),
    subscriptions: z.array(subscription).default([]),
    budget: budget.default(budget.parse({})),
    /** Days raw usage, events and routing rows are kept; hourly and daily rollups are kept. */
    retention_days: z.number().int().min(1).max(3650).default(90),
    /** Days audit entries are kept. */
    audit_retention_days: z.number().int().min(1).max(36500).default(365),
  });
  return { config, launcherEntry, workspaceEntry, price, subscription };
}

type Schemas = ReturnType<typeof build>;

/** Parsed, defaulted configuration. */
export type Config = Zod.infer<Schemas["config"]>;

/** A launcher declared in `config.yaml`. */
export type LauncherEntry = Zod.infer<Schemas["launcherEntry"]>;

/** A workspace declared in `config.yaml`. */
export type WorkspaceEntry = Zod.infer<Schemas["workspaceEntry"]>;

/** A price in USD per million tokens. */
export type PriceEntry = Zod.infer<Schemas["price"]>;

/** A subscription plan declared in `config.yaml`. */
export type SubscriptionPlan = Zod.infer<Schemas["subscription"]>;

let schemas: Schemas | undefined;

/**
 * The configuration schemas (zod is imported on the first call).
 *
 * @returns the schema of `config.yaml` and of its parts
 */
export async function configSchemas(): Promise<Schemas> {
  if (schemas === undefined) schemas = build((await import("zod")).z);
  return schemas;
}

/**
 * The configuration FORGE uses when no file exists.
 *
 * @returns every key at its default
 */
export async function defaultConfig(): Promise<Config> {
  return (await configSchemas()).config.parse({});
}
