/**
 * The `?` overlay: every key of the keymap, grouped as "this view", views, moving, everywhere,
 * and other views' keys with where they work. Groups flow into as many columns as the screen
 * needs; what still does not fit ends in a line saying so.
 */
import { type Binding, KEYMAP } from "../keymap.ts";
import type { ViewName } from "../model.ts";
import type { Rect } from "../render/screen.ts";
import type { BaseCtx } from "./context.ts";
import { VIEW_TITLES } from "./header.ts";
import { overlayBox } from "./overlay_box.ts";
import { runs } from "./widgets.ts";
import { cols, cut } from "./text.ts";

type Line =
  | { readonly kind: "title"; readonly text: string }
  | { readonly kind: "key"; readonly key: string; readonly label: string }
  | { readonly kind: "gap" };

const MOVES = new Set(["up", "down", "page-up", "page-down", "top", "bottom"]);

function applies(b: Binding, view: ViewName): boolean {
  return b.scope === "global" || b.scope.includes(view);
}

function keyLine(b: Binding, where = ""): Line {
  return { kind: "key", key: b.display, label: b.label + where };
}

/** Consecutive moves share a line: `↑/k ↓/j  up / down`. */
function paired(bindings: readonly Binding[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < bindings.length; i += 2) {
    const a = bindings[i] as Binding;
    const b = bindings[i + 1];
    out.push(
      b === undefined
        ? keyLine(a)
        : { kind: "key", key: `${a.display} ${b.display}`, label: `${a.label} / ${b.label}` },
    );
  }
  return out;
}

function groups(view: ViewName): [string, Line[]][] {
  const isView = (b: Binding) => b.command.startsWith("view:") || b.command.endsWith("-view");
  const here = KEYMAP.filter((b) => b.scope !== "global" && applies(b, view));
  const global = KEYMAP.filter((b) => b.scope === "global");
  const elsewhere = KEYMAP.filter((b) => !applies(b, view));
  const where = (b: Binding) =>
    b.scope === "global" ? "" : ` (${b.scope.map((v) => VIEW_TITLES[v]).join(", ")})`;
  return [
    [`${VIEW_TITLES[view]} view`, here.map((b) => keyLine(b))],
    [
      "Everywhere",
      global.filter((b) => !isView(b) && !MOVES.has(b.command)).map((b) => keyLine(b)),
    ],
    ["Moving", paired(global.filter((b) => MOVES.has(b.command)))],
    ["Views", global.filter(isView).map((b) => keyLine(b))],
    ["Other views", elsewhere.map((b) => keyLine(b, where(b)))],
  ];
}

/** Lays sections out top to bottom in columns of `height` lines, moving a whole section to the
 * next column when it would not fit in the rest of this one. */
function flow(sections: [string, Line[]][], height: number, columns: number): Line[][] {
  const cols: Line[][] = [[]];
  for (const [title, items] of sections) {
    if (items.length === 0) continue;
    let col = cols[cols.length - 1] as Line[];
    const need = items.length + 2;
    if (col.length > 0 && col.length + need > height && cols.length < columns) cols.push(col = []);
    if (col.length > 0) col.push({ kind: "gap" });
    col.push({ kind: "title", text: title });
    for (const item of items) {
      if (col.length >= height && cols.length < columns) cols.push(col = []);
      col.push(item);
    }
  }
  return cols;
}

/** The shortest columns (at most `rows` lines) that hold every section in `n` columns. */
function balanced(sections: [string, Line[]][], rows: number, n: number): Line[][] {
  const total = sections.reduce((a, [, items]) => a + items.length + 2, 0);
  for (let h = Math.max(1, Math.ceil(total / n)); h < rows; h++) {
    const cols = flow(sections, h, n);
    if (Math.max(...cols.map((c) => c.length)) <= h) return cols;
  }
  return flow(sections, rows, n);
}

/**
 * Draws the help overlay.
 *
 * @param ctx drawing context
 * @param area the area overlays may cover
 */
export function drawHelp(ctx: BaseCtx, area: Rect): void {
  const sections = groups(ctx.model.view);
  const lines = sections.flatMap(([, items]) => items);
  const keyWidth = Math.max(...lines.map((l) => (l.kind === "key" ? cols(l.key) : 0)));
  const labelWidth = Math.max(...lines.map((l) => (l.kind === "key" ? cols(l.label) : 0)));
  const rows = Math.max(1, area.height - 4);
  let best: { cols: Line[][]; width: number } | undefined;
  for (let n = 1; n <= 4; n++) {
    const room = Math.floor((area.width - 6 - 3 * (n - 1)) / n) - keyWidth - 2;
    if (n > 1 && room < 18) break;
    const width = keyWidth + 2 + Math.max(1, Math.min(labelWidth, room));
    best = { cols: balanced(sections, rows, n), width };
    if (Math.max(...best.cols.map((c) => c.length)) <= rows) break;
  }
  if (best === undefined) return;
  drawColumns(ctx, area, { ...best, keyWidth, rows });
}

function drawColumns(
  ctx: BaseCtx,
  area: Rect,
  layout: { cols: Line[][]; width: number; keyWidth: number; rows: number },
): void {
  const { t } = ctx;
  const { cols: columns, width: colWidth, keyWidth } = layout;
  const used = Math.max(...columns.map((c) => c.length));
  const inner = overlayBox(ctx, area, {
    width: columns.length * (colWidth + 3) + 1,
    height: Math.min(layout.rows, used) + 4,
    title: "Keys",
    footer: "any key closes",
  });
  columns.forEach((col, c) => {
    const x = inner.x + c * (colWidth + 3);
    if (x >= inner.x + inner.width) return;
    const width = Math.min(colWidth, inner.x + inner.width - x);
    col.slice(0, inner.height - 1).forEach((line, i) => {
      const at = { x, y: inner.y + 1 + i, width };
      const overflow = i === inner.height - 2 && col.length > inner.height - 1;
      if (overflow) runs(ctx, at, [["… enlarge the terminal for more", t.muted]]);
      else if (line.kind === "title") runs(ctx, at, [[line.text, t.heading]]);
      else if (line.kind === "key") {
        const key = " ".repeat(Math.max(0, keyWidth - cols(line.key))) + line.key;
        runs(ctx, at, [[key, t.key], [`  ${cut(line.label, width - keyWidth - 2)}`, t.text]]);
      }
    });
  });
}
