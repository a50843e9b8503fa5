/**
 * The chat view: the transcript of the command line (what was asked, what FORGE answered, in the
 * colour of how it went), newest at the bottom, with the line chat is busy with under it, and the
 * input line below with its cursor.
 */
import type { ChatProgress, Tone, TranscriptEntry } from "../../model.ts";
import type { Rect } from "../../render/screen.ts";
import type { Ctx, Seg } from "../context.ts";
import { wrap } from "../format.ts";
import { inputLine } from "../input_line.ts";
import { box, emptyState, pad, runs } from "../widgets.ts";
import type { PanelMode } from "./workers.ts";
import { clipTo, cols } from "../text.ts";

/** What the empty chat suggests: requests the fast path answers, spawning the default config. */
function examples(defaultWorker: string | undefined): string[] {
  return [
    "Ask FORGE or tell it what to do",
    `spawn 2 ${
      defaultWorker ?? "sim"
    } · pause all · show costs this week · why is bd-12 waiting? · help`,
  ];
}

const PROGRESS: Readonly<Record<ChatProgress["stage"], string>> = {
  reading: "asking",
  confirming: "waiting for your answer",
  running: "working",
};

function toneStyle(ctx: Ctx, tone: Tone): number {
  switch (tone) {
    case "ok":
      return ctx.t.ok;
    case "error":
      return ctx.t.danger;
    case "dim":
      return ctx.t.muted;
    case "normal":
      return ctx.t.text;
  }
}

/** One entry's rows; a line's own indent (a table under an answer) is kept on every row. */
function entryRows(ctx: Ctx, entry: TranscriptEntry, options: {
  readonly width: number;
  readonly prefix: string;
}): Seg[][] {
  const { t } = ctx;
  const { width, prefix } = options;
  const indent = /^ */.exec(entry.text)?.[0] ?? "";
  const room = Math.max(1, width - cols(prefix) - indent.length);
  const style = entry.from === "user" ? t.bold : toneStyle(ctx, entry.tone);
  const who = entry.from === "user" ? t.accent : t.ok;
  return wrap(entry.text.slice(indent.length), room).map((l, j) => [
    [j === 0 ? prefix : " ".repeat(prefix.length), who],
    [`${indent}${l}`, style],
  ]);
}

function transcriptLines(ctx: Ctx, width: number, rows: number): Seg[][] {
  const { transcript, asking } = ctx.model.command;
  const out: Seg[][] = [];
  if (asking !== undefined) {
    out.push([["".padStart(8), ctx.t.ok], [`… ${PROGRESS[asking.stage]}`, ctx.t.muted]]);
  }
  for (let i = transcript.length - 1; i >= 0 && out.length < rows; i--) {
    const entry = transcript[i];
    if (entry === undefined) continue;
    const before = transcript[i - 1];
    // FORGE's lines of one answer stay together under one "forge ›".
    const continues = entry.from === "forge" && before?.from === "forge";
    const who = entry.from === "user" ? "you" : "forge";
    const block = entryRows(ctx, entry, {
      width,
      prefix: (continues ? "" : `${who} › `).padStart(8),
    });
    const next = transcript[i + 1];
    if (next !== undefined && !(next.from === "forge" && entry.from === "forge")) block.push([]);
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
  if (cmd.transcript.length === 0 && cmd.asking === undefined) {
    emptyState(ctx, body, examples(ctx.model.defaultWorker));
  } else {
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
