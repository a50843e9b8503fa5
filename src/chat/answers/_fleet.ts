/**
 * Answers about workers and the task queue: who runs, who waits, which beads are next, filtered
 * by state, priority and workspace, as the dashboard's lists would show them.
 */
import type { FleetSnapshot, FleetWorker, QueuedBead } from "../../domain/mod.ts";
import { formatSpan, HEALTHY_STATES, queuedBeadJson, workerJson } from "../../domain/mod.ts";
import type { ChatQuery } from "../tool_catalog.ts";
import {
  clean,
  cleanData,
  count,
  folderOf,
  inWorkspaces,
  matchWorkspaces,
  noSuchWorkspace,
  type QueryAnswer,
  table,
  type WorkspaceName,
} from "./_text.ts";

type WorkersQuery = Extract<ChatQuery, { kind: "workers" }>;
type TasksQuery = Extract<ChatQuery, { kind: "tasks" }>;

const WORKER_KEPT: Readonly<Record<WorkersQuery["state"], (w: FleetWorker) => boolean>> = {
  all: () => true,
  active: (w) => w.view.status.state === "active",
  idle: (w) => w.view.status.state === "idle",
  paused: (w) => w.view.status.state === "paused",
  // As the dashboard's header counts them: running workers in trouble, unreadable status files.
  unhealthy: (w) =>
    (HEALTHY_STATES.has(w.view.status.state) && w.view.health !== "healthy") ||
    w.view.status.state === "error",
};

const TASK_KEPT: Readonly<Record<TasksQuery["state"], (q: QueuedBead) => boolean>> = {
  ready: (q) => q.state === "ready",
  waiting: (q) => q.state === "blocked" || q.state === "deferred",
  in_progress: (q) => q.state === "in_progress",
  all: () => true,
};

const ORDER: Readonly<Record<TasksQuery["state"], string>> = {
  ready: ", best score first",
  waiting: "",
  in_progress: "",
  all: ": in progress first, then ready by score, then waiting",
};

/** The workspace filter: undefined without one, the matching paths, or the answer for none. */
function workspaceFilter(
  wanted: string | undefined,
  o: { readonly snapshot: FleetSnapshot; readonly names: readonly WorkspaceName[] },
): Set<string> | QueryAnswer | undefined {
  if (wanted === undefined) return undefined;
  const s = o.snapshot;
  const known = new Set([
    ...s.workspaces,
    ...s.workers.flatMap((w) => w.workspace ?? []),
    ...s.tasks.map((q) => q.workspace),
  ]);
  const paths = matchWorkspaces(wanted, { known, names: o.names });
  return paths.size === 0 ? noSuchWorkspace(wanted, known) : paths;
}

/**
 * Lists workers of one state (or all), optionally of one workspace.
 *
 * @param q the query
 * @param o the snapshot and the configured workspace names
 * @returns the answer
 */
export function answerWorkers(
  q: WorkersQuery,
  o: { readonly snapshot: FleetSnapshot; readonly names: readonly WorkspaceName[] },
): QueryAnswer {
  const where = workspaceFilter(q.workspace, o);
  if (where !== undefined && !(where instanceof Set)) return where;
  const all = o.snapshot.workers;
  const kept = all.filter((w) =>
    WORKER_KEPT[q.state](w) && (where === undefined || where.has(w.workspace ?? ""))
  );
  const label = q.state === "all" ? "" : `${q.state} `;
  const place = inWorkspaces(where);
  const message = all.length === 0
    ? "No workers yet: none has a status file."
    : kept.length === 0
    ? `No ${label}workers${place} (${count(all.length, "worker")} in all).`
    : `${count(kept.length, `${label}worker`)}${place}${
      q.state === "all" ? `: ${stateSummary(kept)}` : `, of ${all.length} in all`
    }.`;
  const rows = kept.map((w) => {
    const v = w.view;
    const health = v.health === "healthy"
      ? v.health
      : `${v.health}${v.healthReason === undefined ? "" : `: ${clean(v.healthReason, 28)}`}`;
    return [
      clean(v.id, 40),
      v.status.state,
      health,
      clean(v.status.model ?? "-", 28),
      clean(folderOf(w.workspace), 24),
      clean(v.status.currentTask ?? "-", 24),
      // Only a live worker has an uptime; an ended one shows "-".
      formatSpan(v.uptimeMs),
    ];
  });
  return {
    message,
    lines: kept.length === 0
      ? []
      : table(["WORKER", "STATE", "HEALTH", "MODEL", "WORKSPACE", "BEAD", "UP"], rows),
    data: cleanData(kept.map((w) => ({
      ...workerJson(w.view),
      worker_type: w.workerType ?? null,
      tier: w.tier ?? null,
      plan: w.plan ?? null,
      cost_today_usd: w.costTodayUsd,
    }))),
  };
}

function stateSummary(workers: readonly FleetWorker[]): string {
  const byState = new Map<string, number>();
  for (const w of workers) {
    byState.set(w.view.status.state, (byState.get(w.view.status.state) ?? 0) + 1);
  }
  const sick = workers.filter(WORKER_KEPT.unhealthy).length;
  const parts = [...byState].map(([state, n]) => `${n} ${state}`);
  return `${parts.join(", ")}${sick === 0 ? "" : `; ${sick} unhealthy`}`;
}

/**
 * Lists beads of the queue in its order (in progress, ready by score, then waiting), filtered by
 * state, priority and workspace, at most `limit`.
 *
 * @param q the query
 * @param o the snapshot and the configured workspace names
 * @returns the answer
 */
export function answerTasks(
  q: TasksQuery,
  o: { readonly snapshot: FleetSnapshot; readonly names: readonly WorkspaceName[] },
): QueryAnswer {
  const where = workspaceFilter(q.workspace, o);
  if (where !== undefined && !(where instanceof Set)) return where;
  const kept = o.snapshot.tasks.filter((t) =>
    TASK_KEPT[q.state](t) && (q.priority === undefined || t.bead.priority === q.priority) &&
    (where === undefined || where.has(t.workspace))
  );
  const shown = kept.slice(0, Math.max(0, q.limit));
  const label = `${q.state === "all" ? "" : `${q.state.replace("_", " ")} `}${
    q.priority === undefined ? "" : `P${q.priority} `
  }`;
  const place = inWorkspaces(where);
  const message = kept.length === 0
    ? `No ${label}beads${place} (${queueSummary(o.snapshot)}).`
    : `${shown.length < kept.length ? `The first ${shown.length} of ` : ""}${
      count(kept.length, `${label}bead`)
    }${place}${ORDER[q.state]}.`;
  const several = new Set(shown.map((t) => t.workspace)).size > 1;
  const rows = shown.map((t) => [
    clean(t.bead.id, 24),
    `P${t.bead.priority}`,
    String(t.score.total),
    t.state,
    ...(several ? [clean(folderOf(t.workspace), 20)] : []),
    clean(t.bead.title, 40),
    t.state === "ready" ? "" : clean(t.reason, 40),
  ]);
  const header = ["BEAD", "P", "SCORE", "STATE", ...(several ? ["WORKSPACE"] : []), "TITLE"];
  return {
    message,
    lines: shown.length === 0 ? [] : table([...header, "WHY"], rows),
    data: cleanData(shown.map(queuedBeadJson)),
  };
}

function queueSummary(s: FleetSnapshot): string {
  const c = s.counts;
  const waiting = c.blocked + c.deferred;
  return `${c.ready} ready, ${c.inProgress} in progress, ${waiting} waiting`;
}
