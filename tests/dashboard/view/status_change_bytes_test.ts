/**
 * What a single worker's status change costs on the wire: the frame diff of the real overview at
 * 199×55 (100 workers, 10,000 beads) against a full repaint of the same frame.
 */
import assert from "node:assert/strict";
import { paint } from "../../../src/dashboard/render/paint.ts";
import { StyleTable } from "../../../src/dashboard/render/style.ts";
import { view } from "../../../src/dashboard/view/view.ts";
import type { FleetWorker } from "../../../src/domain/mod.ts";
import { fixtureModel, fixtureSnapshot } from "../_fixture.ts";

function withState(worker: FleetWorker, state: "active" | "idle"): FleetWorker {
  const status = { ...worker.view.status, state, currentTask: undefined };
  return { ...worker, view: { ...worker.view, status } };
}

Deno.test("one worker going idle repaints under 5 % of the bytes of a full frame", () => {
  const size = { width: 199, height: 55 };
  const before = fixtureSnapshot({ workers: 100, beads: 10_000 });
  const index = before.workers.findIndex((w) => w.view.status.state === "active");
  assert.ok(index >= 0 && index < 10, "an active worker on screen");
  const workers = before.workers.map((w, i) => (i === index ? withState(w, "idle") : w));
  const after = { ...before, workers };
  const styles = new StyleTable();
  const first = view(fixtureModel(before, size), styles);
  const second = view(fixtureModel(after, size), styles);
  const diff = paint(first, second, { depth: "truecolor" });
  const full = paint(undefined, second, { depth: "truecolor" });
  assert.ok(diff.length > 0, "the change is drawn");
  const ratio = diff.length / full.length;
  assert.ok(
    ratio < 0.05,
    `diff ${diff.length} B is ${(ratio * 100).toFixed(2)} % of ${full.length} B`,
  );
});
