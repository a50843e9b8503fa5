/**
 * The footer row: the keys that work right now. Normally the current view's bindings from the
 * keymap (the view keys themselves are on the tab bar), with help and quit pinned to the right;
 * while an overlay, the command line or a search has the keys, what those keys do there. Toasts
 * show on the row above, newest first.
 */
import { type Binding, bindingsFor } from "../keymap.ts";
import type { Toast } from "../model.ts";
import type { Rect } from "../render/screen.ts";
import type { BaseCtx, Seg } from "./context.ts";
import { inputLine } from "./input_line.ts";
import { hintRuns, runs, runsWidth } from "./widgets.ts";
import { cols, fillRect } from "./text.ts";

const PINNED = new Set(["help", "quit"]);

function pairs(ctx: BaseCtx, keys: readonly [string, string][]): Seg[] {
  const out: Seg[] = [];
  keys.forEach(([key, label], i) => {
    if (i > 0) out.push(["  ", ctx.t.text]);
    out.push([key, ctx.t.key], [` ${label}`, ctx.t.muted]);
  });
  return out;
}

/**
 * Hints for whatever has the keys before the view does (see update.ts: overlay, command line,
 * search), if anything. Those keys are not in the keymap, which covers the views.
 */
function modeHints(ctx: BaseCtx): Seg[] | undefined {
  const { model } = ctx;
  switch (model.overlay?.kind) {
    case "help":
      return pairs(ctx, [["any key", "closes help"]]);
    case "confirm":
      return pairs(ctx, [["y/Enter", "yes"], ["n/Esc", "no"]]);
    case "task":
      return pairs(ctx, [["↑/↓", "previous / next task"], ["Esc", "close"]]);
    case "alert": {
      const ack: [string, string][] = model.readOnly ? [] : [["A/Enter", "acknowledge"]];
      return pairs(ctx, [...ack, ["↑/↓", "previous / next alert"], ["Esc", "close"]]);
    }
    case undefined:
      break;
  }
  if (model.command.active) {
    return pairs(ctx, [["Enter", "run"], ["↑/↓", "history"], ["Tab", "next view"], [
      "Esc",
      "back",
    ]]);
  }
  if (model.view === "tasks" && model.tasks.searching) {
    return pairs(ctx, [["Enter", "keep search"], ["Esc", "clear search"]]);
  }
  return undefined;
}

/**
 * Draws the footer row.
 *
 * @param ctx drawing context
 * @param rect the footer row
 */
export function drawFooter(ctx: BaseCtx, rect: Rect): void {
  const at = { x: rect.x + 1, y: rect.y, width: Math.max(0, rect.width - 2) };
  const { model } = ctx;
  if (model.command.active && model.view !== "chat" && model.overlay === undefined) {
    inputLine(ctx, at, {
      prompt: [[": ", ctx.t.key]],
      text: model.command.text,
      cursor: model.command.cursor,
      showCursor: true,
    });
    return;
  }
  const mode = modeHints(ctx);
  if (mode !== undefined) {
    runs(ctx, at, mode);
    return;
  }
  const shown = bindingsFor(model.view).filter((b) => b.footer && !b.command.startsWith("view:"));
  const pinned = hintRuns(ctx.t, shown.filter((b) => PINNED.has(b.command)));
  const pinnedWidth = runsWidth(pinned);
  const room = at.width - pinnedWidth - 2;
  const chosen: Binding[] = [];
  for (const b of shown.filter((x) => !PINNED.has(x.command))) {
    if (runsWidth(hintRuns(ctx.t, [...chosen, b])) > room) break;
    chosen.push(b);
  }
  runs(ctx, at, hintRuns(ctx.t, chosen));
  runs(ctx, { x: at.x + at.width - pinnedWidth, y: at.y, width: pinnedWidth }, pinned);
}

const TOAST_STYLE = {
  info: ["ℹ", "toastInfo"],
  success: ["✓", "toastSuccess"],
  warn: ["▲", "toastWarn"],
  error: ["✖", "toastError"],
} as const;

/**
 * The toast to show: the newest one that has not expired.
 *
 * @param toasts the model's toasts, oldest first
 * @param now the current time
 * @returns the toast, or undefined
 */
export function currentToast(toasts: readonly Toast[], now: number): Toast | undefined {
  for (let i = toasts.length - 1; i >= 0; i--) {
    const toast = toasts[i];
    if (toast !== undefined && toast.until > now) return toast;
  }
  return undefined;
}

/**
 * Draws the newest live toast centred on a row (the one above the footer).
 *
 * @param ctx drawing context
 * @param rect the row
 */
export function drawToast(ctx: BaseCtx, rect: Rect): void {
  const toast = currentToast(ctx.model.toasts, ctx.now);
  if (toast === undefined || rect.width < 6) return;
  const [icon, role] = TOAST_STYLE[toast.level];
  const text = ` ${icon} ${toast.text} `;
  const width = Math.min(cols(text), rect.width - 2);
  const x = rect.x + Math.floor((rect.width - width) / 2);
  fillRect(ctx, { x, y: rect.y, width, height: 1 }, " ", ctx.t[role]);
  runs(ctx, { x, y: rect.y, width }, [[text, ctx.t[role]]]);
}
