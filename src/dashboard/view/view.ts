/**
 * The dashboard's view: the model drawn into a fresh cell buffer, purely (same model, same
 * cells). Header, optional tab bar, content, a toast above the footer, overlays, footer; below
 * 80×24 a notice that the terminal is too small instead.
 */
import type { DashboardModel } from "../model.ts";
import { type Rect, Screen } from "../render/screen.ts";
import { StyleTable } from "../render/style.ts";
import { type BaseCtx, type Ctx, hasSnapshot, withClip } from "./context.ts";
import { drawContent } from "./content.ts";
import { drawFooter, drawToast } from "./footer.ts";
import { wrap } from "./format.ts";
import { drawHeader, drawTabs, tabsFitHeader } from "./header.ts";
import { frameLayout, MIN_SIZE, tooSmall } from "./layout.ts";
import { drawOverlay } from "./overlays.ts";
import { themeIds } from "./theme.ts";
import { emptyState, runs } from "./widgets.ts";
import { cols, cut, put } from "./text.ts";

function drawTooSmall(ctx: BaseCtx): void {
  const { width, height } = ctx.screen;
  const need = `terminal too small (needs ${MIN_SIZE.width}×${MIN_SIZE.height})`;
  const lines = [...wrap(need, width), `now ${width}×${height}`];
  const rect = { x: 0, y: 0, width, height };
  const top = Math.max(0, Math.floor((height - lines.length) / 2));
  lines.slice(0, height).forEach((line, i) => {
    const text = cut(line, width);
    const x = Math.max(0, Math.floor((width - cols(text)) / 2));
    put(
      ctx,
      { x, y: top + i, width: rect.width },
      text,
      i < lines.length - 1 ? ctx.t.warn : ctx.t.muted,
    );
  });
}

function drawProblems(ctx: Ctx, rect: Rect): number {
  const problems = ctx.snapshot.problems;
  if (problems.length === 0 || rect.height < 6) return 0;
  runs(ctx, { x: rect.x + 1, y: rect.y, width: rect.width - 2 }, [
    ["▲ ", ctx.t.warn],
    [problems.join(" · "), ctx.t.warn],
  ]);
  return 1;
}

/**
 * Draws the dashboard.
 *
 * @param model the model to draw
 * @param styles the style table to intern into (share one between frames so they diff by id)
 * @returns the frame
 */
export function view(model: DashboardModel, styles: StyleTable = new StyleTable()): Screen {
  const screen = new Screen(model.size.width, model.size.height, styles);
  const base = withClip<BaseCtx>({
    screen,
    t: themeIds(styles),
    model,
    now: model.now,
    snapshot: model.snapshot,
  }, undefined);
  if (tooSmall({ width: screen.width, height: screen.height })) {
    drawTooSmall(base);
    return screen;
  }
  const withTabs = tabsFitHeader(base, screen.width);
  const frame = frameLayout({ width: screen.width, height: screen.height }, !withTabs);
  const within = (clip: Rect): BaseCtx => withClip(base, clip);
  drawHeader(within(frame.header), frame.header, withTabs);
  if (frame.tabs !== undefined) drawTabs(within(frame.tabs), frame.tabs);
  if (hasSnapshot(base)) {
    const skip = drawProblems(withClip(base, frame.content), frame.content);
    const rest = { ...frame.content, y: frame.content.y + skip };
    drawContent(base, { ...rest, height: frame.content.height - skip });
  } else {
    emptyState(within(frame.content), frame.content, [
      "loading…",
      "gathering workers, beads and costs",
    ]);
  }
  drawOverlay(base, { x: 0, y: 1, width: screen.width, height: screen.height - 2 });
  const toastRow = { x: 0, y: frame.footer.y - 1, width: screen.width, height: 1 };
  drawToast(within(toastRow), toastRow);
  drawFooter(within(frame.footer), frame.footer);
  return screen;
}
