/**
 * The content region: the overview's panels laid out by terminal size, or the current view's
 * panel filling the region. Each panel draws clipped to its own rectangle.
 */
import type { ViewName } from "../model.ts";
import type { Rect } from "../render/screen.ts";
import type { Ctx } from "./context.ts";
import { overviewLayout, type PanelName } from "./layout.ts";
import { drawActivity } from "./panels/activity.ts";
import { drawAlerts } from "./panels/alerts.ts";
import { drawChat } from "./panels/chat.ts";
import { drawCosts } from "./panels/costs.ts";
import { drawMetrics } from "./panels/metrics.ts";
import { drawRouting } from "./panels/routing.ts";
import { drawSubscriptions } from "./panels/subscriptions.ts";
import { drawTasks } from "./panels/tasks.ts";
import { drawWorkers, type PanelMode } from "./panels/workers.ts";

type Draw = (ctx: Ctx, rect: Rect, mode: PanelMode) => void;

const PANELS: Readonly<Record<PanelName, Draw>> = {
  workers: drawWorkers,
  subscriptions: drawSubscriptions,
  tasks: drawTasks,
  activity: drawActivity,
  costs: drawCosts,
  metrics: drawMetrics,
  alerts: drawAlerts,
  routing: drawRouting,
};

const VIEW_PANELS: Readonly<Record<Exclude<ViewName, "overview">, Draw>> = {
  workers: drawWorkers,
  tasks: drawTasks,
  costs: drawCosts,
  subscriptions: drawSubscriptions,
  metrics: drawMetrics,
  alerts: drawAlerts,
  logs: drawActivity,
  routing: drawRouting,
  chat: drawChat,
};

/** Panels shorter than this are left out rather than drawn as empty boxes. */
const MIN_PANEL_HEIGHT = 3;

/**
 * Draws the current view into the content region.
 *
 * @param ctx drawing context
 * @param rect the content region
 */
export function drawContent(ctx: Ctx, rect: Rect): void {
  const view = ctx.model.view;
  if (view !== "overview") {
    VIEW_PANELS[view](ctx, rect, { full: true, focused: true });
    return;
  }
  for (const { panel, rect: r } of overviewLayout(rect, ctx.model.size)) {
    if (r.height < MIN_PANEL_HEIGHT || r.width < 10) continue;
    PANELS[panel](ctx, r, { full: false, focused: panel === "workers" });
  }
}
