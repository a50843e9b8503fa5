/**
 * "Why is bd-12 waiting?": where a bead stands — ready with its score and rank, waiting on its
 * blockers, a cycle, a deferral or an assignee, or in progress on a worker — with each score
 * component (as `forge tasks --explain` lists them) and the engine's latest routing decision.
 */
import type { FleetRouting, FleetSnapshot, FleetWorker, QueuedBead } from "../../domain/mod.ts";
import { formatAgo, formatSpan, queuedBeadJson, suggestKey, toIso } from "../../domain/mod.ts";
import { clean, cleanData, type QueryAnswer } from "./_text.ts";

const PRIORITY_NAMES = ["critical", "high", "medium", "low", "backlog"];

/** Ids listed as near misses at most. */
const NEAR_SHOWN = 3;

/**
 * Explains one bead.
 *
 * @param bead the id asked about (untrusted text)
 * @param snapshot the fleet
 * @returns the answer; for an unknown id, one naming near ids
 */
export function answerExplain(bead: string, snapshot: FleetSnapshot): QueryAnswer {
  const wanted = bead.trim();
  const q = snapshot.tasks.find((t) => t.bead.id === wanted) ??
    snapshot.tasks.find((t) => t.bead.id.toLowerCase() === wanted.toLowerCase());
  if (q === undefined) return unknownBead(wanted, snapshot);
  const id = clean(q.bead.id, 40);
  const worker = snapshot.workers.find((w) =>
    w.view.status.currentTask === q.bead.id && w.view.liveness !== "dead"
  );
  const routing = snapshot.routing.find((r) =>
    r.beadId === q.bead.id && r.workspace === q.workspace
  );
  const now = snapshot.at;
  const lines = [
    `${id}  ${clean(q.bead.title, 60)}`,
    row("workspace", clean(q.workspace, 60)),
    row("state", q.state.replace("_", " ")),
    ...scoreLines(q),
    ...waitLines(q),
    ...(worker === undefined ? [] : [row("worker", workerText(worker, now))]),
    ...(routing === undefined ? [] : [row("routing", routingText(routing, now))]),
  ];
  return {
    message: sentence(q, { id, worker, routing, snapshot }),
    lines,
    data: cleanData({
      bead: queuedBeadJson(q),
      worker: worker === undefined ? null : worker.view.id,
      routing: routing === undefined ? null : routingJson(routing),
    }),
  };
}

function sentence(
  q: QueuedBead,
  o: {
    readonly id: string;
    readonly worker: FleetWorker | undefined;
    readonly routing: FleetRouting | undefined;
    readonly snapshot: FleetSnapshot;
  },
): string {
  const { id, worker, routing } = o;
  switch (q.state) {
    case "ready": {
      const ready = o.snapshot.tasks.filter((t) => t.state === "ready");
      const rank = ready.indexOf(q) + 1;
      const place = `ready with score ${q.score.total}, ${rank} of ${ready.length} in line`;
      return routing?.outcome === "waiting"
        ? `${id} is ${place}; the engine last held it back: ${clean(routing.reason, 120)}.`
        : `${id} is ${place}; it starts when a worker is free.`;
    }
    case "in_progress":
      return worker === undefined
        ? `${id} is in progress (${clean(q.reason, 80)}), but no live worker reports it.`
        : `${id} is in progress on ${workerText(worker, o.snapshot.at)}.`;
    case "blocked":
    case "deferred":
    case "not_work":
    case "closed":
      return `${id} waits: ${clean(q.reason, 160)}.`;
  }
}

function scoreLines(q: QueuedBead): string[] {
  const s = q.score;
  const n = s.unblockedCount;
  const sum = s.priority + s.unblocks + s.age + s.urgent;
  const p = q.bead.priority;
  return [
    points("priority", s.priority, `P${p} (${PRIORITY_NAMES[p] ?? "medium"})`),
    points(
      "unblocks",
      s.unblocks,
      n === 1 ? "1 open bead waits on it" : `${n} open beads wait on it`,
    ),
    points("age", s.age, `${s.ageDays} day${s.ageDays === 1 ? "" : "s"} since created`),
    points(
      "urgent",
      s.urgent,
      s.urgentLabels.length === 0
        ? "no urgent label"
        : `label ${clean(s.urgentLabels.join(", "), 40)}`,
    ),
    points("score", s.total, sum > s.total ? "capped" : ""),
  ];
}

function waitLines(q: QueuedBead): string[] {
  if (q.state === "ready") return [];
  const lines = [row("why", clean(q.reason, 70))];
  for (const b of q.blockers.slice(0, 4)) {
    lines.push(row("blocker", `${clean(b.id, 30)} (${clean(b.status, 20)}, ${clean(b.via, 20)})`));
  }
  if (q.blockers.length > 4) lines.push(row("", `… ${q.blockers.length - 4} more blockers`));
  if (q.cycle !== undefined) {
    lines.push(row("cycle", clean([...q.cycle, q.cycle[0] ?? ""].join(" → "), 70)));
  }
  if (q.bead.deferUntil !== undefined) {
    lines.push(row("deferred", `until ${toIso(q.bead.deferUntil).slice(0, 16).replace("T", " ")}`));
  }
  if (q.bead.assignee !== undefined && q.state !== "in_progress") {
    lines.push(row("assignee", clean(q.bead.assignee, 40)));
  }
  return lines;
}

function workerText(w: FleetWorker, now: number): string {
  const s = w.view.status;
  const since = s.startedAt === undefined ? "" : `, ${formatSpan(now - s.startedAt)}`;
  return `${clean(w.view.id, 40)} (${clean(s.model ?? "unknown model", 30)}, ${s.state}${since})`;
}

function routingText(r: FleetRouting, now: number): string {
  const to = r.outcome === "assigned"
    ? `assigned${r.model === undefined ? "" : ` to ${clean(r.model, 30)}`}${
      r.plan === undefined ? "" : ` on ${clean(r.plan, 20)}`
    }`
    : "held back";
  const ago = formatAgo(r.at, now);
  return `${ago === "now" ? "just now" : `${ago} ago`}: ${to}, ${clean(r.reason, 60)}`;
}

function routingJson(r: FleetRouting): Record<string, unknown> {
  return {
    at: toIso(r.at),
    outcome: r.outcome,
    score: r.score,
    tier: r.tier ?? null,
    model: r.model ?? null,
    plan: r.plan ?? null,
    reason: r.reason,
  };
}

function unknownBead(wanted: string, snapshot: FleetSnapshot): QueryAnswer {
  const ids = snapshot.tasks.map((t) => t.bead.id);
  const lower = wanted.toLowerCase();
  const near = [
    ...new Set([
      suggestKey(wanted, ids),
      ...ids.filter((id) => lower.length >= 2 && id.toLowerCase().includes(lower)),
    ].filter((id): id is string => id !== undefined)),
  ].slice(0, NEAR_SHOWN).map((id) => clean(id, 40));
  const hint = near.length === 0 ? "" : `; did you mean ${near.join(", ")}?`;
  return {
    message: `No bead "${clean(wanted, 60)}" in the queue (closed beads and epics are not in it)${
      hint === "" ? "." : hint
    }`,
    lines: [],
    data: { bead: clean(wanted, 200), near },
  };
}

function row(name: string, text: string): string {
  return `  ${name.padEnd(9)} ${text}`.trimEnd();
}

function points(name: string, value: number, why: string): string {
  return `  ${name.padEnd(9)} ${String(value).padStart(3)}  ${why}`.trimEnd();
}
