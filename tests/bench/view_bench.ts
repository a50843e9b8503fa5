/**
 * The dashboard's frame cost at 199×55 (three columns, every panel) with 100 workers and 10,000
 * beads: view() alone, and view() plus paint() against the previous frame, which is what the
 * runtime does on every redraw (here the clock moved a second and a log line arrived).
 * Target (design.md, issue of the dashboard): view + paint p95 < 4 ms.
 */
import type { DashboardModel, ViewName } from "../../src/dashboard/model.ts";
import { paint } from "../../src/dashboard/render/paint.ts";
import { StyleTable } from "../../src/dashboard/render/style.ts";
import { view } from "../../src/dashboard/view/view.ts";
import { fixtureModel, fixtureSnapshot } from "../dashboard/_fixture.ts";

const SIZE = { width: 199, height: 55 };
const snapshot = fixtureSnapshot({ workers: 100, beads: 10_000 });

function model(v: ViewName, overrides: Partial<DashboardModel> = {}): DashboardModel {
  return fixtureModel(snapshot, SIZE, { view: v, ...overrides });
}

/** The same model a second later with one more log line: a typical redraw. */
function nextSecond(m: DashboardModel): DashboardModel {
  const s = m.snapshot ?? snapshot;
  const line = { at: m.now + 1000, level: "info", source: "forge", message: "tick" } as const;
  return { ...m, now: m.now + 1000, snapshot: { ...s, activity: [...s.activity.slice(1), line] } };
}

for (const v of ["overview", "workers", "tasks", "logs"] as const) {
  const styles = new StyleTable();
  const m = model(v, { selected: { workers: 50, tasks: 5_000 } });
  Deno.bench(`view() ${v} 199×55, 100 workers, 10,000 beads`, { group: v, baseline: true }, () => {
    view(m, styles);
  });
  const prev = view(m, styles);
  const next = nextSecond(m);
  Deno.bench(`view() + paint() ${v} against the previous frame`, { group: v }, () => {
    paint(prev, view(next, styles), { depth: "truecolor" });
  });
}

{
  const styles = new StyleTable();
  const searching = model("tasks", {
    tasks: { priority: 1, workspace: undefined, search: "dashboard", searching: true },
  });
  Deno.bench("view() tasks filtered over 10,000 beads (P1, search)", { group: "filter" }, () => {
    view(searching, styles);
  });
}

{
  const styles = new StyleTable();
  const m = model("overview");
  Deno.bench("view() + full repaint overview (first frame)", { group: "repaint" }, () => {
    paint(undefined, view(m, styles), { depth: "truecolor" });
  });
}
