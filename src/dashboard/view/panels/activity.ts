/**
 * The activity log: FORGE's events and the workers' log lines, newest at the bottom. While
 * following, the newest lines show; once paused, the selection counts up from the newest line
 * (`selected.logs`, 0 = newest) and the window keeps it in sight. The title names the filters,
 * the top border says whether the log follows.
 */
import type { ActivityLine } from "../../../domain/mod.ts";
import type { Rect } from "../../render/screen.ts";
import { visibleLogs } from "../../select.ts";
import type { Ctx } from "../context.ts";
import { clock, count } from "../format.ts";
import { levelBadge } from "../symbols.ts";
import { box, emptyState, pad, runs, windowStart } from "../widgets.ts";
import type { PanelMode } from "./workers.ts";
import { clipTo, cols, fillRect, fitText } from "../text.ts";

const LEVEL_WORDS = {
  all: "",
  info: "info and worse",
  warn: "warnings and errors",
  error: "errors",
};

function title(ctx: Ctx, full: boolean): string {
  if (!full) return "Activity";
  const { source, level } = ctx.model.logs;
  const parts = ["Logs"];
  if (source !== undefined) parts.push(source);
  if (level !== "all") parts.push(LEVEL_WORDS[level]);
  return parts.join(" · ");
}

function emptyLines(ctx: Ctx, full: boolean): string[] {
  const { source, level } = ctx.model.logs;
  if (!full || (source === undefined && level === "all")) {
    return ["No activity yet", "FORGE's events and the workers' log lines appear here"];
  }
  const what = [source, level === "all" ? undefined : LEVEL_WORDS[level]].filter((x) => x);
  return [
    `No lines match ${what.join(" · ")}`,
    "press s for the next source, v for the next level",
  ];
}

/**
 * Draws the activity log (the logs view, or the overview's panel).
 *
 * @param ctx drawing context
 * @param rect the panel's rectangle
 * @param mode full view or overview panel, focused or not
 */
export function drawActivity(outer: Ctx, rect: Rect, mode: PanelMode): void {
  const ctx = clipTo(outer, rect);
  const lines = mode.full ? visibleLogs(ctx.model) : ctx.snapshot.activity;
  const follow = !mode.full || ctx.model.logs.follow;
  const rows = Math.max(0, rect.height - 2);
  const offset = follow || lines.length === 0
    ? 0
    : Math.min(Math.max(0, ctx.model.selected.logs ?? 0), lines.length - 1);
  const fromNewest = windowStart(offset, lines.length, rows, undefined);
  const note = follow
    ? (mode.full ? "● following" : undefined)
    : `⏸ paused · ${count(offset)} newer · End follows`;
  const inner = box(ctx, rect, {
    title: title(ctx, mode.full),
    focused: mode.focused,
    ...(note === undefined ? {} : { note }),
  });
  if (inner.height <= 0) return;
  const body = pad(inner);
  if (lines.length === 0) {
    emptyState(ctx, body, emptyLines(ctx, mode.full));
    return;
  }
  const last = lines.length - 1 - fromNewest;
  const first = Math.max(0, last - body.height + 1);
  const shown = lines.slice(first, last + 1);
  let sourceWidth = 5;
  for (const l of shown) sourceWidth = Math.max(sourceWidth, cols(l.source));
  sourceWidth = Math.min(sourceWidth, mode.full ? 20 : 12);
  const top = body.y + body.height - shown.length;
  shown.forEach((line, i) => {
    const selected = !follow && first + i === lines.length - 1 - offset;
    drawLine(ctx, { ...body, y: top + i, height: 1 }, line, { sourceWidth, selected });
  });
}

function drawLine(
  ctx: Ctx,
  rect: Rect,
  line: ActivityLine,
  opts: { readonly sourceWidth: number; readonly selected: boolean },
): void {
  const { t } = ctx;
  const [badge, badgeStyle, textStyle] = levelBadge(t, line.level);
  const source = fitText(line.source, opts.sourceWidth);
  const narrow = rect.width < 50;
  const segs = [
    [`${clock(line.at)} `, t.muted],
    [`${badge} `, badgeStyle],
    [narrow ? "" : `${source} `, line.source === "forge" ? t.accent : t.muted],
    [line.message, textStyle],
  ] as const;
  if (opts.selected) {
    fillRect(ctx, rect, " ", t.selection);
    runs(ctx, rect, segs.map(([text]) => [text, t.selection] as const));
  } else runs(ctx, rect, segs);
}
