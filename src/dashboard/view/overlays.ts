/**
 * Overlays drawn over the view: help (from the keymap), the confirm dialog, and the details of a
 * task or an alert. Each clears its rectangle, is centred, and shrinks to the screen.
 */
import type { ActionRequest } from "../../domain/mod.ts";
import type { Overlay, Pending } from "../model.ts";
import type { Rect } from "../render/screen.ts";
import { type BaseCtx, type Ctx, hasSnapshot, withClip } from "./context.ts";
import { drawAlertDetails, drawTaskDetails } from "./details.ts";
import { wrap } from "./format.ts";
import { drawHelp } from "./help.ts";
import { overlayBox } from "./overlay_box.ts";
import { runs } from "./widgets.ts";
import { cols } from "./text.ts";

function actionBorder(ctx: BaseCtx, action: ActionRequest): number {
  switch (action.kind) {
    case "kill":
      return ctx.t.danger;
    case "pause":
    case "limits":
      return ctx.t.warn;
    case "resume":
    case "ack":
      return ctx.t.ok;
    case "spawn":
    case "assign":
      return ctx.t.accent;
  }
}

/** A chat plan's dialog takes the colour of the most serious request that asks first. */
function confirmBorder(ctx: BaseCtx, pending: Pending): number {
  if (pending.kind === "action") return actionBorder(ctx, pending.action);
  const asking = pending.plan.steps.filter((s) => s.confirmation !== undefined)
    .flatMap((s) => s.requests);
  const order = [ctx.t.danger, ctx.t.warn, ctx.t.accent, ctx.t.ok];
  const borders = asking.map((r) => actionBorder(ctx, r));
  return order.find((b) => borders.includes(b)) ?? ctx.t.accent;
}

function drawConfirm(
  ctx: BaseCtx,
  area: Rect,
  overlay: Extract<Overlay, { kind: "confirm" }>,
): void {
  const width = Math.min(64, Math.max(cols(overlay.message), 34) + 6, area.width - 2);
  const lines = wrap(overlay.message, Math.max(1, width - 4));
  const inner = overlayBox(ctx, area, {
    width,
    height: lines.length + 6,
    title: overlay.title,
    border: confirmBorder(ctx, overlay.pending),
  });
  const { t } = ctx;
  const room = Math.max(0, inner.height - 4);
  const shown = lines.slice(0, room);
  shown.forEach((l, i) => runs(ctx, { ...inner, y: inner.y + 1 + i }, [[l, t.text]]));
  const keys = inner.y + 2 + shown.length;
  if (keys >= inner.y + inner.height) return;
  runs(ctx, { ...inner, y: keys }, [
    ["[y]", t.key],
    [" yes   ", t.text],
    ["[n]", t.key],
    [" no", t.text],
  ]);
}

/**
 * Draws the model's overlay, if any, over the whole screen but the header and footer rows.
 *
 * @param ctx drawing context (with or without a snapshot)
 * @param area the area overlays may cover
 */
export function drawOverlay(base: BaseCtx | Ctx, area: Rect): void {
  const ctx = withClip(base, area);
  const overlay = ctx.model.overlay;
  if (overlay === undefined || area.width < 8 || area.height < 3) return;
  switch (overlay.kind) {
    case "help":
      drawHelp(ctx, area);
      return;
    case "confirm":
      drawConfirm(ctx, area, overlay);
      return;
    case "task":
      if (hasSnapshot(ctx)) drawTaskDetails(ctx, area, overlay.index);
      return;
    case "alert":
      if (hasSnapshot(ctx)) drawAlertDetails(ctx, area, overlay.index);
      return;
  }
}
