/**
 * Frames for renderer tests and benchmarks: a copy of a screen, and a full-size dashboard-like
 * frame (199×55, the three-column layout's size) with borders, colours, CJK text and sparklines.
 */
import { Screen } from "../../src/dashboard/render/screen.ts";
import { type Style, StyleTable } from "../../src/dashboard/render/style.ts";

/**
 * A copy of a screen.
 *
 * @param screen the screen
 * @param styles the table to intern its styles into (the screen's own by default)
 * @returns an equal screen
 */
export function cloneScreen(screen: Screen, styles: StyleTable = screen.styles): Screen {
  const copy = new Screen(screen.width, screen.height, styles);
  for (let i = 0; i < screen.chars.length; i++) {
    copy.chars[i] = screen.chars[i]!;
    copy.styleIds[i] = styles === screen.styles
      ? screen.styleIds[i]!
      : styles.id(screen.styles.get(screen.styleIds[i]!));
  }
  return copy;
}

/**
 * A 199×55 frame shaped like the dashboard: panel borders, rows of worker, task and cost text.
 *
 * @param styles the style table to draw with
 * @returns the frame
 */
export function dashboardFrame(styles: StyleTable = new StyleTable()): Screen {
  const screen = new Screen(199, 55, styles);
  const border: Style = { fg: "#5f87af" };
  for (let y = 0; y < 55; y++) {
    for (const x of [0, 66, 132, 198]) screen.text(x, y, "│", border);
  }
  for (let y = 1; y < 54; y++) {
    screen.text(2, y, `worker-${y} sonnet busy bd-${100 + y} 任务 ${y * 7}%`, { fg: "#d0d0d0" });
    screen.text(68, y, `P${y % 5} bd-${200 + y} fix the flaky test ${"▁▂▃▅▇"[y % 5]}`);
    screen.text(134, y, `$${(y * 1.37).toFixed(2)} today`, { bold: true, fg: "green" });
  }
  return screen;
}
