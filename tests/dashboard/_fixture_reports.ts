/**
 * The report parts of the dashboard's fixture fleet: costs today / week / month with a budget
 * projection, cost by model, cost and completed tasks per hour, plans with quotas, and metrics
 * per model. Fixed figures, so golden frames stay put.
 */
import type {
  CostPeriodReport,
  FleetSnapshot,
  MetricsFigures,
  PlanUsageReport,
} from "../../src/domain/mod.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tasks completed per hour over the last 24 hours, oldest first. */
export const HOURLY = [
  3,
  2,
  1,
  0,
  0,
  1,
  2,
  4,
  7,
  9,
  11,
  12,
  10,
  9,
  11,
  13,
  12,
  10,
  8,
  7,
  6,
  5,
  4,
  6,
];

function period(since: string, until: string, scale: number): CostPeriodReport {
  const cost = Math.round(scale * 100) / 100;
  const billed = Math.round(scale * 31) / 100;
  return {
    since,
    until,
    calls: Math.round(scale * 96),
    tokens: {
      input: scale * 41_000,
      output: scale * 9_000,
      cache_read: scale * 160_000,
      cache_write: scale * 12_000,
      total: scale * 222_000,
    },
    cost_usd: cost,
    cost_nanos: cost * 1e9,
    billed_usd: billed,
    billed_nanos: billed * 1e9,
  };
}

function plans(now: number): PlanUsageReport[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    {
      name: "claude-max",
      unit: "messages",
      used: 812,
      limit: 900,
      percent_used: 90.2,
      window_start: iso(now - 4 * 3_600_000),
      window_end: iso(now + 3_600_000),
      resets_at: null,
      percent_elapsed: null,
      pace: null,
      monthly_cost_usd: 200,
      calls: 812,
      cost_usd: 96.4,
    },
    {
      name: "chatgpt-pro",
      unit: "requests",
      used: 4_410,
      limit: 6_000,
      percent_used: 73.5,
      window_start: iso(now - 24 * DAY - 14 * HOUR),
      window_end: iso(now + 5 * DAY + 9 * HOUR + 56 * MINUTE),
      resets_at: iso(now + 5 * DAY + 9 * HOUR + 56 * MINUTE),
      percent_elapsed: 80.3,
      pace: "on_pace",
      monthly_cost_usd: 200,
      calls: 4_410,
      cost_usd: 61.2,
    },
    {
      name: "glm-coding",
      unit: "tokens",
      used: 31_200_000,
      limit: 120_000_000,
      percent_used: 26,
      window_start: iso(now - 10 * DAY - 14 * HOUR),
      window_end: iso(now + 19 * DAY + 9 * HOUR + 56 * MINUTE),
      resets_at: iso(now + 19 * DAY + 9 * HOUR + 56 * MINUTE),
      percent_elapsed: 35.1,
      pace: "behind",
      monthly_cost_usd: 15,
      calls: 2_204,
      cost_usd: 18.75,
    },
    {
      name: "local-ollama",
      unit: "unlimited",
      used: 1_380,
      limit: null,
      percent_used: null,
      window_start: iso(now - 24 * DAY - 14 * HOUR),
      window_end: iso(now + 5 * DAY + 9 * HOUR + 56 * MINUTE),
      resets_at: null,
      percent_elapsed: null,
      pace: null,
      monthly_cost_usd: 0,
      calls: 1_380,
      cost_usd: 0,
    },
  ];
}

function figures(
  done: number,
  failed: number,
  hourly: readonly number[],
  now: number,
): MetricsFigures {
  return {
    tasks_completed: done,
    tasks_failed: failed,
    success_rate: done + failed === 0 ? null : done / (done + failed),
    duration: {
      samples: done,
      p50_ms: 252_000 + done * 1000,
      p95_ms: 1_083_000 + done * 3000,
      p99_ms: 1_900_000,
    },
    throughput_per_hour: done / 24,
    hourly: hourly.map((completed, i) => ({
      hour: new Date(now - (23 - i) * 3_600_000).toISOString().slice(0, 13) + ":00:00Z",
      completed,
    })),
    cost_usd: done * 0.41,
    cost_nanos: Math.round(done * 0.41 * 1e9),
    cost_per_task_usd: done === 0 ? null : 0.41 + (failed % 3) * 0.07,
  };
}

/**
 * The snapshot fields that come from reports.
 *
 * @param now the clock
 * @returns costs, cost by model, hourly cost, plans and metrics
 */
export function fixtureReports(
  now: number,
): Pick<FleetSnapshot, "costs" | "costByModel" | "hourlyCostUsd" | "plans" | "metrics"> {
  const hourly = HOURLY;
  const byModel = [
    ["claude-sonnet-4-5", 8.12, 0],
    ["claude-opus-4-1", 5.4, 0],
    ["gpt-5-codex", 2.9, 0],
    ["claude-haiku-4-5", 1.31, 1.31],
    ["glm-4.6", 0.44, 0],
  ] as const;
  const total = figures(148, 9, hourly, now);
  return {
    costs: {
      generated_at: new Date(now).toISOString(),
      today: period("2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z", 18.17),
      week: period("2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z", 61.9),
      month: period("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", 318.4),
      range: null,
      projection: {
        month: "2026-11",
        days_elapsed: 24,
        days_in_month: 30,
        confidence: 1,
        cost_usd: 318.4,
        billed_usd: 98.7,
        billed_nanos: 98.7e9,
        projected_cost_usd: 398,
        projected_billed_usd: 412.8,
        projected_billed_nanos: 412.8e9,
        subscription_fees_usd: 415,
        projected_total_usd: 827.8,
      },
      plans: plans(now),
      budget: {
        monthly_usd: 500,
        billed_usd: 98.7,
        percent_used: 19.7,
        projected_billed_usd: 412.8,
        projected_percent: 82.6,
        alerts: [],
      },
    },
    costByModel: byModel.map(([key, cost, billed], i) => ({
      key,
      calls: 400 - i * 70,
      tokens: {
        input: 0,
        output: 0,
        cache_read: 0,
        cache_write: 0,
        total: Math.round(cost * 410_000),
      },
      cost_usd: cost,
      cost_nanos: cost * 1e9,
      billed_usd: billed,
      billed_nanos: billed * 1e9,
    })),
    hourlyCostUsd: hourly.map((n) => Math.round(n * 9.7) / 100),
    plans: plans(now),
    metrics: {
      generated_at: new Date(now).toISOString(),
      since: new Date(now - 86_400_000).toISOString(),
      until: new Date(now).toISOString(),
      models: [["claude-sonnet-4-5", 71, 3], ["claude-opus-4-1", 22, 1], ["gpt-5-codex", 31, 4], [
        "claude-haiku-4-5",
        24,
        1,
      ]].map(([model, done, failed]) => ({
        model: model as string,
        ...figures(done as number, failed as number, hourly, now),
      })),
      total,
    },
  };
}
