/**
 * `forge workers`: every worker with model, status, health, task, uptime and pid.
 */
import type { WorkerView } from "../../domain/mod.ts";
import { formatDuration, workerJson } from "../../domain/mod.ts";
import { listWorkers } from "../../workers/mod.ts";
import type { CliContext } from "../context.ts";
import { formatTable, type Output, type StyleName } from "../output.ts";

const HEALTH_STYLE: Readonly<Record<string, StyleName>> = {
  healthy: "green",
  degraded: "yellow",
  stuck: "magenta",
  dead: "red",
};

function row(out: Output, w: WorkerView): string[] {
  const s = w.status;
  const health = w.healthReason === undefined ? w.health : `${w.health} (${w.healthReason})`;
  return [
    w.id,
    s.model ?? "-",
    s.state === "error" ? `error: ${s.error ?? ""}` : s.state,
    out.style(HEALTH_STYLE[w.health] ?? "gray", health),
    s.currentTask ?? "-",
    w.uptimeMs === undefined ? "-" : formatDuration(w.uptimeMs),
    s.pid === undefined ? "-" : String(s.pid),
  ];
}

/**
 * Runs `forge workers`.
 *
 * @param ctx the CLI context
 * @param input `all` includes stopped and failed workers
 * @returns exit code 0
 */
export async function runWorkers(
  ctx: CliContext,
  input: { readonly all: boolean },
): Promise<number> {
  const views = await listWorkers(ctx);
  const shown = input.all
    ? views
    : views.filter((w) => w.liveness === "alive" || w.status.state === "error");
  if (ctx.globals.json) {
    ctx.out.printJson(shown.map(workerJson));
    return 0;
  }
  if (shown.length === 0) {
    const hidden = views.length - shown.length;
    ctx.out.print(
      hidden > 0
        ? `No running workers (${hidden} stopped; see forge workers --all).`
        : "No workers. Start one with: forge spawn --worker sim",
    );
    return 0;
  }
  for (
    const line of formatTable(
      ["ID", "MODEL", "STATUS", "HEALTH", "TASK", "UPTIME", "PID"],
      shown.map((w) => row(ctx.out, w)),
    )
  ) {
    ctx.out.print(line);
  }
  return 0;
}
