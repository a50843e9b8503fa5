/**
 * `forge demo`: the orchestrator on a throw-away home and workspace (sample beads, simulated
 * workers on three tiers, two plans, a budget), shown in the dashboard until the user quits (in a
 * terminal; piped, a plain live view until Ctrl+C) — or, with `--until-done`, until every bead is
 * closed — then workers are stopped and everything is removed (unless `--keep`). `--serve` adds
 * the status page (`--serve 127.0.0.1:0 --json` off a terminal: the address as one JSON line on
 * stdout instead of the live view).
 */
import { join } from "node:path";
import { type ActionContext, killWorkers, runOrchestrator } from "../../actions/mod.ts";
import type { ActivityLine } from "../../domain/mod.ts";
import { ForgeError, homeLayout } from "../../domain/mod.ts";
import type { EngineState } from "../../orchestrator/mod.ts";
import { loadConfig } from "../../config/mod.ts";
import { systemRandom, watchPaths } from "../../platform/mod.ts";
import { Tmux } from "../../workers/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { describeEffect } from "../engine_log.ts";
import { DEMO_WORKERS, demoBeadsJsonl, demoConfigYaml } from "./_demo_data.ts";
import { renderLive } from "./_live_view.ts";
import { runDashboardSession } from "./_dashboard_session.ts";
import { planServe, serveBeside } from "./_serve_beside.ts";
import type { ServeSession } from "./_serve_session.ts";

/** Flags of `forge demo`. */
export interface DemoInput {
  readonly keep: boolean;
  readonly beads: string;
  readonly untilDone?: boolean;
  /** `--serve [host:]port`: true without an address. */
  readonly serve?: string | true | undefined;
}

async function prepare(
  ctx: CliContext,
  beads: number,
): Promise<{ root: string; demo: CliContext; workspace: string }> {
  const root = await ctx.fs.makeTempDir("forge_demo_");
  const home = join(root, "home");
  const workspace = join(root, "workspace");
  const layout = homeLayout(home);
  for (const dir of [join(workspace, ".beads"), layout.workers]) await ctx.fs.mkdirp(dir);
  await ctx.fs.writeTextFile(
    join(workspace, ".beads", "issues.jsonl"),
    demoBeadsJsonl(ctx.clock.now(), beads),
  );
  await ctx.fs.writeTextFile(layout.config, demoConfigYaml(), { mode: 0o600 });
  for (const [name, text] of Object.entries(DEMO_WORKERS)) {
    await ctx.fs.writeTextFile(join(layout.workers, `${name}.yaml`), text);
  }
  const loaded = loadConfig({
    fs: ctx.fs,
    env: ctx.env,
    cwd: workspace,
    home,
    explicitPath: layout.config,
  });
  return { root, workspace, demo: { ...ctx, home, layout, cwd: workspace, config: () => loaded } };
}

/**
 * Runs the demo.
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
  const serve = planServe(ctx, input.serve);
  const { root, demo, workspace } = await prepare(ctx, Math.max(2, Number(input.beads) || 30));
  const actions = await createActionContext(demo);
  if (ctx.out.isTty && Deno.stdin.isTerminal()) {
    try {
      await runDashboardSession(demo, actions, {
        workspaces: [workspace],
        observe: false,
        ...(input.untilDone === true ? { doneWhen: allDone } : {}),
        ...(serve === undefined ? {} : { serve }),
        afterEngine: async () => {},
      });
    } finally {
      await cleanUp(ctx, { actions, root, keep: input.keep });
    }
    return 0;
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  const events: string[] = [];
  const activity: ActivityLine[] = [];
  let latest: EngineState | undefined;
  // With --json stdout carries JSON only (the server's address line), not the live view.
  const live = !ctx.globals.json;
  const timer = setInterval(() => {
    if (live) void renderLive(demo, { state: latest, events, root });
  }, 1000);
  let server: ServeSession | undefined;
  try {
    if (serve !== undefined) {
      server = await serveBeside(demo, actions, {
        plan: serve,
        role: "orchestrator",
        workspaces: [workspace],
        engine: () => latest,
        engineLines: () => activity,
      });
    }
    await runOrchestrator(actions, {
      workspaces: [workspace],
      random: systemRandom,
      watch: watchPaths,
      pid: ctx.runtime.pid,
      signal: stop.signal,
      rescanMs: 2_000,
      onState: (state, effects) => {
        latest = state;
        for (const e of effects) {
          const line = describeEffect(e);
          if (line !== undefined && e.kind !== "route") {
            const at = ctx.clock.now();
            events.push(`${new Date(at).toISOString().slice(11, 19)} ${line}`);
            activity.push({ at, level: "info", source: "forge", message: line });
          }
        }
        if (events.length > 200) events.splice(0, events.length - 200);
        if (activity.length > 200) activity.splice(0, activity.length - 200);
        if (input.untilDone === true && allDone(state)) stop.abort();
      },
    });
    if (live) await renderLive(demo, { state: latest, events, root });
    if (live && latest !== undefined && allDone(latest)) ctx.out.print("\nEvery bead is closed.");
  } finally {
    clearInterval(timer);
    await server?.stop();
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
    await cleanUp(ctx, { actions, root, keep: input.keep });
  }
  return 0;
}

/** Stops the demo's workers and removes its folder (unless kept). */
async function cleanUp(
  ctx: CliContext,
  demo: { readonly actions: ActionContext; readonly root: string; readonly keep: boolean },
): Promise<void> {
  await killWorkers(demo.actions, { kind: "all" });
  if (demo.keep) ctx.out.info(`kept ${demo.root}`);
  else await ctx.fs.remove(demo.root, { recursive: true }).catch(() => {});
}

function allDone(state: EngineState): boolean {
  if (state.workers.size > 0) return false;
  for (const q of state.queues.values()) {
    if (q.beads.some((b) => b.state === "ready" || b.state === "in_progress")) return false;
  }
  return state.queues.size > 0;
}
