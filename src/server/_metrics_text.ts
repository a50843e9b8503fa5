/**
 * `/metrics` in the Prometheus text exposition format 0.0.4: gauges of the fleet as the snapshot
 * has it, and month-to-date counters and a task duration histogram from the store's totals.
 */
import type { FleetSnapshot, WorkerState } from "../domain/mod.ts";
import { ALERT_SEVERITIES, queueCountList, redact, WORKER_STATES } from "../domain/mod.ts";
import type { StoreTotals } from "./status_app_deps.ts";

/** Upper bounds (seconds) of the task duration histogram: 5 s to 4 h. */
export const DURATION_BUCKETS: readonly number[] = [
  5,
  15,
  30,
  60,
  120,
  300,
  600,
  900,
  1800,
  3600,
  7200,
  14400,
];

/** The content type of the format. */
export const METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const MONTH = "this calendar month (UTC) so far, from FORGE's store; starts again at 0 on the 1st";

type Labels = Readonly<Record<string, string>>;

class Exposition {
  readonly lines: string[] = [];

  family(name: string, type: "gauge" | "counter" | "histogram", help: string): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  }

  sample(name: string, labels: Labels, value: number): void {
    // Label values (model names, versions) come from files: redacted like any output.
    const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(redact(v))}"`);
    this.lines.push(`${name}${pairs.length === 0 ? "" : `{${pairs.join(",")}}`} ${num(value)}`);
  }
}

/**
 * The metrics page.
 *
 * @param snapshot the fleet now
 * @param totals the store's month-to-date totals; undefined when they could not be read
 * @returns the exposition text
 */
export function metricsText(snapshot: FleetSnapshot, totals: StoreTotals | undefined): string {
  const x = new Exposition();
  fleetGauges(x, snapshot);
  x.family(
    "forge_store_up",
    "gauge",
    "1 when the store's totals could be read for this scrape, else 0",
  );
  x.sample("forge_store_up", {}, totals === undefined ? 0 : 1);
  if (totals !== undefined) storeCounters(x, totals);
  return `${x.lines.join("\n")}\n`;
}

function fleetGauges(x: Exposition, s: FleetSnapshot): void {
  x.family("forge_info", "gauge", "FORGE's version and this process's role (always 1)");
  x.sample("forge_info", { version: s.version, role: s.role }, 1);
  x.family(
    "forge_engine_running",
    "gauge",
    "1 when the orchestrator runs (in this process, or the one this process observes)",
  );
  x.sample("forge_engine_running", {}, s.engine.running ? 1 : 0);
  const states = new Map<WorkerState, number>(WORKER_STATES.map((k) => [k, 0]));
  for (const w of s.workers) {
    states.set(w.view.status.state, (states.get(w.view.status.state) ?? 0) + 1);
  }
  x.family("forge_workers", "gauge", "Workers with a status file, by state");
  for (const [state, n] of states) x.sample("forge_workers", { state }, n);
  x.family("forge_beads", "gauge", "Beads by queue state over every workspace (closed left out)");
  for (const [state, n] of queueCountList(s.counts)) x.sample("forge_beads", { state }, n);
  x.family(
    "forge_workers_unhealthy",
    "gauge",
    "Workers whose health probe failed (degraded, stuck or dead; stopped workers left out), " +
      "by health and reason",
  );
  const failures = new Map<string, { health: string; reason: string; n: number }>();
  for (const w of s.workers) {
    if (w.view.health === "healthy" || w.view.status.state === "stopped") continue;
    const reason = reasonKind(w.view.healthReason);
    const key = `${w.view.health}\u0000${reason}`;
    const entry = failures.get(key) ?? { health: w.view.health, reason, n: 0 };
    entry.n++;
    failures.set(key, entry);
  }
  for (const f of failures.values()) {
    x.sample("forge_workers_unhealthy", { health: f.health, reason: f.reason }, f.n);
  }
  x.family("forge_alerts_open", "gauge", "Alerts not yet acknowledged, by severity");
  for (const severity of ALERT_SEVERITIES) {
    const n = s.alerts.filter((a) => !a.acknowledged && a.severity === severity).length;
    x.sample("forge_alerts_open", { severity }, n);
  }
}

function storeCounters(x: Exposition, totals: StoreTotals): void {
  x.family("forge_cost_usd_total", "counter", `List cost of usage by model, ${MONTH}`);
  for (const m of totals.models) {
    x.sample("forge_cost_usd_total", { model: m.model }, m.costNanos / 1e9);
  }
  x.family("forge_tokens_total", "counter", `Tokens by model and kind, ${MONTH}`);
  for (const m of totals.models) {
    const t = m.tokens;
    const kinds = {
      input: t.input,
      output: t.output,
      cache_read: t.cacheRead,
      cache_write: t.cacheWrite,
    };
    for (const [kind, n] of Object.entries(kinds)) {
      x.sample("forge_tokens_total", { model: m.model, kind }, n);
    }
  }
  x.family(
    "forge_task_duration_seconds",
    "histogram",
    `Durations of completed tasks by model, ${MONTH}`,
  );
  for (const m of totals.models) {
    const counts = DURATION_BUCKETS.map(() => 0);
    let sum = 0;
    for (let j = 0; j < m.durationsMs.length; j++) {
      const seconds = (m.durationsMs[j] ?? 0) / 1000;
      sum += seconds;
      const i = DURATION_BUCKETS.findIndex((le) => seconds <= le);
      if (i !== -1) counts[i] = (counts[i] ?? 0) + 1;
    }
    let cumulative = 0;
    for (const [i, le] of DURATION_BUCKETS.entries()) {
      cumulative += counts[i] ?? 0;
      x.sample(
        "forge_task_duration_seconds_bucket",
        { model: m.model, le: String(le) },
        cumulative,
      );
    }
    const n = m.durationsMs.length;
    x.sample("forge_task_duration_seconds_bucket", { model: m.model, le: "+Inf" }, n);
    x.sample("forge_task_duration_seconds_sum", { model: m.model }, sum);
    x.sample("forge_task_duration_seconds_count", { model: m.model }, n);
  }
}

/**
 * A health reason without its numbers and names, so a label has few values: "no activity on
 * bd-3 for 34 min" → "no activity", "memory 5120 MiB" → "memory".
 *
 * @param reason the reason in words
 * @returns its kind
 */
export function reasonKind(reason: string | undefined): string {
  if (reason === undefined) return "unknown";
  const kind = reason.split(/\s(?:on|for)\s|\d/)[0]?.trim().toLowerCase() ?? "";
  return /^[a-z][a-z ]{0,40}$/.test(kind) ? kind : "other";
}

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
}

function num(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
