/**
 * `forge demo`: FORGE on a throw-away home and workspace with simulated workers, shown live until
 * Ctrl+C, then everything is stopped and removed (unless `--keep`).
 */
import { join } from "node:path";
import { killWorkers, spawnWorkers } from "../../actions/mod.ts";
import { ForgeError, formatDuration, homeLayout } from "../../domain/mod.ts";
import { listWorkers, Tmux } from "../../workers/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { formatTable } from "../output.ts";

/** Flags of `forge demo`. */
export interface DemoInput {
  readonly keep: boolean;
  readonly workers: string;
}

/**
 * Runs the demo until interrupted.
 *
 * @param ctx the CLI context
 * @param input flags
 * @returns exit code 0
 */
export async function runDemo(ctx: CliContext, input: DemoInput): Promise<number> {
  if (!await new Tmux(ctx.processes).available()) {
    throw new ForgeError("NOT_FOUND", "Cannot run the demo: tmux is not installed", {
      hint: "install it (apt install tmux, brew install tmux)",
    });
  }
  const count = Math.max(1, Math.min(10, Number(input.workers) || 3));
  const root = await ctx.fs.makeTempDir("forge_demo_");
  const home = join(root, "home");
  const workspace = join(root, "workspace");
  await ctx.fs.mkdirp(workspace);
  const demo: CliContext = { ...ctx, home, layout: homeLayout(home) };
  const actions = await createActionContext(demo);
  ctx.out.info(`demo home ${home}, workspace ${workspace}; starting ${count} simulated workers…`);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  try {
    const env = { SIM_WORK_SECONDS: "6", SIM_FAIL_PCT: "10", SIM_IDLE_SECONDS: "2" };
    for (const [k, v] of Object.entries(env)) if (Deno.env.get(k) === undefined) Deno.env.set(k, v);
    await spawnWorkers(actions, {
      worker: "sim",
      launcher: undefined,
      model: undefined,
      count,
      workspace,
      beadId: undefined,
    });
    while (!stop.signal.aborted) {
      await render(demo);
      await ctx.clock.sleep(1_000, stop.signal).catch(() => {});
    }
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
    await killWorkers(actions, { kind: "all" });
    if (input.keep) ctx.out.info(`kept ${root}`);
    else await ctx.fs.remove(root, { recursive: true });
  }
  return 0;
}

async function render(ctx: CliContext): Promise<void> {
  const workers = await listWorkers(ctx);
  const rows = workers.map((w) => [
    w.id,
    w.status.state,
    w.health,
    w.status.currentTask ?? "-",
    String(w.status.tasksCompleted),
    w.uptimeMs === undefined ? "-" : formatDuration(w.uptimeMs),
  ]);
  const lines = formatTable(["WORKER", "STATUS", "HEALTH", "TASK", "DONE", "UPTIME"], rows);
  if (ctx.out.isTty) ctx.out.write("\x1b[H\x1b[2J");
  ctx.out.print(
    `FORGE demo — ${workers.length} simulated workers (Ctrl+C stops them and cleans up)\n`,
  );
  for (const line of lines) ctx.out.print(line);
}
