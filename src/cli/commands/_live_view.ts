/**
 * A plain live text view of the orchestrator (the demo and `forge run --watch` until the
 * dashboard takes over): queue counts, workers, and the latest events.
 */
import type { EngineState } from "../../orchestrator/mod.ts";
import { formatDuration } from "../../domain/mod.ts";
import { listWorkers } from "../../workers/mod.ts";
import type { CliContext } from "../context.ts";
import { formatTable } from "../output.ts";

/**
 * Redraws the view.
 *
 * @param ctx the CLI context (of the demo's home)
 * @param view the latest engine state, recent event lines, and the demo's folder
 */
export async function renderLive(
  ctx: CliContext,
  view: {
    readonly state: EngineState | undefined;
    readonly events: readonly string[];
    readonly root: string;
  },
): Promise<void> {
  const counts = new Map<string, number>();
  for (const q of view.state?.queues.values() ?? []) {
    for (const b of q.beads) counts.set(b.state, (counts.get(b.state) ?? 0) + 1);
  }
  const workers = (await listWorkers(ctx)).filter((w) => w.liveness === "alive");
  const rows = workers.map((w) => [
    w.id,
    w.status.model ?? "-",
    w.status.state,
    w.health,
    w.status.currentTask ?? "-",
    w.uptimeMs === undefined ? "-" : formatDuration(w.uptimeMs),
  ]);
  const lines = [
    `FORGE demo — ${view.root}  (Ctrl+C stops the workers and removes the demo)`,
    "",
    `beads: ${counts.get("ready") ?? 0} ready · ${counts.get("in_progress") ?? 0} in progress · ` +
    `${counts.get("blocked") ?? 0} blocked · parked: ${
      [...(view.state?.parked.keys() ?? [])].join(", ") || "none"
    }`,
    ...waitingLines(view.state),
    "",
    ...formatTable(["WORKER", "MODEL", "STATUS", "HEALTH", "BEAD", "UPTIME"], rows),
    "",
    "recent:",
    ...view.events.slice(-12).map((e) => `  ${e}`),
  ];
  if (ctx.out.isTty) ctx.out.write("\x1b[H\x1b[2J");
  ctx.out.print(lines.join("\n"));
}

/** Why ready beads wait, most common reason first: "waiting: 8 × glm-coding parked …". */
function waitingLines(state: EngineState | undefined): string[] {
  if (state === undefined) return [];
  const busy = new Set([...state.workers.values()].map((w) => `${w.workspace}\u0000${w.beadId}`));
  const byReason = new Map<string, number>();
  for (const q of state.queues.values()) {
    for (const b of q.beads) {
      const key = `${q.workspace}\u0000${b.bead.id}`;
      const reason = state.waitingReasons.get(key);
      if (b.state !== "ready" || busy.has(key) || reason === undefined) continue;
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
  }
  return [...byReason].sort((a, b) => b[1] - a[1]).slice(0, 3)
    .map(([reason, n]) => `waiting: ${n} × ${reason}`);
}
