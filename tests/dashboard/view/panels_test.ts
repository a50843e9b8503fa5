/**
 * Every panel, widget and overlay draws only inside the rectangle it is given: on a screen
 * filled with a sentinel, every cell outside the rectangle is left untouched, for rectangles
 * from empty to large, in both the overview's compact form and the full view.
 */
import assert from "node:assert/strict";
import { type Rect, Screen } from "../../../src/dashboard/render/screen.ts";
import { StyleTable } from "../../../src/dashboard/render/style.ts";
import type { Ctx } from "../../../src/dashboard/view/context.ts";
import { drawOverlay } from "../../../src/dashboard/view/overlays.ts";
import { drawActivity } from "../../../src/dashboard/view/panels/activity.ts";
import { drawAlerts } from "../../../src/dashboard/view/panels/alerts.ts";
import { drawChat } from "../../../src/dashboard/view/panels/chat.ts";
import { drawCosts } from "../../../src/dashboard/view/panels/costs.ts";
import { drawMetrics } from "../../../src/dashboard/view/panels/metrics.ts";
import { drawRouting } from "../../../src/dashboard/view/panels/routing.ts";
import { drawSubscriptions } from "../../../src/dashboard/view/panels/subscriptions.ts";
import { drawTasks } from "../../../src/dashboard/view/panels/tasks.ts";
import { drawWorkers, type PanelMode } from "../../../src/dashboard/view/panels/workers.ts";
import { themeIds } from "../../../src/dashboard/view/theme.ts";
import { fixtureModel, fixtureSnapshot } from "../_fixture.ts";

const PANELS = {
  drawActivity,
  drawAlerts,
  drawChat,
  drawCosts,
  drawMetrics,
  drawRouting,
  drawSubscriptions,
  drawTasks,
  drawWorkers,
};
const SENTINEL = "#";
const W = 150;
const H = 60;
const snapshot = fixtureSnapshot();

function ctxFor(screen: Screen, overrides = {}): Ctx {
  const model = fixtureModel(snapshot, { width: W, height: H }, overrides);
  return { screen, t: themeIds(screen.styles), model, snapshot, now: model.now };
}

function sentinelScreen(): Screen {
  const screen = new Screen(W, H, new StyleTable());
  screen.fill(screen.rect, SENTINEL);
  return screen;
}

function assertInside(screen: Screen, rect: Rect, label: string): void {
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const inside = x >= rect.x && x < rect.x + rect.width && y >= rect.y &&
        y < rect.y + rect.height;
      if (inside) continue;
      const i = y * W + x;
      assert.equal(screen.chars[i], SENTINEL, `${label}: wrote at ${x},${y}`);
      assert.equal(screen.styleIds[i], 0, `${label}: styled ${x},${y}`);
    }
  }
}

const RECTS: Rect[] = [];
for (const width of [0, 1, 2, 3, 7, 12, 30, 66, 119]) {
  for (const height of [0, 1, 2, 3, 5, 12, 26, 45]) RECTS.push({ x: 13, y: 7, width, height });
}

Deno.test("each panel draws only inside its rectangle", async (t) => {
  for (const [name, draw] of Object.entries(PANELS)) {
    await t.step(name, () => {
      for (const mode of [{ full: false, focused: false }, { full: true, focused: true }]) {
        for (const rect of RECTS) {
          const screen = sentinelScreen();
          const ctx = ctxFor(screen, { logs: { source: undefined, level: "all", follow: false } });
          draw(ctx, rect, mode satisfies PanelMode);
          assertInside(screen, rect, `${name} ${JSON.stringify(rect)} full=${mode.full}`);
        }
      }
    });
  }
});

Deno.test("overlays draw only inside the area they are given", () => {
  const overlays = [
    { kind: "help" },
    { kind: "task", index: 2 },
    { kind: "alert", index: 0 },
    {
      kind: "confirm",
      title: "Resume all workers",
      message: "Resume 3 paused workers?",
      pending: { kind: "action", action: { kind: "resume", target: "all" } },
    },
  ] as const;
  for (const overlay of overlays) {
    for (const rect of RECTS) {
      const screen = sentinelScreen();
      drawOverlay(ctxFor(screen, { overlay, view: "tasks" }), rect);
      assertInside(screen, rect, `${overlay.kind} ${JSON.stringify(rect)}`);
    }
  }
});
