/**
 * The event parts of the dashboard's fixture fleet: alerts, routing decisions and activity lines
 * that name the fleet's own workers and beads.
 */
import type {
  ActivityLine,
  FleetAlert,
  FleetRouting,
  FleetWorker,
  QueuedBead,
} from "../../src/domain/mod.ts";

const MESSAGES = [
  ["info", "forge", "routed {bead} → standard (claude-max): score 72, plan under pace"],
  ["info", "{worker}", "tool call: Edit src/beads/claim.ts"],
  ["info", "{worker}", "tests passed (214 steps)"],
  ["debug", "{worker}", "tokens in 18,204 · out 2,113 · cache 120,554"],
  ["info", "forge", "spawned {worker} for {bead} in api-gateway"],
  ["warn", "{worker}", "rate limited: retrying in 20s"],
  ["info", "{worker}", "closed {bead} in 6m12s"],
  ["error", "forge", "launcher for {worker} exited 1: tmux session gone"],
  ["info", "forge", "released {bead}: worker stopped before closing it"],
  ["warn", "forge", "{worker} degraded: no activity for 16 min"],
] as const;

/**
 * Open alerts of every severity (and one acknowledged, which views leave out).
 *
 * @param now the clock
 * @param fleet the workers, to name a dead and a stuck one
 * @returns the alerts
 */
export function fixtureAlerts(now: number, fleet: readonly FleetWorker[]): FleetAlert[] {
  const dead = fleet.find((w) => w.view.status.state === "failed")?.view.id ?? "sonnet-kilo";
  const stuck = fleet.find((w) => w.view.health === "stuck")?.view.id ?? "opus-foxtrot";
  return [
    {
      id: 11,
      at: now - 240_000,
      severity: "critical",
      kind: "worker_dead",
      subject: dead,
      message: `process gone; its bead was released and a restart is due in 40s (attempt 2 of 3)`,
      acknowledged: false,
    },
    {
      id: 10,
      at: now - 2_040_000,
      severity: "warning",
      kind: "worker_stuck",
      subject: stuck,
      message: "no log activity for 34 min on the same bead",
      acknowledged: false,
    },
    {
      id: 9,
      at: now - 5_400_000,
      severity: "warning",
      kind: "budget",
      subject: "2026-11",
      message: "projected pay-per-token spend $412.80 is 83% of the $500.00 monthly budget",
      acknowledged: false,
    },
    {
      id: 8,
      at: now - 3_300_000,
      severity: "info",
      kind: "plan_parked",
      subject: "claude-max",
      message: "usage limit reached; plan parked until 15:00",
      acknowledged: false,
    },
    {
      id: 7,
      at: now - 9_000_000,
      severity: "warning",
      kind: "worker_degraded",
      subject: "haiku-delta",
      message: "memory 4.2 GiB above the 4 GiB limit",
      acknowledged: true,
    },
  ];
}

/**
 * Routing decisions for the first beads of the queue, newest first; every sixth waits.
 *
 * @param now the clock
 * @param tasks the queue
 * @returns the decisions
 */
export function fixtureRouting(now: number, tasks: readonly QueuedBead[]): FleetRouting[] {
  const tiers = ["standard", "premium", "budget", "standard", "free", "budget"] as const;
  const models = [
    "claude-sonnet-4-5",
    "claude-opus-4-1",
    "claude-haiku-4-5",
    "gpt-5-codex",
    "sim-fast",
    "glm-4.6",
  ];
  const plans = ["claude-max", "claude-max", undefined, "chatgpt-pro", undefined, "glm-coding"];
  const reasons = [
    "score 72 → standard; claude-max under pace",
    "label security forces premium",
    "score 38 → budget; pay-per-token within budget",
    "claude-max parked until 15:00; next plan chatgpt-pro",
    "score 12 → free tier",
    "no tier has room: max_workers reached (16)",
  ];
  return Array.from({ length: Math.min(20, tasks.length) }, (_, i): FleetRouting => {
    const q = tasks[i]!;
    const waiting = i % 6 === 5;
    return {
      at: now - i * 47_000 - 5_000,
      beadId: q.bead.id,
      workspace: q.workspace,
      score: q.score.total,
      tier: tiers[i % 6],
      model: waiting ? undefined : models[i % 6],
      plan: waiting ? undefined : plans[i % 6],
      outcome: waiting ? "waiting" : "assigned",
      reason: reasons[i % 6]!,
    };
  });
}

/**
 * 120 activity lines, oldest first, 13 s apart, from FORGE and the workers.
 *
 * @param now the clock
 * @param fleet the workers
 * @param tasks the queue
 * @returns the lines
 */
export function fixtureActivity(
  now: number,
  fleet: readonly FleetWorker[],
  tasks: readonly QueuedBead[],
): ActivityLine[] {
  const n = 120;
  return Array.from({ length: n }, (_, i): ActivityLine => {
    const [level, source, text] = MESSAGES[(i * 7) % MESSAGES.length]!;
    const worker = fleet.length === 0 ? "sim-alpha" : fleet[i % fleet.length]!.view.id;
    const bead = tasks.length === 0 ? "api-1a0" : tasks[i % tasks.length]!.bead.id;
    const fill = (s: string) => s.replace("{worker}", worker).replace("{bead}", bead);
    return { at: now - (n - i) * 13_000, level, source: fill(source), message: fill(text) };
  });
}
