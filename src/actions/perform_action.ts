/**
 * Performs an action request from the dashboard, chat or the HTTP API through the same actions
 * the CLI uses, audited under the interface it came through, and answers in one sentence. The
 * request is checked before anything runs, and nothing here throws: an interface only shows the
 * result.
 */
import { resolve } from "node:path";
import type { ActionRequest, ActionResult, Interface } from "../domain/mod.ts";
import { toBeadId } from "../domain/mod.ts";
import { readBeads } from "../beads/mod.ts";
import { Store } from "../store/mod.ts";
import { loadWorkerConfigs, readSomeStatuses, statusFileIds } from "../workers/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { ackAlerts } from "./ack_alerts.ts";
import { assignBead } from "./assign_bead.ts";
import { killWorkers, pauseOrResume } from "./control_workers.ts";
import { ingestLogs } from "./ingest_logs.ts";
import { setLimits } from "./set_limits.ts";
import { spawnWorkers } from "./spawn_workers.ts";
import { checkActionRequest } from "./_action_request_schema.ts";
import {
  ackResult,
  assignResult,
  controlResult,
  failureMessage,
  limitsResult,
  result,
  spawnResult,
  unknownWorker,
} from "./_action_messages.ts";

/** Where a request came from, and what it may use. */
export interface PerformOptions {
  /** The interface recorded in the audit trail. */
  readonly interface: Exclude<Interface, "cli">;
  /** An open store for assign and ack; otherwise the database is opened for the request. */
  readonly store?: Store;
  /** Where assign looks for the bead (default: the configured workspaces, then the cwd). */
  readonly workspaces?: readonly string[];
}

/**
 * Performs a request. `assign` names the bead and, as `worker`, a worker config or a worker (its
 * model is used), a model, or `auto` (routing chooses); it always starts a new worker, as
 * `forge assign` does, since a worker takes its one bead when it starts. `spawn` runs in
 * `workspace` (relative to the working directory), else the working directory. `limits` edits
 * the configuration file; processes already running (an orchestrator, this one) keep the
 * configuration they loaded.
 *
 * @param ctx the action context
 * @param request what the user asked for (checked here: it may come from a model or the network)
 * @param options the interface, and optionally an open store and the workspaces served
 * @returns whether it worked, in one sentence
 */
export async function performAction(
  ctx: ActionContext,
  request: ActionRequest,
  options: PerformOptions,
): Promise<ActionResult> {
  try {
    const checked = await checkActionRequest(request);
    if (!checked.ok) return result(false, checked.message);
    const actx: ActionContext = { ...ctx, actor: { ...ctx.actor, via: options.interface } };
    return await perform(actx, checked.request, options);
  } catch (error) {
    return result(false, failureMessage(error));
  }
}

async function perform(
  ctx: ActionContext,
  r: ActionRequest,
  options: PerformOptions,
): Promise<ActionResult> {
  switch (r.kind) {
    case "spawn": {
      const outcomes = await spawnWorkers(ctx, {
        worker: r.worker,
        launcher: undefined,
        model: undefined,
        count: r.count,
        workspace: resolve(ctx.cwd, r.workspace ?? "."),
        beadId: undefined,
      });
      return spawnResult(outcomes);
    }
    case "kill":
    case "pause":
    case "resume": {
      if (r.target !== "all") {
        const known = await statusFileIds(ctx);
        if (!known.includes(r.target)) return unknownWorker(r.kind, r.target, known);
      }
      const selection = r.target === "all"
        ? { kind: "all" as const }
        : { kind: "ids" as const, ids: [r.target] };
      const outcomes = r.kind === "kill"
        ? await killWorkers(ctx, selection)
        : await pauseOrResume(ctx, { verb: r.kind, selection, hard: false, reason: undefined });
      return controlResult(r.kind, outcomes);
    }
    case "assign":
      return await assign(ctx, r, options);
    case "ack":
      return await withStore(ctx, options, async (store) =>
        ackResult(
          await ackAlerts(
            { ...ctx, store },
            r.alert === "all" ? { kind: "all" } : { kind: "ids", ids: [r.alert] },
          ),
        ));
    case "limits":
      return limitsResult(await setLimits(ctx, r));
    default: {
      const unreachable: never = r;
      return result(false, `Cannot perform ${JSON.stringify(unreachable)}: not an action`);
    }
  }
}

async function assign(
  ctx: ActionContext,
  r: Extract<ActionRequest, { kind: "assign" }>,
  options: PerformOptions,
): Promise<ActionResult> {
  const { model, like } = await modelFor(ctx, r.worker);
  const candidates = options.workspaces ?? defaultWorkspaces(ctx);
  const workspace = await workspaceOf(ctx, { bead: r.bead, candidates });
  if (workspace === undefined) {
    return result(
      false,
      `assign ${r.bead}: no such bead in ${candidates.join(", ") || "any workspace"}`,
    );
  }
  return await withStore(ctx, options, async (store) => {
    // Plan usage decides the route: bring it up to date, as `forge assign` does. A failure
    // here only makes the figures older; the assignment goes on.
    await ingestLogs({ ...ctx, store }).catch(() => undefined);
    const outcome = await assignBead({ ...ctx, store }, {
      beadId: toBeadId(r.bead),
      workspace,
      model,
      force: false,
    });
    return assignResult(outcome, like);
  });
}

/**
 * The model a request's `worker` stands for: a worker config's, or a worker's (a running worker
 * cannot take a second bead: a new one starts on its model), or the text itself as a model name.
 * Undefined lets routing choose.
 */
async function modelFor(
  ctx: ActionContext,
  worker: string,
): Promise<{ readonly model: string | undefined; readonly like?: string }> {
  if (worker === "auto") return { model: undefined };
  const config = (await loadWorkerConfigs(ctx)).entries.get(worker)?.config;
  if (config !== undefined) return { model: config.model };
  if ((await statusFileIds(ctx)).includes(worker)) {
    const [status] = await readSomeStatuses(ctx, [worker]);
    return { model: status?.model, like: worker };
  }
  return { model: worker };
}

function defaultWorkspaces(ctx: ActionContext): string[] {
  const configured = ctx.config.workspaces.filter((w) => w.enabled).map((w) =>
    resolve(ctx.cwd, w.path)
  );
  return [...new Set([...configured, resolve(ctx.cwd)])];
}

async function workspaceOf(
  ctx: ActionContext,
  o: { readonly bead: string; readonly candidates: readonly string[] },
): Promise<string | undefined> {
  for (const ws of o.candidates) {
    try {
      const snapshot = await readBeads(ws, { fs: ctx.fs, clock: ctx.clock });
      if (snapshot.beads.some((b) => b.id === o.bead)) return ws;
    } catch {
      // An unreadable workspace cannot be shown to hold the bead: look in the next one.
    }
  }
  return undefined;
}

/** Runs `body` with the lent store, or with the database opened for it and closed after. */
async function withStore(
  ctx: ActionContext,
  options: PerformOptions,
  body: (store: Store) => Promise<ActionResult>,
): Promise<ActionResult> {
  if (options.store !== undefined) return await body(options.store);
  const store = Store.open(ctx.layout.database);
  try {
    return await body(store);
  } finally {
    store.close();
  }
}
