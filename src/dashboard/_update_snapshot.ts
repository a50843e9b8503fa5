/**
 * Taking in a new snapshot without losing the user's place: a selected worker, task or alert
 * stays selected while it is listed (wherever it moved), a paused log stays on the same line as
 * new lines arrive, and a details overlay closes when its task or alert is gone. A live worker
 * that ends sinks among the ended ones; the selection then stays where it was, among the live
 * workers, instead of scrolling the fleet away after it.
 */
import type { ActivityLine, FleetSnapshot } from "../domain/mod.ts";
import type { DashboardModel, Overlay, ViewName } from "./model.ts";
import { clamp, selectedIndex } from "./_update_selection.ts";
import { visibleAlerts, visibleLogs, visibleTasks, visibleWorkers } from "./select.ts";

type Ids = (model: DashboardModel) => readonly string[];

const workerIds: Ids = (m) => visibleWorkers(m).map((w) => w.view.id);
/** Live workers by id, ended ones under a key no live one matches. */
const liveWorkerIds: Ids = (m) =>
  visibleWorkers(m).map((w) => (w.view.liveness === "alive" ? w.view.id : `\0${w.view.id}`));
const taskIds: Ids = (m) => visibleTasks(m).map((q) => q.bead.id);
const alertIds: Ids = (m) => visibleAlerts(m).map((a) => String(a.id));
/** Routing rows have no id: a row keeps its index (clamped). */
const routingIds: Ids = (m) => (m.snapshot?.routing ?? []).map((_, i) => String(i));

/**
 * Stores a snapshot and carries selections and overlays over to it.
 *
 * @param model the model before
 * @param snapshot the new snapshot
 * @returns the model showing the new snapshot
 */
export function withSnapshot(model: DashboardModel, snapshot: FleetSnapshot): DashboardModel {
  const next: DashboardModel = { ...model, snapshot };
  const selected: Partial<Record<ViewName, number>> = { ...model.selected };
  const follow = (key: ViewName, ids: Ids) => {
    const index = carried(selectedIndex(model, key), { before: ids(model), after: ids(next) });
    if (index !== selectedIndex(model, key)) selected[key] = index;
  };
  const wasLive = visibleWorkers(model)[selectedIndex(model, "workers")]?.view.liveness === "alive";
  follow("workers", wasLive ? liveWorkerIds : workerIds);
  follow("tasks", taskIds);
  follow("alerts", alertIds);
  follow("routing", routingIds);
  const logs = logsIndex(model, next);
  if (logs !== selectedIndex(model, "logs")) selected.logs = logs;
  return { ...next, selected, overlay: carriedOverlay(model, next) };
}

/** Where an index lands: on the same id when it is still listed, else clamped. */
function carried(
  index: number,
  lists: { readonly before: readonly string[]; readonly after: readonly string[] },
): number {
  const id = lists.before[index];
  const found = id === undefined ? -1 : lists.after.indexOf(id);
  return found >= 0 ? found : clamp(index, lists.after.length);
}

function carriedOverlay(model: DashboardModel, next: DashboardModel): Overlay | undefined {
  const overlay = model.overlay;
  if (overlay?.kind !== "task" && overlay?.kind !== "alert") return overlay;
  const ids = overlay.kind === "task" ? taskIds : alertIds;
  const id = ids(model)[overlay.index];
  const index = id === undefined ? -1 : ids(next).indexOf(id);
  return index < 0 ? undefined : { kind: overlay.kind, index };
}

/**
 * The logs selection counts up from the newest line: following, it stays 0; paused, it grows by
 * the lines that arrived after the newest one seen, so the screen does not move.
 */
function logsIndex(model: DashboardModel, next: DashboardModel): number {
  const after = visibleLogs(next);
  if (model.logs.follow) return 0;
  const before = visibleLogs(model);
  const newest = before[before.length - 1];
  const at = newest === undefined ? -1 : after.findLastIndex((l) => sameLine(l, newest));
  const arrived = at < 0 ? 0 : after.length - 1 - at;
  return clamp(selectedIndex(model, "logs") + arrived, after.length);
}

function sameLine(a: ActivityLine, b: ActivityLine): boolean {
  return a.at === b.at && a.source === b.source && a.level === b.level && a.message === b.message;
}
