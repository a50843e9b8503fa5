/**
 * The chat view: the transcript of the command line (what was asked, what FORGE answered),
 * newest at the bottom, and the input line under it with its cursor.
 */
import type { Rect } from "../../render/screen.ts";
import type { Ctx, Seg } from "../context.ts";
import { wrap } from "../format.ts";
import { inputLine } from "../input_line.ts";
import { box, emptyState, pad, runs } from "../widgets.ts";
import type { PanelMode } from "./workers.ts";
import { clipTo, cols } from "../text.ts";

const EXAMPLES = [
  "Ask FORGE or tell it what to do",
  "spawn 2 sonnet · pause all · show costs this week · why is bd-12 waiting?",
];

function transcriptLines(ctx: Ctx, width: number, rows: number): Seg[][] {
  const { t } = ctx;
  const out: Seg[][] = [];
  const transcript = ctx.model.command.transcript;
  for (let i = transcript.length - 1; i >= 0 && out.length < rows; i--) {
    const entry = transcript[i];
    if (entry === undefined) continue;
    const [who, style] = entry.from === "user" ? ["you", t.accent] : ["forge", t.ok];
    const prefix = `${who} › `.padStart(8);
    const lines = wrap(entry.text, Math.max(1, width - cols(prefix)));
    const block: Seg[][] = lines.map((l, j) => [
      [j === 0 ? prefix : " ".repeat(prefix.length), style],
      [l, entry.from === "user" ? t.bold : t.text],
    ]);
    if (out.length > 0) block.push([]);
    out.unshift(...block);
  }
  return out.slice(-rows);
}

/**
 * Draws the chat view.
 *
 * @param ctx drawing context
 * @param rect the content rectangle
 * @param mode focus (the view is always full)
 */
export function drawChat(outer: Ctx, rect: Rect, mode: PanelMode): void {
  const ctx = clipTo(outer, rect);
  const inputHeight = rect.height >= 8 ? 3 : 0;
  const top = { ...rect, height: rect.height - inputHeight };
  const cmd = ctx.model.command;
  const body = pad(box(ctx, top, {
    title: "Chat",
    focused: mode.focused && !cmd.active,
    note: `${cmd.transcript.length} messages`,
  }));
  if (cmd.transcript.length === 0) emptyState(ctx, body, EXAMPLES);
  else {
    const lines = transcriptLines(ctx, body.width, body.height);
    const y0 = body.y + body.height - lines.length;
    lines.forEach((line, i) => runs(ctx, { ...body, y: y0 + i }, line));
  }
  if (inputHeight === 0) return;
  const field = pad(box(ctx, { ...rect, y: rect.y + top.height, height: inputHeight }, {
    title: "Command",
    focused: cmd.active,
  }));
  if (!cmd.active) {
    runs(ctx, field, [["press ", ctx.t.muted], [":", ctx.t.key], [" to type", ctx.t.muted]]);
    return;
  }
  inputLine(ctx, field, {
    prompt: [["› ", ctx.t.key]],
    text: cmd.text,
    cursor: cmd.cursor,
    showCursor: true,
  });
}
