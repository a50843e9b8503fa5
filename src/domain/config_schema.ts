/**
 * The one schema of FORGE's configuration (`config.yaml`). Every key has a default, so an empty
 * file is a valid configuration. zod is loaded on first use, so commands that never read the
 * configuration (`forge version`) start without it.
 */
import type { z as Zod } from "zod";
import { TIERS } from "./worker_config_schema.ts";

/** The configuration format this FORGE writes and reads natively. */
export const CONFIG_VERSION = 1;

/** Weights of the task value score (design.md, "Task value score") and what is not work. */
export interface ScoringWeights {
  /** Points for priority 0 to 4. */
  readonly priority_points: readonly number[];
  /** Points per open bead this one transitively unblocks … */
  readonly unblock_points: number;
  /** … at most this many. */
  readonly unblock_cap: number;
  /** Points per whole day since the bead was created … */
  readonly age_points_per_day: number;
  /** … at most this many. */
  readonly age_cap: number;
  /** Points when the bead has one of `urgent_labels` (compared without case). */
  readonly urgent_points: number;
  readonly urgent_labels: readonly string[];
  /** The score never exceeds this. */
  readonly total_cap: number;
  /** Issue types that are never given to an agent (compared without case). */
  readonly not_work_types: readonly string[];
}

/** The scoring weights of an empty configuration. */
export const SCORING_DEFAULTS: ScoringWeights = Object.freeze({
  priority_points: Object.freeze([40, 30, 20, 10, 5]),
  unblock_points: 10,
  unblock_cap: 30,
  age_points_per_day: 3,
  age_cap: 20,
  urgent_points: 10,
  urgent_labels: Object.freeze(["critical", "urgent", "blocker", "hotfix"]),
  total_cap: 100,
  not_work_types: Object.freeze([
    "epic",
    "gate",
    "molecule",
    "message",
    "merge-request",
    "agent",
    "role",
    "rig",
  ]),
});

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
    /** At most this many workers on the plan at once. */
    max_workers: positiveInt.optional(),
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
  const points = z.number().min(0).max(100);
  const d = SCORING_DEFAULTS;
  const scoring = z.strictObject({
    priority_points: z.array(points).length(5).default([...d.priority_points]),
    unblock_points: points.default(d.unblock_points),
    unblock_cap: points.default(d.unblock_cap),
    age_points_per_day: points.default(d.age_points_per_day),
    age_cap: points.default(d.age_cap),
    urgent_points: points.default(d.urgent_points),
    urgent_labels: z.array(z.string().min(1)).default([...d.urgent_labels]),
    total_cap: points.default(d.total_cap),
    not_work_types: z.array(z.string().min(1)).default([...d.not_work_types]),
  });
  const routing = z.strictObject({
    /** Worker configs the orchestrator may start; empty: those in FORGE_HOME/workers, else sim. */
    workers: z.array(z.string().min(1)).default([]),
  });
  const recovery = z.strictObject({
    /** First delay before a failed bead is tried again; doubles each time. */
    restart_base_seconds: z.number().min(0).max(3600).default(5),
    restart_max_seconds: z.number().min(0).max(86_400).default(300),
    /** Failures within the window that open the circuit breaker. */
    max_failures: z.number().int().min(1).max(100).default(3),
    failure_window_minutes: z.number().positive().max(1440).default(10),
    /** How long a plan is parked after a usage limit that names no reset time. */
    park_minutes: z.number().positive().max(1440).default(15),
  });
  const health = z.strictObject({
    /** No status or log activity for this long: degraded. */
    stale_minutes: z.number().positive().default(15),
    /** A starting worker is exempt from staleness this long. */
    starting_grace_minutes: z.number().min(0).default(2),
    /** Active on a bead with no activity for this long: stuck (killed, bead released). */
    stuck_minutes: z.number().positive().default(30),
    max_rss_mb: z.number().positive().default(4096),
  });
  const update = z.strictObject({
    /** Look for a new release at most once a day and say so on a terminal. */
    check: z.boolean().default(true),
    /** `stable`, or `beta` for prereleases too. */
    channel: z.enum(["stable", "beta"]).default("stable"),
    /** Where the signed release manifest is (default: the project's latest GitHub release). */
    manifest_url: z.url().optional(),
  });
  // A refinement, not a regex: the message must say what to do and never echo the value.
  const secretOnly = z.string().refine(
    (v) => /^\$\{(env:[A-Za-z_][A-Za-z0-9_]*|keychain:[^/}]+\/[^}]+)\}$/.test(v),
    {
      message:
        "${env:NAME} or ${keychain:service/account} only, never the key itself (FORGE stores no secrets)",
    },
  );
  const chat = z.strictObject({
    /** Who answers what the fast path does not understand: nobody, a command, or an HTTP API. */
    backend: z.enum(["none", "command", "openai", "anthropic"]).default("none"),
    /** The backend command line (`backend: command`); `args` are appended. */
    command: z.string().min(1).optional(),
    args: z.array(z.string()).default([]),
    /** Extra environment of the backend command (values may be secret references). */
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
    /** Base URL of the HTTP API (default: OpenAI's or Anthropic's; e.g. Ollama's /v1). */
    url: z.url().optional(),
    model: z.string().min(1).optional(),
    /** API key of the HTTP backend, as a reference only. */
    api_key: secretOnly.optional(),
    timeout_seconds: z.number().positive().max(600).default(30),
    /** Retries on 429, 5xx and lost connections, with exponential backoff. */
    max_retries: z.number().int().min(0).max(10).default(3),
    max_tokens: z.number().int().positive().max(100_000).default(1024),
    /** Requests sent to the backend (the fast path does not count). */
    rate_limit: z.strictObject({
      per_minute: z.number().int().min(1).max(10_000).default(10),
      per_hour: z.number().int().min(1).max(100_000).default(100),
    }).default({ per_minute: 10, per_hour: 100 }),
    /** Spawns estimated to cost more than this (USD) ask first, whatever their count. */
    confirm_cost_usd: z.number().nonnegative().default(10),
    /** The chat history file is trimmed to its newer half past this size. */
    history_max_kb: z.number().int().min(4).max(1_048_576).default(1024),
  }).superRefine((c, ctx) => {
    if (c.backend === "command" && c.command === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["command"],
        message: "backend: command needs command: the program to run, e.g. my-backend --json",
      });
    }
    if ((c.backend === "openai" || c.backend === "anthropic") && c.model === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["model"],
        message: `backend: ${c.backend} needs model (e.g. ${
          c.backend === "openai" ? "gpt-4o-mini, or llama3.1 on Ollama" : "claude-sonnet-4-5"
        })`,
      });
    }
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
    /** The task value score's weights (0-100 points each) and the types that are not work. */
    scoring: scoring.default(scoring.parse({})),
    routing: routing.default(routing.parse({})),
    recovery: recovery.default(recovery.parse({})),
    health: health.default(health.parse({})),
    update: update.default(update.parse({})),
    /** Conversational control (`forge chat`, `:` in the dashboard). */
    chat: chat.default(chat.parse({})),
  });
  return { config, launcherEntry, workspaceEntry, price, subscription, chat };
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

/** The `chat:` section: backend, limits and history. */
export type ChatSettings = Zod.infer<Schemas["chat"]>;

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
