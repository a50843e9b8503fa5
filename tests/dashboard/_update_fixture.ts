/**
 * Small fleets and keys for the dashboard's update tests: build a snapshot from a few workers,
 * tasks, alerts and log lines, press keys, and fold messages through update().
 */
import type {
  ActivityLine,
  Bead,
  BeadId,
  FleetAlert,
  FleetSnapshot,
  FleetWorker,
  QueuedBead,
  WorkerId,
  WorkerState,
} from "../../src/domain/mod.ts";
import { initialModel } from "../../src/dashboard/init.ts";
import type { DashboardModel, Key, Msg, Request } from "../../src/dashboard/model.ts";
import { update } from "../../src/dashboard/update.ts";

/** The clock of every test model. */
export const NOW = 1_700_000_000_000;

/** A worker row. */
export function worker(
  id: string,
  options: { readonly state?: WorkerState; readonly type?: string } = {},
): FleetWorker {
  return {
    view: {
      id: id as WorkerId,
      status: {
        workerId: id as WorkerId,
        state: options.state ?? "active",
        model: "sim-model",
        workspace: "/ws/a",
        pid: 100,
        startedAt: NOW - 60_000,
        lastActivity: NOW,
        currentTask: undefined,
        tasksCompleted: 0,
        pausedAt: undefined,
        pauseReason: undefined,
        stoppedAt: undefined,
        error: undefined,
        raw: {},
      },
      liveness: "alive",
      health: "healthy",
      healthReason: undefined,
      uptimeMs: 60_000,
    },
    workerType: options.type ?? "sim",
    tier: undefined,
    plan: undefined,
    workspace: "/ws/a",
    costTodayUsd: 0,
  };
}

/** A queued bead. */
export function task(
  id: string,
  options: {
    readonly priority?: number;
    readonly workspace?: string;
    readonly title?: string;
    readonly labels?: readonly string[];
  } = {},
): QueuedBead {
  const bead: Bead = {
    id: id as BeadId,
    title: options.title ?? `task ${id}`,
    description: "",
    status: "open",
    priority: options.priority ?? 2,
    issueType: "task",
    labels: options.labels ?? [],
    assignee: undefined,
    dependencies: [],
    createdAt: NOW,
    updatedAt: NOW,
    closedAt: undefined,
    deferUntil: undefined,
    pinned: false,
    ephemeral: false,
  };
  return {
    bead,
    workspace: options.workspace ?? "/ws/a",
    state: "ready",
    score: {
      total: 50,
      priority: 20,
      unblocks: 0,
      age: 0,
      urgent: 0,
      unblockedCount: 0,
      ageDays: 0,
      urgentLabels: [],
    },
    blockers: [],
    cycle: undefined,
    reason: "ready",
  };
}

/** An open alert. */
export function alert(
  id: number,
  options: { readonly severity?: FleetAlert["severity"]; readonly at?: number } = {},
): FleetAlert {
  return {
    id,
    at: options.at ?? NOW - id,
    severity: options.severity ?? "warning",
    kind: "stuck",
    subject: `subject ${id}`,
    message: `alert ${id}`,
    acknowledged: false,
  };
}

/** A log line. */
export function line(
  at: number,
  options: { readonly source?: string; readonly level?: ActivityLine["level"] } = {},
): ActivityLine {
  return {
    at,
    level: options.level ?? "info",
    source: options.source ?? "forge",
    message: `line ${at}`,
  };
}

/** A snapshot with the given parts, empty elsewhere. */
export function snapshot(parts: Partial<FleetSnapshot> = {}): FleetSnapshot {
  return {
    at: NOW,
    version: "0.0.0-test",
    home: "/home/forge",
    role: "orchestrator",
    engine: { running: true, pid: 4242, maxWorkers: 10, stopping: false },
    workspaces: ["/ws/a", "/ws/b"],
    workers: [],
    tasks: [],
    counts: { ready: 0, inProgress: 0, blocked: 0, deferred: 0 },
    parked: [],
    costs: undefined,
    costByModel: [],
    hourlyCostUsd: [],
    plans: [],
    metrics: undefined,
    alerts: [],
    routing: [],
    activity: [],
    problems: [],
    ...parts,
  };
}

/** A fresh model, optionally observing and with a snapshot already shown. */
export function model(
  options: {
    readonly readOnly?: boolean;
    readonly defaultWorker?: string | undefined;
    readonly snapshot?: FleetSnapshot;
  } = {},
): DashboardModel {
  const base = initialModel({
    size: { width: 120, height: 40 },
    now: NOW,
    readOnly: options.readOnly ?? false,
    defaultWorker: "defaultWorker" in options ? options.defaultWorker : "sim",
  });
  return options.snapshot === undefined ? base : { ...base, snapshot: options.snapshot };
}

/** Key messages: `"q"` is the character, `"<enter>"` a named key, `"<ctrl+c>"` with Ctrl. */
export function keys(...names: readonly string[]): Msg[] {
  return names.map((n) => ({ kind: "key", key: toKey(n) }));
}

function toKey(name: string): Key {
  const named = /^<(ctrl\+)?(.+)>$/.exec(name);
  if (named === null) return { kind: "char", char: name };
  const [, ctrl, rest = ""] = named;
  if (ctrl !== undefined) return { kind: "char", char: rest, ctrl: true };
  if (rest === "space") return { kind: "char", char: " " };
  return { kind: rest as "enter" };
}

/** Typing a text, one character each. */
export function typed(text: string): Msg[] {
  return [...text].map((char) => ({ kind: "key", key: { kind: "char", char } }));
}

/** A paste. */
export function paste(text: string): Msg {
  return { kind: "key", key: { kind: "paste", text } };
}

/** Folds messages through update(), collecting every request. */
export function run(
  start: DashboardModel,
  ...msgs: readonly (Msg | readonly Msg[])[]
): { model: DashboardModel; requests: Request[] } {
  let current = start;
  const requests: Request[] = [];
  for (const msg of msgs.flat()) {
    const step = update(current, msg);
    current = step.model;
    requests.push(...step.requests);
  }
  return { model: current, requests };
}
