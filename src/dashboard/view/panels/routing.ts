/**
 * Recent routing decisions, newest first: when, which bead, its score, the tier and model it was
 * routed to (or that it waits), and why. A summary line counts outcomes and tiers.
 */
import type { FleetRouting } from "../../../domain/mod.ts";
import type { Rect } from "../../render/screen.ts";
import type { Ctx, Seg } from "../context.ts";
import { baseName, clock } from "../format.ts";
import { tierStyle } from "../symbols.ts";
import { type Cell, table, widthFor } from "../table.ts";
import { box, emptyState, pad, runs, windowStart } from "../widgets.ts";
import type { PanelMode } from "./workers.ts";
import { clipTo } from "../text.ts";

const TIERS = ["premium", "standard", "budget", "free"] as const;

function summary(ctx: Ctx, rows: readonly FleetRouting[]): Seg[] {
  const { t } = ctx;
  const assigned = rows.filter((r) => r.outcome === "assigned").length;
  const out: Seg[] = [
    [`${assigned} assigned`, t.ok],
    [" · ", t.muted],
    [`${rows.length - assigned} waiting`, rows.length > assigned ? t.warn : t.muted],
    ["   ", t.text],
  ];
  for (const tier of TIERS) {
    const n = rows.filter((r) => r.tier === tier).length;
    if (n > 0) out.push([`${tier} ${n}  `, tierStyle(t, tier)]);
  }
  return out;
}

function row(ctx: Ctx, r: FleetRouting, full: boolean): Cell[] {
  const { t } = ctx;
  return [
    [clock(r.at), t.muted],
    [r.beadId, t.text],
    [String(r.score), t.text],
    [r.tier ?? "-", tierStyle(t, r.tier)],
    [r.model ?? r.plan ?? "-", r.model === undefined ? t.muted : t.text],
    [r.outcome, r.outcome === "assigned" ? t.ok : t.warn],
    [full ? baseName(r.workspace) : "", t.muted],
    [r.reason, t.muted],
  ];
}

/**
 * Draws the routing decisions (the routing view, or the overview's panel).
 *
 * @param ctx drawing context
 * @param rect the panel's rectangle
 * @param mode full view or overview panel, focused or not
 */
export function drawRouting(outer: Ctx, rect: Rect, mode: PanelMode): void {
  const ctx = clipTo(outer, rect);
  const rows = ctx.snapshot.routing;
  const bodyRows = Math.max(0, rect.height - 3 - (mode.full ? 1 : 0));
  const selected = mode.full && rows.length > 0
    ? Math.min(ctx.model.selected.routing ?? 0, rows.length - 1)
    : undefined;
  const start = windowStart(selected ?? 0, rows.length, bodyRows, ctx.model.scroll.routing);
  const inner = box(ctx, rect, {
    title: mode.full ? "Routing decisions" : "Routing",
    focused: mode.focused,
    note: `${rows.length} recent`,
  });
  const body = pad(inner);
  if (rows.length === 0) {
    emptyState(ctx, body, [
      "No routing decisions yet",
      "the engine routes ready beads to a tier and model on every tick",
    ]);
    return;
  }
  if (mode.full) runs(ctx, body, summary(ctx, rows));
  const top = body.y + (mode.full ? 1 : 0);
  const shown = rows.slice(start, start + bodyRows);
  const w = (title: string, values: string[], cap: number) => widthFor(title, values, cap);
  table(ctx, { ...body, y: top, height: body.y + body.height - top }, {
    columns: [
      { title: "Time", width: 8, drop: 5 },
      { title: "Bead", width: w("Bead", shown.map((r) => r.beadId), 14) },
      { title: "Score", width: 5, align: "right", drop: 3 },
      { title: "Tier", width: 8 },
      { title: "Model", width: w("Model", shown.map((r) => r.model ?? "-"), 22), drop: 4 },
      { title: "Outcome", width: 8 },
      {
        title: "Workspace",
        width: mode.full ? w("Workspace", shown.map((r) => baseName(r.workspace)), 16) : 0,
        drop: 6,
      },
      { title: "Reason", width: 12, grow: 3, drop: 2 },
    ],
    total: rows.length,
    start,
    selected,
    row: (i) => row(ctx, rows[i] as FleetRouting, mode.full),
  });
}
