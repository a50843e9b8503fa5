/**
 * Checking what a plan proposes: every call against the catalog, at most MAX_CALLS of them and
 * one request's worth of spawned workers, a workspace-scoped `all` expanded into its workers,
 * and FORGE's confirmation policy applied (a backend's own request for confirmation can only add
 * one).
 */
import type { ActionRequest, FleetSnapshot } from "../domain/mod.ts";
import { confirmationFor, MAX_SPAWN } from "../domain/mod.ts";
import type { ProposedCall } from "./chat_types.ts";
import {
  type ChatDeps,
  type ChatPlan,
  MAX_CALLS,
  type PlannedStep,
  type RejectedCall,
} from "./chat_plan.ts";
import { matchWorkspaces } from "./fleet_text.ts";
import { checkCall, type CheckedCall } from "./tool_catalog.ts";

/**
 * Checks a plan's proposed calls.
 *
 * @param deps the session (settings, cost estimates, workspaces)
 * @param snapshot the fleet now
 * @param proposed the calls
 * @param backendAsks whether the backend asked for confirmation
 * @returns the steps, the rejected calls and the one question to ask
 */
export async function checkCalls(
  deps: ChatDeps,
  snapshot: FleetSnapshot,
  proposed: readonly ProposedCall[],
  backendAsks: boolean,
): Promise<Pick<ChatPlan, "steps" | "rejected" | "confirmation">> {
  const steps: PlannedStep[] = [];
  const rejected: RejectedCall[] = [];
  let spawned = 0;
  for (const [index, p] of proposed.entries()) {
    if (index >= MAX_CALLS) {
      rejected.push({ ...p, message: `more than ${MAX_CALLS} calls in one reply: not run` });
      continue;
    }
    const checked = await checkCall(p);
    if (!checked.ok) {
      rejected.push({
        id: checked.id,
        tool: checked.tool,
        arguments: p.arguments,
        message: checked.message,
      });
      continue;
    }
    const call = checked.call;
    if (call.effect.kind !== "action") {
      steps.push({ call, requests: [], confirmation: undefined });
      continue;
    }
    const request = call.effect.request;
    if (request.kind === "spawn") {
      spawned += request.count;
      if (spawned > MAX_SPAWN) {
        rejected.push({
          id: call.id,
          tool: call.tool,
          arguments: call.arguments,
          message: `one request may spawn at most ${MAX_SPAWN} workers: not run`,
        });
        continue;
      }
    }
    steps.push(await planAction(deps, snapshot, call, request, backendAsks));
  }
  const asking = steps.flatMap((s) => s.confirmation === undefined ? [] : [s.confirmation]);
  const confirmation = asking.length === 0 ? undefined : asking.length === 1 ? asking[0] : {
    title: `${asking.length} changes need your confirmation`,
    message: asking.map((c) => c.title).join(" "),
  };
  return { steps, rejected, confirmation };
}

async function planAction(
  deps: ChatDeps,
  snapshot: FleetSnapshot,
  call: CheckedCall,
  request: ActionRequest,
  backendAsks: boolean,
): Promise<PlannedStep> {
  const scope = call.effect.kind === "action" ? call.effect.scope : undefined;
  const requests = scope !== undefined && "target" in request && request.target === "all"
    ? workersOf(snapshot, scope.workspace, deps.workspaces).map((id) => ({
      ...request,
      target: id,
    }))
    : [request];
  const estimate = request.kind === "spawn"
    ? await deps.data.estimateSpawnCostUsd(request.worker, request.count).catch(() => undefined)
    : undefined;
  let confirmation = confirmationFor(request, {
    estimatedCostUsd: estimate,
    costThresholdUsd: deps.settings.confirm_cost_usd,
  });
  if (confirmation === undefined && requests.length > 1) {
    confirmation = {
      title: `${capitalise(request.kind)} ${requests.length} workers of ${scope?.workspace}?`,
      message: requests.map((r) => "target" in r ? r.target : "").join(", "),
    };
  }
  if (confirmation === undefined && backendAsks) {
    confirmation = {
      title: `Run ${call.tool}?`,
      message: "The chat backend asked for confirmation.",
    };
  }
  return { call, requests, confirmation };
}

/** Ids of the workers of a workspace given by path, folder or configured name. */
function workersOf(
  snapshot: FleetSnapshot,
  workspace: string,
  known: ChatDeps["workspaces"],
): string[] {
  const paths = matchWorkspaces(workspace, {
    known: snapshot.workers.flatMap((w) => w.workspace ?? []),
    names: known,
  });
  return snapshot.workers.filter((w) => w.workspace !== undefined && paths.has(w.workspace))
    .map((w) => w.view.id);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
