/**
 * The workers section: states and health in a line, then one row per worker (health, id, model,
 * state, bead, uptime, cost today, workspace, and why it is not healthy), capped.
 */
import { HEALTHY_STATES, WORKER_STATES } from "../../domain/mod.ts";
import type { FleetSnapshot, FleetWorker } from "../../domain/mod.ts";
import { baseName, count, duration, usd } from "./_format.ts";
import { type Html, markup } from "./_html.ts";
import { badge, empty, more, scrollTable, section, toned } from "./_parts.ts";
import { healthBadge, stateTone } from "./_symbols.ts";

/** Rows shown at most: a fleet's history of ended workers can be long. */
const MAX_WORKER_ROWS = 100;

const COLUMNS = [
  { title: "Health" },
  { title: "Worker" },
  { title: "Model" },
  { title: "State" },
  { title: "Bead" },
  { title: "Uptime", num: true },
  { title: "Today", num: true },
  { title: "Workspace" },
  { title: "Note" },
];

function tally(workers: readonly FleetWorker[]): Html {
  const states = new Map<string, number>();
  const health = new Map<string, number>();
  for (const w of workers) {
    states.set(w.view.status.state, (states.get(w.view.status.state) ?? 0) + 1);
    health.set(w.view.health, (health.get(w.view.health) ?? 0) + 1);
  }
  const items: Html[] = [];
  for (const s of WORKER_STATES) {
    const n = states.get(s);
    if (n === undefined) continue;
    items.push(markup`<li data-count="${s}">${toned(stateTone(s), `${n} ${s}`)}</li>`);
  }
  for (const h of ["healthy", "degraded", "stuck", "dead"] as const) {
    const n = health.get(h);
    if (n === undefined) continue;
    const [glyph, , tone] = healthBadge(h);
    items.push(markup`<li data-count="${h}">${badge([glyph, `${n} ${h}`, tone])}</li>`);
  }
  return markup`<ul class="tally">${items}</ul>
`;
}

function row(w: FleetWorker): Html {
  const s = w.view.status;
  const note = w.view.healthReason ?? (s.state === "paused" ? s.pauseReason : undefined) ??
    s.error ?? "";
  const noteTone = w.view.health === "healthy" ? "muted" : "warn";
  const workspace = w.workspace === undefined ? "-" : baseName(w.workspace);
  return markup`<tr data-worker="${w.view.id}" data-state="${s.state}" data-health="${w.view.health}">
<td data-field="health">${badge(healthBadge(w.view.health))}</td>
<th scope="row" data-field="id">${w.view.id}</th>
<td data-field="model">${s.model ?? w.workerType ?? "-"}</td>
<td data-field="state" class="${stateTone(s.state)}">${s.state}</td>
<td data-field="bead">${s.currentTask ?? "-"}</td>
<td data-field="uptime" class="num">${duration(w.view.uptimeMs)}</td>
<td data-field="cost-today" class="num">${usd(w.costTodayUsd)}</td>
<td data-field="workspace">${workspace}</td>
<td data-field="note" class="wrap ${noteTone}">${note}</td>
</tr>
`;
}

/**
 * The workers section.
 *
 * @param snapshot the fleet
 * @returns markup
 */
export function workersSection(snapshot: FleetSnapshot): Html {
  const workers = snapshot.workers;
  const live = workers.filter((w) => HEALTHY_STATES.has(w.view.status.state)).length;
  const max = snapshot.engine.maxWorkers;
  const note = `${count(live)} live${max === undefined ? "" : ` · max ${max}`}`;
  if (workers.length === 0) {
    const how = "the orchestrator starts them when beads are ready, or run forge spawn";
    return section("workers", "Workers", note, empty("No workers yet", how));
  }
  const shown = workers.slice(0, MAX_WORKER_ROWS);
  return section("workers", "Workers", note, [
    tally(workers),
    scrollTable("workers", COLUMNS, shown.map(row)),
    more("workers", workers.length - shown.length, "more workers"),
  ]);
}
