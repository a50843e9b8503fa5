/**
 * view() at every size: each view, with and without each overlay, loading and with an empty
 * fleet, on a coarse grid from 20×10 to 400×120 plus every breakpoint ±1, never throws and
 * always returns a well-formed frame of exactly the terminal's size.
 */
import type { Overlay } from "../../../src/dashboard/model.ts";
import { VIEWS } from "../../../src/dashboard/model.ts";
import { StyleTable } from "../../../src/dashboard/render/style.ts";
import { view } from "../../../src/dashboard/view/view.ts";
import { fixtureModel, fixtureSnapshot } from "../_fixture.ts";
import { assertWellFormed } from "./_screen_checks.ts";

const WIDTHS = [20, 33, 50, 79, 80, 81, 100, 119, 120, 121, 160, 198, 199, 200, 260, 400];
const HEIGHTS = [10, 17, 23, 24, 25, 30, 37, 38, 39, 47, 54, 55, 56, 80, 120];

const OVERLAYS: readonly (Overlay | undefined)[] = [
  undefined,
  { kind: "help" },
  {
    kind: "confirm",
    title: "Pause all workers",
    message: "Pause all 10 running workers? Their beads stay claimed until they resume.",
    pending: { kind: "action", action: { kind: "pause", target: "all" } },
  },
  { kind: "task", index: 7 },
  { kind: "alert", index: 1 },
  { kind: "task", index: 10_000 },
];

const full = fixtureSnapshot();
const empty = fixtureSnapshot({
  workers: 0,
  beads: 0,
  overrides: {
    costs: undefined,
    metrics: undefined,
    plans: [],
    alerts: [],
    routing: [],
    activity: [],
    costByModel: [],
    hourlyCostUsd: [],
  },
});

Deno.test("view() draws every view and overlay at every size without throwing", async (t) => {
  const styles = new StyleTable();
  for (const width of WIDTHS) {
    await t.step(`${width} columns`, () => {
      for (const height of HEIGHTS) {
        const size = { width, height };
        for (const v of VIEWS) {
          for (const overlay of OVERLAYS) {
            const model = fixtureModel(full, size, { view: v, overlay, selected: { tasks: 40 } });
            assertWellFormed(
              view(model, styles),
              width,
              height,
              `${v} ${overlay?.kind} ${width}×${height}`,
            );
          }
          const bare = fixtureModel(empty, size, { view: v });
          assertWellFormed(view(bare, styles), width, height, `empty ${v} ${width}×${height}`);
          const loading = fixtureModel(undefined, size, { view: v, overlay: { kind: "help" } });
          assertWellFormed(view(loading, styles), width, height, `loading ${v} ${width}×${height}`);
        }
      }
    });
  }
});

Deno.test("view() survives degenerate sizes", () => {
  const sizes: [number, number][] = [[0, 0], [1, 1], [5, 3], [80, 1], [1, 24], [80, 23], [79, 24]];
  for (const [width, height] of sizes) {
    const model = fixtureModel(full, { width, height }, { overlay: { kind: "help" } });
    assertWellFormed(view(model), width, height, `${width}×${height}`);
  }
});
