/**
 * The dashboard and the orchestrator in one process (`forge`, `forge demo`), or the dashboard
 * alone watching another process's orchestrator of the same FORGE home (`forge --observe`, or
 * whenever one already runs). The engine runs on its own; the dashboard reads snapshots and asks
 * for actions, so a slow frame never delays a decision and a crash of either is reported after
 * the terminal is restored. The command line speaks to the same chat session as `forge chat`,
 * over the dashboard's own snapshots.
 */
import {
  type ActionContext,
  createSnapshotSource,
  performAction,
  runningOrchestrator,
  runOrchestrator,
} from "../../actions/mod.ts";
import {
  type ChatDeps,
  type ChatOutcome,
  executePlan,
  matchWorkspaces,
  planChat,
} from "../../chat/mod.ts";
import { type ChatPort, detectColorDepth, runDashboard } from "../../dashboard/mod.ts";
import type { ActivityLevel, ActivityLine, FleetSnapshot } from "../../domain/mod.ts";
import { ForgeError, UsageError } from "../../domain/mod.ts";
import type { EngineState } from "../../orchestrator/mod.ts";
import { createTerminal, systemRandom, watchPaths } from "../../platform/mod.ts";
import { createChatDeps } from "./_chat_deps.ts";
import { watchStatusChanges } from "./_status_watch.ts";
import { type WorkerNames, workerNames } from "./_worker_names.ts";
import type { CliContext } from "../context.ts";
import { describeEffect } from "../engine_log.ts";
import { VERSION } from "../version.ts";
import { serveBeside, type ServePlan } from "./_serve_beside.ts";

/** How to open the dashboard. */
export interface SessionInput {
  readonly workspaces: readonly string[];
  /** Watch only, even when no orchestrator runs. */
  readonly observe: boolean;
  /** Called once the engine stopped, with its final state (the demo cleans up then). */
  readonly afterEngine?: (state: EngineState | undefined) => Promise<void>;
  /** Stop when this returns true for a state (the demo's --until-done). */
  readonly doneWhen?: (state: EngineState) => boolean;
  /** Also serve the status page (`--serve`), checked by planServe(). */
  readonly serve?: ServePlan;
}

/** Engine lines kept for the activity log. */
const ENGINE_LINES = 500;

/**
 * Refuses to draw a full-screen UI on something that is not a terminal.
 *
 * @param ctx the CLI context
 * @throws {UsageError} when stdin or stdout is not a terminal
 */
export function requireTerminal(ctx: CliContext): void {
  if (ctx.out.isTty && Deno.stdin.isTerminal()) return;
  throw new UsageError("The dashboard needs a terminal (stdin and stdout are not one)", {
    hint: "use `forge run` for a headless orchestrator, or `forge workers` / `forge tasks` " +
      "for one-shot views",
  });
}

/**
 * Runs the dashboard (with the orchestrator unless observing) until the user quits.
 *
 * @param ctx the CLI context
 * @param actions the action context of the same home
 * @param input workspaces and mode
 * @returns exit code 0
 */
export async function runDashboardSession(
  ctx: CliContext,
  actions: ActionContext,
  input: SessionInput,
): Promise<number> {
  const other = await runningOrchestrator(actions);
  const observe = input.observe || other !== undefined;
  const lines: ActivityLine[] = [];
  const say = (level: ActivityLevel, message: string) => {
    lines.push({ at: ctx.clock.now(), level, source: "forge", message });
    if (lines.length > ENGINE_LINES) lines.splice(0, lines.length - ENGINE_LINES);
  };
  let latest: EngineState | undefined;
  const source = createSnapshotSource(actions, {
    role: observe ? "observer" : "orchestrator",
    workspaces: input.workspaces,
    version: VERSION,
    engine: () => latest,
    engineLines: () => lines,
    ...(other === undefined ? {} : { orchestratorPid: other }),
  });
  const server = input.serve === undefined ? undefined : await serveBeside(ctx, actions, {
    plan: input.serve,
    role: observe ? "observer" : "orchestrator",
    workspaces: input.workspaces,
    engine: () => latest,
    engineLines: () => lines,
  });
  const dashboardStop = new AbortController();
  const engineStop = new AbortController();
  let wake: (changed?: readonly string[]) => void = () => {};
  let engineFailure: unknown;
  const engine = observe ? Promise.resolve(undefined) : runOrchestrator(actions, {
    workspaces: input.workspaces,
    random: systemRandom,
    watch: watchPaths,
    pid: ctx.runtime.pid,
    signal: engineStop.signal,
    onState: (state, effects) => {
      latest = state;
      for (const e of effects) {
        const line = describeEffect(e);
        if (line !== undefined) say(e.kind === "release" ? "warn" : "info", line);
      }
      if (input.doneWhen?.(state) === true) dashboardStop.abort();
      wake([]);
    },
    onError: (effect, error) => say("error", `${effect.kind} failed: ${(error as Error).message}`),
  }).catch((error) => {
    engineFailure = error;
    dashboardStop.abort();
    return undefined;
  });
  if (observe) {
    say(
      "info",
      other === undefined
        ? "observing: no orchestrator runs on this home"
        : `observing the orchestrator of pid ${other} (read-only)`,
    );
  }
  const watcher = watchStatusChanges(actions.layout, {
    onChange: (changed) => wake(changed),
    signal: dashboardStop.signal,
  });
  try {
    const names = await workerNames(actions);
    await runDashboard({
      terminal: createTerminal(),
      snapshot: (changed) => source.gather(changed),
      perform: (request) => performAction(actions, request, { interface: "tui" }),
      chat: await chatPort(actions, {
        gather: () => source.gather(),
        workspaces: input.workspaces,
        readOnly: observe,
        signal: dashboardStop.signal,
        names,
      }),
      now: () => ctx.clock.now(),
    }, {
      depth: ctx.globals.color ? detectColorDepth(ctx.env.toObject()) : "none",
      readOnly: observe,
      defaultWorker: names.defaultWorker,
      signal: dashboardStop.signal,
      refreshMs: 1000,
      onWake: (w) => wake = w,
    });
  } finally {
    dashboardStop.abort();
    watcher.close();
    engineStop.abort();
    const final = await engine;
    source.close();
    await server?.stop();
    await input.afterEngine?.(final);
    if (final !== undefined && final.workers.size > 0 && input.afterEngine === undefined) {
      const left = [...final.workers.keys()];
      ctx.out.info(
        `left ${left.length} worker${left.length === 1 ? "" : "s"} running (${
          left.join(", ")
        }); the next \`forge\` or \`forge run\` adopts them, \`forge kill --all\` stops them`,
      );
    }
  }
  if (engineFailure !== undefined) throw engineFailure;
  return 0;
}

/**
 * The command line's chat session: surface `tui`, the view the user came from as the backend's
 * context, read-only for an observer. Settings that cannot make a backend leave it without one
 * (the fast path still answers), and the dashboard says why when it opens. A backend request
 * still out when the dashboard closes is stopped with it (a backend command would outlive FORGE).
 */
async function chatPort(
  actions: ActionContext,
  options: {
    readonly gather: () => Promise<FleetSnapshot>;
    readonly workspaces: readonly string[];
    readonly readOnly: boolean;
    readonly signal: AbortSignal;
    readonly names: WorkerNames;
  },
): Promise<ChatPort> {
  let notice: string | undefined;
  const made = await createChatDeps(actions, {
    surface: "tui",
    gather: options.gather,
    workspaces: options.workspaces,
    readOnly: options.readOnly,
    names: options.names,
    onBackendError: (error) => {
      notice = unavailable(error);
    },
  });
  const backend = made.backend;
  const deps: ChatDeps = backend === undefined ? made : {
    ...made,
    backend: {
      name: backend.name,
      ask: (request, signal) =>
        backend.ask(
          request,
          signal === undefined ? options.signal : AbortSignal.any([signal, options.signal]),
        ),
    },
  };
  return {
    plan: (text, view) => planChat({ ...deps, currentView: view }, text),
    execute: async (plan, approved) =>
      withWorkspacePaths(await executePlan(deps, plan, { approved }), deps.workspaces),
    notice,
  };
}

function unavailable(error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  const hint = error instanceof ForgeError && error.hint !== undefined ? `; ${error.hint}` : "";
  return `Chat's backend is unavailable (${why}${hint}): fast-path commands still work`;
}

/** The dashboard filters tasks by workspace path; chat names a workspace as configured. */
function withWorkspacePaths(
  outcome: ChatOutcome,
  known: readonly { readonly path: string; readonly name: string }[],
): ChatOutcome {
  const views = outcome.views.map((v) => {
    const named = v.tasks?.workspace;
    if (v.tasks === undefined || named === undefined) return v;
    const [found] = matchWorkspaces(named, { known: known.map((w) => w.path), names: known });
    return found === undefined ? v : { ...v, tasks: { ...v.tasks, workspace: found } };
  });
  return { ...outcome, views };
}
