/**
 * The renderer's speed on a full 199×55 dashboard frame: a full repaint, a diff of an unchanged
 * frame, and a diff where one worker's status (one row segment) changed. The byte counts of the
 * full repaint and of the one-segment change are part of the group names.
 * Targets: unchanged well under 1 ms; full repaint about 1-2 ms.
 */
import { paint } from "../../src/dashboard/render/paint.ts";
import { cloneScreen, dashboardFrame } from "../dashboard/_frames.ts";

const OPTIONS = { depth: "truecolor" } as const;
const frame = dashboardFrame();
const unchanged = cloneScreen(frame);
const changed = cloneScreen(frame);
changed.text(20, 12, "idle      ", { fg: "yellow" });

const bytes = (text: string) => new TextEncoder().encode(text).length;
const fullBytes = bytes(paint(undefined, frame, OPTIONS));
const segmentBytes = bytes(paint(frame, changed, OPTIONS));
const ratio = ((segmentBytes / fullBytes) * 100).toFixed(2);
const group = `paint 199×55 (full ${fullBytes} B, one segment ${segmentBytes} B = ${ratio}%)`;

Deno.bench({
  name: "full repaint",
  group,
  baseline: true,
  fn() {
    paint(undefined, frame, OPTIONS);
  },
});

Deno.bench({
  name: "unchanged frame",
  group,
  fn() {
    if (paint(frame, unchanged, OPTIONS) !== "") throw new Error("an unchanged frame painted");
  },
});

Deno.bench({
  name: "one row segment changed",
  group,
  fn() {
    paint(frame, changed, OPTIONS);
  },
});
