/**
 * Deterministic fleets for dashboard tests: a FleetSnapshot with realistic worker ids, models,
 * health and state mixes, a scored task queue over three workspaces, alerts, routing decisions,
 * activity lines, costs, plans with quotas and metrics with hourly throughput. The same options
 * always give the same snapshot.
 */
import { ID_WORDS } from "../../src/domain/mod.ts";
import type {
  Bead,
  BeadId,
  FleetSnapshot,
  FleetWorker,
  QueuedBead,
  QueueState,
  Tier,
  WorkerId,
  WorkerState,
} from "../../src/domain/mod.ts";
import { initialModel } from "../../src/dashboard/init.ts";
import type { DashboardModel, Size } from "../../src/dashboard/model.ts";
import { seededRandom } from "../helpers/seeded_random.ts";
import { fixtureActivity, fixtureAlerts, fixtureRouting } from "./_fixture_events.ts";
import { fixtureReports } from "./_fixture_reports.ts";

/**
 * The fixed clock of dashboard tests: Wednesday 25 November 2026, 14:03:27 local time (the
 * dashboard shows local time, so every golden frame reads the same in any time zone; every
 * other instant of the fixture is relative to it).
 */
export const FIXTURE_NOW = new Date(2026, 10, 25, 14, 3, 27).getTime();

/** The three workspaces. */
export const WORKSPACES = [
  "/home/dev/src/api-gateway",
  "/home/dev/src/web-console",
  "/home/dev/src/infra",
];
const PREFIX = ["api", "web", "infra"];

const KINDS: readonly { family: string; model: string; type: string; tier: Tier; plan?: string }[] =
  [
    {
      family: "sonnet",
      model: "claude-sonnet-4-5",
      type: "claude-code",
      tier: "standard",
      plan: "claude-max",
    },
    {
      family: "opus",
      model: "claude-opus-4-1",
      type: "claude-code",
      tier: "premium",
      plan: "claude-max",
    },
    { family: "codex", model: "gpt-5-codex", type: "codex", tier: "standard", plan: "chatgpt-pro" },
    { family: "haiku", model: "claude-haiku-4-5", type: "claude-code", tier: "budget" },
    { family: "glm", model: "glm-4.6", type: "opencode", tier: "budget", plan: "glm-coding" },
    { family: "sim", model: "sim-fast", type: "sim", tier: "free" },
  ];
const STATES: readonly WorkerState[] = [
  "active",
  "active",
  "idle",
  "active",
  "starting",
  "active",
  "paused",
  "active",
  "idle",
  "stopped",
  "active",
  "failed",
];
const TITLES = [
  "Fix race in claim lock when two workers start together",
  "Add --json output to forge costs",
  "Retry launcher spawn with backoff on EAGAIN",
  "Dashboard: keep selection when the queue reorders",
  "Parse Codex JSON events for token usage",
  "Rotate forge.log at 10 MB and keep five files",
  "Explain routing tier in forge tasks --explain",
  "Migrate usage table to nano-dollar integers",
  "Status page: server-sent events reconnect after sleep",
  "Detect truncated JSONL logs and resume from offset",
  "Support bead-rs checkpoints with sha256 verification",
  "Release bead when worker exits without closing it",
  "Park plan until reset after a usage-limit message",
  "Add workspace filter to the HTTP API",
  "Document the launcher protocol with a worked example",
  "Budget alert at 80% of the monthly limit",
  "Show p95 task duration per model",
  "Cycle detection in parent-child dependencies",
];

/** Options of fixtureSnapshot(). */
export interface FixtureOptions {
  readonly workers?: number;
  readonly beads?: number;
  readonly now?: number;
  /** Title of bead `i` (hostile-text tests). */
  readonly title?: (i: number) => string;
  readonly overrides?: Partial<FleetSnapshot>;
}

function workerId(i: number): string {
  const kind = KINDS[i % KINDS.length]!;
  const round = Math.floor(i / ID_WORDS.length);
  return `${kind.family}-${ID_WORDS[i % ID_WORDS.length]}${round === 0 ? "" : `-${round + 1}`}`;
}

function beadId(i: number): BeadId {
  return `${PREFIX[i % 3]}-${(i * 7919 + 1296).toString(36)}` as BeadId;
}

function workers(n: number, now: number, rng: () => number): FleetWorker[] {
  return Array.from({ length: n }, (_, i): FleetWorker => {
    const kind = KINDS[i % KINDS.length]!;
    const state = STATES[i % STATES.length]!;
    const active = state === "active";
    const health = state === "stopped" || state === "failed"
      ? "dead"
      : i % 12 === 5
      ? "stuck"
      : i % 12 === 3
      ? "degraded"
      : "healthy";
    const reason = health === "stuck"
      ? `no activity on ${beadId(i)} for 34 min`
      : health === "degraded"
      ? "no activity for 16 min"
      : health === "dead"
      ? (state === "failed" ? "failed" : "stopped")
      : undefined;
    const id = workerId(i) as WorkerId;
    const startedAt = now - Math.floor(rng() * 5 * 3_600_000) - 60_000;
    return {
      view: {
        id,
        status: {
          workerId: id,
          state,
          model: kind.model,
          workspace: WORKSPACES[i % 3],
          pid: 40_000 + i,
          startedAt,
          lastActivity: now -
            (health === "stuck"
              ? 34 * 60_000
              : health === "degraded"
              ? 16 * 60_000
              : (i * 7 % 50) * 1000 + 2000),
          currentTask: active ? beadId(i) : undefined,
          tasksCompleted: Math.floor(rng() * 20),
          pausedAt: state === "paused" ? now - 600_000 : undefined,
          pauseReason: state === "paused" ? "paused from the dashboard" : undefined,
          stoppedAt: state === "stopped" ? now - 900_000 : undefined,
          error: undefined,
          raw: {},
        },
        liveness: health === "dead" ? "dead" : "alive",
        health,
        healthReason: reason,
        uptimeMs: health === "dead" ? undefined : now - startedAt,
      },
      workerType: kind.type,
      tier: kind.tier,
      plan: kind.plan,
      workspace: WORKSPACES[i % 3],
      costTodayUsd: Math.round(rng() * 900) / 100,
    };
  });
}

function queueState(i: number, n: number, inProgress: number): QueueState {
  if (i < inProgress) return "in_progress";
  const f = (i - inProgress) / Math.max(1, n - inProgress);
  return f < 0.45 ? "ready" : f < 0.93 ? "blocked" : "deferred";
}

function beads(
  n: number,
  opts: { now: number; fleet: FleetWorker[]; title?: (i: number) => string },
): QueuedBead[] {
  const rng = seededRandom(n * 31 + 7);
  const busy = opts.fleet.filter((w) => w.view.status.currentTask !== undefined);
  const inProgress = Math.min(busy.length, n);
  const out = Array.from({ length: n }, (_, k): QueuedBead => {
    const i = k < inProgress ? opts.fleet.indexOf(busy[k]!) : k + 100;
    const state = queueState(k, n, inProgress);
    const priority = Math.floor(rng() * 5);
    const unblocked = Math.floor(rng() * 4);
    const ageDays = Math.floor(rng() * 9);
    const urgent = rng() < 0.1 ? ["urgent"] : [];
    const parts = {
      priority: [40, 30, 20, 10, 5][priority]!,
      unblocks: Math.min(30, 10 * unblocked),
      age: Math.min(20, 3 * ageDays),
      urgent: urgent.length * 10,
    };
    const total = Math.min(100, parts.priority + parts.unblocks + parts.age + parts.urgent);
    const id = beadId(i);
    const blocker = beadId(i + 3);
    const assignee = state === "in_progress" ? busy[k]!.view.id : undefined;
    const bead: Bead = {
      id,
      title: opts.title?.(k) ?? TITLES[i % TITLES.length]!,
      description:
        "Two workers that start in the same tick can both see the bead as ready.\nClaim under the workspace lock, then re-read and verify the assignee before spawning.",
      status: state === "in_progress" ? "in_progress" : state === "deferred" ? "deferred" : "open",
      priority,
      issueType: ["bug", "feature", "task", "chore"][i % 4]!,
      labels: [...urgent, ["api", "ui", "db", "cli"][i % 4]!],
      assignee,
      dependencies: state === "blocked" ? [{ target: blocker, type: "blocks" }] : [],
      createdAt: opts.now - ageDays * 86_400_000 - 3_600_000,
      updatedAt: opts.now - 3 * 3_600_000,
      closedAt: undefined,
      deferUntil: state === "deferred" ? opts.now + 6 * 86_400_000 : undefined,
      pinned: false,
      ephemeral: false,
    };
    const reason = state === "in_progress"
      ? `assigned to ${assignee}`
      : state === "blocked"
      ? `blocked by ${blocker} (open)`
      : state === "deferred"
      ? "deferred until 2026-12-01"
      : "ready";
    return {
      bead,
      workspace: WORKSPACES[i % 3]!,
      state,
      score: { total, ...parts, unblockedCount: unblocked, ageDays, urgentLabels: urgent },
      blockers: state === "blocked" ? [{ id: blocker, status: "open", via: "blocks" }] : [],
      cycle: undefined,
      reason,
    };
  });
  const rank = { in_progress: 0, ready: 1, blocked: 2, deferred: 3, closed: 4, not_work: 5 };
  return out.sort((a, b) => rank[a.state] - rank[b.state] || b.score.total - a.score.total);
}

/**
 * A snapshot of a busy fleet.
 *
 * @param options sizes, clock, bead titles and overrides
 * @returns the snapshot
 */
export function fixtureSnapshot(options: FixtureOptions = {}): FleetSnapshot {
  const now = options.now ?? FIXTURE_NOW;
  const fleet = workers(options.workers ?? 12, now, seededRandom(42));
  const tasks = beads(options.beads ?? 60, {
    now,
    fleet,
    ...(options.title ? { title: options.title } : {}),
  });
  const count = (s: QueueState) => tasks.filter((q) => q.state === s).length;
  return {
    at: now,
    version: "0.1.0",
    home: "/home/dev/.forge",
    role: "orchestrator",
    engine: { running: true, pid: 4242, maxWorkers: 16, stopping: false },
    workspaces: WORKSPACES,
    workers: fleet,
    tasks,
    counts: {
      ready: count("ready"),
      inProgress: count("in_progress"),
      blocked: count("blocked"),
      deferred: count("deferred"),
    },
    parked: [{ name: "claude-max", until: now + 56 * 60_000 + 33_000 }],
    ...fixtureReports(now),
    alerts: fixtureAlerts(now, fleet),
    routing: fixtureRouting(now, tasks),
    activity: fixtureActivity(now, fleet, tasks),
    problems: [],
    ...options.overrides,
  };
}

/**
 * A model showing a snapshot at a size.
 *
 * @param snapshot the snapshot (undefined: still loading)
 * @param size terminal size
 * @param overrides model fields to set
 * @returns the model
 */
export function fixtureModel(
  snapshot: FleetSnapshot | undefined,
  size: Size,
  overrides: Partial<DashboardModel> = {},
): DashboardModel {
  const base = initialModel({
    size,
    now: snapshot?.at ?? FIXTURE_NOW,
    readOnly: false,
    defaultWorker: "claude-code",
  });
  return { ...base, snapshot, ...overrides };
}
