/**
 * Pausing, resuming and killing workers. Pause is cooperative (the status file says `paused`; a
 * worker finishes its bead and waits), optionally hard (SIGSTOP of the process group). Kill ends
 * the tmux session and the process group, marks the status file `stopped` and puts the bead back.
 */
import { join } from "node:path";
import type { WorkerStatus, WorkerView } from "../domain/mod.ts";
import { NotFoundError, toBeadId, toIso, UsageError } from "../domain/mod.ts";
import { listWorkers, Tmux, updateStatusFile } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** Which workers an action targets. */
export type WorkerSelection = { readonly kind: "ids"; readonly ids: readonly string[] } | {
  readonly kind: "all";
};

/** What happened to one worker. */
export interface ControlOutcome {
  readonly workerId: string;
  readonly result: "done" | "skipped" | "failed";
  readonly message: string;
}

async function select(ctx: ActionContext, selection: WorkerSelection): Promise<WorkerView[]> {
  const workers = await listWorkers(ctx);
  if (selection.kind === "all") return workers;
  if (selection.ids.length === 0) {
    throw new UsageError("Cannot act on no workers: name worker ids or use --all");
  }
  return selection.ids.map((id) => {
    const found = workers.find((w) => w.id === id);
    if (found === undefined) {
      throw new NotFoundError(
        `Cannot find worker "${id}": no status file in ${ctx.layout.status}`,
        { hint: "run `forge workers -a` to list them" },
      );
    }
    return found;
  });
}

function statusFile(ctx: ActionContext, status: WorkerStatus): string {
  return join(ctx.layout.status, `${status.workerId}.json`);
}

/**
 * Pauses or resumes workers.
 *
 * @param ctx the action context
 * @param options the verb, the selection, SIGSTOP/SIGCONT too, and a reason
 * @returns one outcome per selected worker
 */
export async function pauseOrResume(
  ctx: ActionContext,
  options: {
    readonly verb: "pause" | "resume";
    readonly selection: WorkerSelection;
    readonly hard: boolean;
    readonly reason: string | undefined;
  },
): Promise<ControlOutcome[]> {
  const outcomes: ControlOutcome[] = [];
  for (const w of await select(ctx, options.selection)) {
    const s = w.status;
    const skip = (message: string) => outcomes.push({ workerId: w.id, result: "skipped", message });
    if (w.liveness !== "alive" || s.state === "stopped" || s.state === "failed") {
      skip("not running");
      continue;
    }
    if (s.state === "error") {
      skip(`status file unreadable (${s.error})`);
      continue;
    }
    if (options.verb === "pause" ? s.state === "paused" : s.state !== "paused") {
      skip(options.verb === "pause" ? "already paused" : "not paused");
      continue;
    }
    try {
      const now = ctx.clock.now();
      const patch = options.verb === "pause"
        ? {
          status: "paused",
          paused_at: toIso(now),
          pause_reason: options.reason ?? `paused by ${ctx.actor.who}`,
        }
        : { status: "idle", paused_at: null, pause_reason: null };
      await updateStatusFile(ctx.fs, statusFile(ctx, s), { patch, now });
      const problem = options.hard && s.pid !== undefined
        ? await hardSignal(ctx, w.id, s.pid, options.verb === "pause" ? "SIGSTOP" : "SIGCONT")
        : undefined;
      if (problem !== undefined) {
        outcomes.push({ workerId: w.id, result: "failed", message: problem });
        continue;
      }
      outcomes.push({
        workerId: w.id,
        result: "done",
        message: options.verb === "pause" ? "paused" : "resumed",
      });
      await ctx.audit({
        actor: ctx.actor,
        action: options.verb,
        target: w.id,
        outcome: "ok",
        details: { hard: options.hard },
      });
    } catch (error) {
      outcomes.push({ workerId: w.id, result: "failed", message: (error as Error).message });
    }
  }
  return outcomes;
}

/**
 * Stops or continues a worker's own process tree. Not its process group: that holds the tmux pane
 * process, and tmux continues a pane process that stops (and with it the whole group).
 *
 * @returns why it could not, or undefined
 */
async function hardSignal(
  ctx: ActionContext,
  id: string,
  pid: number,
  signal: "SIGSTOP" | "SIGCONT",
): Promise<string | undefined> {
  if (signal === "SIGSTOP" && await new Tmux(ctx.processes).panePid(id) === pid) {
    return `status file says paused, but pid ${pid} is the tmux pane process, which tmux ` +
      "continues at once: the worker stops after its current task (its launcher should run " +
      "the worker as a child of the pane's shell)";
  }
  return await ctx.processes.kill(pid, { signal, tree: true })
    ? undefined
    : `status file updated, but no ${signal} sent: pid ${pid} is gone`;
}

/**
 * Kills workers and puts their beads back.
 *
 * @param ctx the action context
 * @param selection which workers (all: every live one)
 * @returns one outcome per worker
 */
export async function killWorkers(
  ctx: ActionContext,
  selection: WorkerSelection,
): Promise<ControlOutcome[]> {
  const targets = (await select(ctx, selection)).filter((w) =>
    selection.kind === "ids" || w.liveness === "alive"
  );
  return await Promise.all(targets.map((w) => killOne(ctx, w)));
}

async function killOne(ctx: ActionContext, w: WorkerView): Promise<ControlOutcome> {
  const tmux = new Tmux(ctx.processes);
  const s = w.status;
  const wasAlive = w.liveness === "alive";
  try {
    await tmux.killSession(w.id);
    if (s.pid !== undefined && await ctx.processes.isAlive(s.pid)) {
      // The pid leads its own group (a detached worker) or sits in its tmux pane's group (the
      // built-in launchers): reach both its group and its tree.
      const pid = s.pid;
      const signal = async (name: string) => {
        await ctx.processes.kill(pid, { signal: name, tree: true });
        await ctx.processes.kill(pid, { signal: name, group: true });
      };
      await signal("SIGCONT");
      await signal("SIGTERM");
      if (!await waitGone(ctx, pid, 2_000)) await signal("SIGKILL");
    }
    if (s.state !== "error") {
      const now = ctx.clock.now();
      await updateStatusFile(ctx.fs, statusFile(ctx, s), {
        patch: { status: "stopped", stopped_at: toIso(now), current_task: null },
        now,
      });
    }
    const released = await releaseBead(ctx, s);
    await ctx.audit({
      actor: ctx.actor,
      action: "kill",
      target: w.id,
      outcome: "ok",
      details: { released: released === "" ? null : released },
    });
    const what = wasAlive ? "killed" : "was not running; marked stopped";
    return {
      workerId: w.id,
      result: "done",
      message: released === "" ? what : `${what}; ${released}`,
    };
  } catch (error) {
    return { workerId: w.id, result: "failed", message: (error as Error).message };
  }
}

async function waitGone(ctx: ActionContext, pid: number, ms: number): Promise<boolean> {
  const deadline = ctx.clock.now() + ms;
  while (ctx.clock.now() < deadline) {
    if (!await ctx.processes.isAlive(pid)) return true;
    await ctx.clock.sleep(50);
  }
  return !await ctx.processes.isAlive(pid);
}

/** Puts the worker's bead back; returns what happened, in words ("" when there was no bead). */
async function releaseBead(ctx: ActionContext, s: WorkerStatus): Promise<string> {
  if (s.currentTask === undefined || s.workspace === undefined) return "";
  try {
    const store = await ctx.beadStore(s.workspace);
    const bead = await store.show(toBeadId(s.currentTask));
    if (bead === undefined || bead.status === "closed" || bead.assignee !== s.workerId) return "";
    await store.release(bead.id, { reason: `worker ${s.workerId} was killed` });
    await ctx.audit({
      actor: ctx.actor,
      action: "release",
      target: bead.id,
      outcome: "ok",
      details: { worker: s.workerId },
    });
    return `bead ${bead.id} released`;
  } catch (error) {
    return `could not release bead ${s.currentTask} (${
      (error as Error).message
    }); run: forge bead release ${s.currentTask} --workspace ${s.workspace}`;
  }
}
