/**
 * The read-only JSON views of the API, from a snapshot and a request's query: the same shapes as
 * the CLI's `--json` (workers, tasks, costs, alerts), each list filtered as its command filters.
 */
import type { FleetSnapshot, QueueState } from "../domain/mod.ts";
import { alertJson, queuedBeadJson, workerJson } from "../domain/mod.ts";
import { json, jsonError } from "./_http.ts";

/** Tasks per page when the query does not say, and at most. */
export const TASK_LIMIT = { default: 100, max: 1_000 } as const;

const QUEUE_STATES: readonly QueueState[] = [
  "ready",
  "in_progress",
  "blocked",
  "deferred",
  "closed",
  "not_work",
];

/**
 * `/api/workers`: running workers and those in error; `all=1` adds stopped and failed ones.
 *
 * @param s the snapshot
 * @param query the request's query
 * @returns the response
 */
export function workersView(s: FleetSnapshot, query: URLSearchParams): Response {
  const all = flag(query, "all");
  if (typeof all !== "boolean") return all;
  const shown = all
    ? s.workers
    : s.workers.filter((w) => w.view.liveness === "alive" || w.view.status.state === "error");
  return json(shown.map((w) => workerJson(w.view)));
}

/**
 * `/api/alerts`: open alerts; `all=1` adds those acknowledged in the last day.
 *
 * @param s the snapshot
 * @param query the request's query
 * @returns the response
 */
export function alertsView(s: FleetSnapshot, query: URLSearchParams): Response {
  const all = flag(query, "all");
  if (typeof all !== "boolean") return all;
  return json(s.alerts.filter((a) => all || !a.acknowledged).map(alertJson));
}

/**
 * `/api/costs`: today, week, month, projection, plans and budget, as `forge costs --json`.
 *
 * @param s the snapshot
 * @returns the response; 503 before the store was first read
 */
export function costsView(s: FleetSnapshot): Response {
  if (s.costs !== undefined) return json(s.costs);
  const why = s.problems.find((p) => p.startsWith("store:")) ?? "the store was not read yet";
  return jsonError(503, `costs are not known yet: ${why}`, { headers: { "Retry-After": "5" } });
}

/**
 * `/api/tasks`: the queue, in the snapshot's order. Query: `state` (one or more, comma
 * separated), `workspace` (its path or folder name), `limit` (default 100, at most 1,000) and
 * `offset`. The number of matching tasks is in `X-Total-Count`.
 *
 * @param s the snapshot
 * @param query the request's query
 * @returns the response
 */
export function tasksView(s: FleetSnapshot, query: URLSearchParams): Response {
  const states = query.get("state")?.split(",").map((t) => t.trim()).filter((t) => t !== "");
  const unknown = states?.find((t) => !(QUEUE_STATES as readonly string[]).includes(t));
  if (unknown !== undefined) {
    return badQuery("state", `expected one of ${QUEUE_STATES.join(", ")}, found "${unknown}"`);
  }
  const limit = whole(query, "limit", {
    min: 1,
    max: TASK_LIMIT.max,
    fallback: TASK_LIMIT.default,
  });
  if (typeof limit !== "number") return limit;
  const offset = whole(query, "offset", { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
  if (typeof offset !== "number") return offset;
  const workspace = query.get("workspace");
  const wanted = states === undefined || states.length === 0 ? undefined : new Set(states);
  const matching = s.tasks.filter((q) =>
    (wanted === undefined || wanted.has(q.state)) &&
    (workspace === null || q.workspace === workspace || folderName(q.workspace) === workspace)
  );
  return json(matching.slice(offset, offset + limit).map(queuedBeadJson), {
    headers: { "X-Total-Count": String(matching.length) },
  });
}

function flag(query: URLSearchParams, name: string): boolean | Response {
  const value = query.get(name);
  if (value === null || value === "0" || value === "false") return false;
  if (value === "" || value === "1" || value === "true") return true;
  return badQuery(name, `expected 1, true, 0 or false, found "${value.slice(0, 40)}"`);
}

function whole(
  query: URLSearchParams,
  name: string,
  range: { readonly min: number; readonly max: number; readonly fallback: number },
): number | Response {
  const value = query.get(name);
  if (value === null) return range.fallback;
  const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n) && n >= range.min && n <= range.max) return n;
  const bound = range.max === Number.MAX_SAFE_INTEGER
    ? `at least ${range.min}`
    : `from ${range.min} to ${range.max}`;
  return badQuery(name, `expected a whole number ${bound}, found "${value.slice(0, 40)}"`);
}

function badQuery(field: string, why: string): Response {
  return jsonError(400, `${field}: ${why}`, { details: { field } });
}

function folderName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
