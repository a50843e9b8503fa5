/**
 * zod schemas of every response of the HTTP API (and so of the `--json` shapes it shares with the
 * CLI): strict objects, so a key added on one side and not the other fails a test. zod is loaded
 * on first use, like the configuration schemas.
 */
import type { z as Zod } from "zod";
import { ALERT_SEVERITIES, WORKER_HEALTHS } from "./api_shapes.ts";
import { WORKER_STATES } from "./worker_status.ts";

function build(z: typeof Zod) {
  const iso = z.iso.datetime();
  const count = z.number().int().min(0);
  const usd = z.number().min(0);
  const nanos = z.number().int().min(0);
  const states = z.enum(WORKER_STATES);
  const healths = z.enum(WORKER_HEALTHS as [string, ...string[]]);
  const byKey = <K extends string>(keys: readonly K[]) =>
    z.strictObject(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);
  const status = z.strictObject({
    version: z.string(),
    generated_at: iso,
    role: z.enum(["orchestrator", "observer"]),
    engine: z.strictObject({
      running: z.boolean(),
      pid: z.number().int().nullable(),
      max_workers: count.nullable(),
      stopping: z.boolean(),
    }),
    workspaces: z.array(z.string()),
    beads: byKey(["ready", "in_progress", "blocked", "deferred"]),
    workers: z.strictObject({
      total: count,
      alive: count,
      by_state: byKey(WORKER_STATES),
      by_health: byKey(WORKER_HEALTHS),
    }),
    cost_today_usd: usd.nullable(),
    alerts: z.strictObject({ open: count, by_severity: byKey(ALERT_SEVERITIES) }),
    parked: z.array(z.strictObject({ name: z.string(), until: iso })),
    problems: z.array(z.string()),
  });
  const worker = z.strictObject({
    id: z.string().min(1),
    model: z.string().nullable(),
    status: states,
    health: healths,
    health_reason: z.string().nullable(),
    alive: z.boolean(),
    task: z.string().nullable(),
    uptime_seconds: count.nullable(),
    pid: z.number().int().nullable(),
    workspace: z.string().nullable(),
    tasks_completed: count,
    started_at: iso.nullable(),
    last_activity: iso.nullable(),
    error: z.string().nullable(),
  });
  const task = z.strictObject({
    id: z.string().min(1),
    workspace: z.string(),
    title: z.string(),
    state: z.enum(["ready", "blocked", "in_progress", "deferred", "closed", "not_work"]),
    status: z.string(),
    priority: z.number().int(),
    issue_type: z.string(),
    labels: z.array(z.string()),
    assignee: z.string().nullable(),
    score: z.strictObject({
      total: z.number(),
      priority: z.number(),
      unblocks: z.number(),
      age: z.number(),
      urgent: z.number(),
      unblocked_count: count,
      age_days: z.number(),
      urgent_labels: z.array(z.string()),
    }),
    blockers: z.array(z.strictObject({ id: z.string(), status: z.string(), via: z.string() })),
    cycle: z.array(z.string()).nullable(),
    reason: z.string(),
    created_at: iso.nullable(),
    updated_at: iso.nullable(),
    defer_until: iso.nullable(),
  });
  const alert = z.strictObject({
    id: z.number().int().positive(),
    at: iso,
    severity: z.string(),
    kind: z.string(),
    subject: z.string(),
    message: z.string(),
    acknowledged_at: iso.nullable(),
    acknowledged_by: z.string().nullable(),
  });
  return {
    status,
    worker,
    workers: z.array(worker),
    task,
    tasks: z.array(task),
    costs: costSchema(z, { iso, count, usd, nanos }),
    alert,
    alerts: z.array(alert),
    ready: z.strictObject({
      ready: z.boolean(),
      engine: z.boolean(),
      database: z.boolean(),
      detail: z.string(),
    }),
    actionResult: z.strictObject({ ok: z.boolean(), message: z.string() }),
    error: z.strictObject({
      error: z.strictObject({
        code: z.string().regex(/^[A-Z_]+$/),
        message: z.string().min(1),
        field: z.string().optional(),
        line: count.optional(),
        column: count.optional(),
        retry_after_seconds: count.optional(),
      }),
    }),
  };
}

function costSchema(
  z: typeof Zod,
  base: {
    readonly iso: Zod.ZodISODateTime;
    readonly count: Zod.ZodNumber;
    readonly usd: Zod.ZodNumber;
    readonly nanos: Zod.ZodNumber;
  },
) {
  // Token counts are whole in practice but not by contract (an agent may report fractions).
  const t = { ...base, amount: z.number().min(0) };
  const period = z.strictObject({
    since: t.iso,
    until: t.iso,
    calls: t.count,
    tokens: z.strictObject({
      input: t.amount,
      output: t.amount,
      cache_read: t.amount,
      cache_write: t.amount,
      total: t.amount,
    }),
    cost_usd: t.usd,
    cost_nanos: t.nanos,
    billed_usd: t.usd,
    billed_nanos: t.nanos,
  });
  const percent = z.number().nullable();
  return z.strictObject({
    generated_at: t.iso,
    today: period,
    week: period,
    month: period,
    range: period.nullable(),
    projection: z.strictObject({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      days_elapsed: z.number().positive(),
      days_in_month: t.count,
      confidence: z.number().min(0).max(1),
      cost_usd: t.usd,
      billed_usd: t.usd,
      billed_nanos: t.nanos,
      projected_cost_usd: t.usd,
      projected_billed_usd: t.usd,
      projected_billed_nanos: t.nanos,
      subscription_fees_usd: t.usd,
      projected_total_usd: t.usd,
    }),
    plans: z.array(z.strictObject({
      name: z.string(),
      unit: z.enum(["tokens", "requests", "messages", "unlimited"]),
      used: z.number().min(0),
      limit: z.number().nullable(),
      percent_used: percent,
      window_start: t.iso,
      window_end: t.iso,
      resets_at: t.iso.nullable(),
      percent_elapsed: percent,
      pace: z.enum(["ahead", "on_pace", "behind"]).nullable(),
      monthly_cost_usd: t.usd,
      calls: t.count,
      cost_usd: t.usd,
    })),
    budget: z.strictObject({
      monthly_usd: z.number().nullable(),
      billed_usd: t.usd,
      percent_used: percent,
      projected_billed_usd: t.usd,
      projected_percent: percent,
      alerts: z.array(z.strictObject({
        key: z.string(),
        percent: z.number(),
        basis: z.enum(["actual", "projected"]),
        severity: z.enum(["warning", "critical"]),
        message: z.string(),
        at: t.iso,
        new: z.boolean(),
      })),
    }),
  });
}

/** The schemas of the API's responses, by what they describe. */
export type ApiSchemas = ReturnType<typeof build>;

let schemas: ApiSchemas | undefined;

/**
 * The API's response schemas (zod is imported on the first call).
 *
 * @returns a schema per response: status, workers, tasks, costs, alerts, ready, actionResult,
 *   error (and the element schemas worker, task, alert)
 */
export async function apiSchemas(): Promise<ApiSchemas> {
  if (schemas === undefined) schemas = build((await import("zod")).z);
  return schemas;
}
