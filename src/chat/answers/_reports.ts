/**
 * Answers from the snapshot's reports: task metrics of the last 24 hours, alerts, and the
 * subscription plans' usage against their limits (with parked plans).
 */
import type { FleetSnapshot, MetricsFigures, PlanUsageReport } from "../../domain/mod.ts";
import {
  alertJson,
  formatAgo,
  formatCompact,
  formatCount,
  formatPercent,
  formatSpan,
  formatUsd,
  toIso,
} from "../../domain/mod.ts";
import { clean, cleanData, count, type QueryAnswer, table } from "./_text.ts";

/**
 * Success rate, durations and throughput of the last 24 hours, in total and per model.
 *
 * @param snapshot the fleet
 * @returns the answer
 */
export function answerMetrics(snapshot: FleetSnapshot): QueryAnswer {
  const m = snapshot.metrics;
  if (m === undefined) {
    return {
      message: "Metrics are not available yet: the store has not been read.",
      lines: [],
      data: null,
    };
  }
  const t = m.total;
  const finished = t.tasks_completed + t.tasks_failed;
  const message = finished === 0
    ? "No task finished in the last 24 hours."
    : `In the last 24 hours ${
      count(t.tasks_completed, "task")
    } completed and ${t.tasks_failed} failed (${formatPercent(rate(t))} success)${durations(t)}, ${
      throughput(t)
    } completed an hour.`;
  const rows = [...m.models, { model: "all models", ...t }].map((r) => [
    clean(r.model, 30),
    formatCount(r.tasks_completed),
    formatCount(r.tasks_failed),
    formatPercent(rate(r)),
    formatSpan(r.duration?.p50_ms),
    formatSpan(r.duration?.p95_ms),
    throughput(r),
    r.cost_per_task_usd === null ? "-" : formatUsd(r.cost_per_task_usd),
  ]);
  return {
    message,
    lines: m.models.length === 0
      ? []
      : table(["MODEL", "DONE", "FAILED", "SUCCESS", "P50", "P95", "PER HOUR", "$/TASK"], rows),
    data: cleanData(m),
  };
}

function rate(f: MetricsFigures): number | null {
  return f.success_rate === null ? null : f.success_rate * 100;
}

function durations(f: MetricsFigures): string {
  const d = f.duration;
  return d === null ? "" : `; p50 ${formatSpan(d.p50_ms)}, p95 ${formatSpan(d.p95_ms)}`;
}

function throughput(f: MetricsFigures): string {
  const perHour = f.throughput_per_hour;
  // Below one a tenth an hour, one decimal says 0.0: two significant digits say how slow.
  return perHour > 0 && perHour < 0.1 ? perHour.toPrecision(2) : perHour.toFixed(1);
}

/**
 * Open alerts (or every recent one, acknowledged too), newest first.
 *
 * @param all include acknowledged alerts
 * @param snapshot the fleet
 * @returns the answer
 */
export function answerAlerts(all: boolean, snapshot: FleetSnapshot): QueryAnswer {
  const alerts = snapshot.alerts.filter((a) => all || !a.acknowledged);
  const bySeverity = (["critical", "warning", "info"] as const).flatMap((s) => {
    const n = alerts.filter((a) => a.severity === s).length;
    return n === 0 ? [] : [s === "warning" ? count(n, s) : `${n} ${s}`];
  });
  const open = alerts.filter((a) => !a.acknowledged).length;
  const message = alerts.length === 0
    ? all ? "No recent alerts." : "No open alerts."
    : all
    ? `${count(alerts.length, "recent alert")} (${bySeverity.join(", ")}); ${open} still open.`
    : `${count(alerts.length, "open alert")}: ${bySeverity.join(", ")}.`;
  const rows = alerts.map((a) => [
    `#${a.id}`,
    a.severity,
    formatAgo(a.at, snapshot.at),
    ...(all ? [a.acknowledged ? "acked" : "open"] : []),
    clean(a.subject, 24),
    clean(a.message, 60),
  ]);
  const header = ["ID", "SEVERITY", "AGE", ...(all ? ["STATE"] : []), "SUBJECT", "MESSAGE"];
  return {
    message,
    lines: alerts.length === 0 ? [] : table(header, rows),
    data: cleanData(alerts.map(alertJson)),
  };
}

/**
 * The subscription plans: usage against limits, time passed, pace and resets; parked plans.
 *
 * @param snapshot the fleet
 * @returns the answer
 */
export function answerSubscriptions(snapshot: FleetSnapshot): QueryAnswer {
  const plans = snapshot.plans;
  const now = snapshot.at;
  const parked = snapshot.parked.filter((p) => p.until > now);
  const parkedText = parked.map((p) => `${clean(p.name, 30)} for ${formatSpan(p.until - now)}`);
  const fullest = plans.filter((p) => p.percent_used !== null)
    .sort((a, b) => (b.percent_used ?? 0) - (a.percent_used ?? 0))[0];
  const message = plans.length === 0
    ? "No subscription plans are configured (subscriptions: in config.yaml)."
    : `${count(plans.length, "plan")}${
      fullest === undefined
        ? ""
        : `; the fullest is ${clean(fullest.name, 30)} at ${
          formatPercent(fullest.percent_used)
        } of its ${amount(fullest, fullest.limit ?? 0)}${
          fullest.pace === "ahead" ? ", ahead of pace" : ""
        }`
    }${parked.length === 0 ? "" : `; parked: ${parkedText.join(", ")}`}.`;
  const rows = plans.map((p) => [
    clean(p.name, 30),
    amount(p, p.used),
    p.limit === null ? "-" : amount(p, p.limit),
    formatPercent(p.percent_used),
    formatPercent(p.percent_elapsed),
    p.pace?.replace("_", " ") ?? "-",
    p.resets_at === null ? "rolling" : `in ${formatSpan(Date.parse(p.resets_at) - now)}`,
  ]);
  return {
    message,
    lines: plans.length === 0
      ? []
      : table(["PLAN", "USED", "LIMIT", "USE", "TIME", "PACE", "RESETS"], rows),
    data: cleanData({
      plans,
      parked: parked.map((p) => ({ name: p.name, until: toIso(p.until) })),
    }),
  };
}

function amount(p: PlanUsageReport, n: number): string {
  switch (p.unit) {
    case "tokens":
      return `${formatCompact(n)} tokens`;
    case "requests":
    case "messages":
      return `${formatCount(n)} ${p.unit}`;
    case "unlimited":
      return formatCount(n);
  }
}
