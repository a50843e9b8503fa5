/**
 * Where things go on the screen: the frame (header, optional tab bar, content, footer), rectangle
 * splitting, and the overview's panels by terminal size. Breakpoints (design.md "Dashboard"):
 * width ≥ 199 three columns, 120-198 two, narrower one panel with a tab bar; height ≥ 55 and ≥ 38
 * add panels; below 80×24 the view shows a "terminal too small" notice instead.
 */
import type { Size } from "../model.ts";
import type { Rect } from "../render/screen.ts";

/** The smallest size the dashboard draws. */
export const MIN_SIZE: Size = { width: 80, height: 24 };
/** From this width the overview has two columns. */
export const TWO_COLUMNS = 120;
/** From this width the overview has three columns. */
export const THREE_COLUMNS = 199;
/** From this height the overview adds panels and lengthens tables. */
export const MEDIUM_HEIGHT = 38;
/** From this height the overview shows every panel. */
export const TALL_HEIGHT = 55;

/** Every panel the overview can show. */
export type PanelName =
  | "workers"
  | "subscriptions"
  | "tasks"
  | "activity"
  | "costs"
  | "metrics"
  | "alerts"
  | "routing";

/** One panel and its rectangle. */
export interface Placement {
  readonly panel: PanelName;
  readonly rect: Rect;
}

/** The screen's regions. */
export interface Frame {
  readonly header: Rect;
  /** The tab bar row, below the header when the header is too narrow to hold the tabs. */
  readonly tabs: Rect | undefined;
  readonly content: Rect;
  readonly footer: Rect;
}

/** A share of a split: a fixed number of cells, or a weight of what the fixed parts leave. */
export type Part = number | { readonly weight: number };

/**
 * True when the terminal is smaller than the dashboard can use.
 *
 * @param size terminal size
 * @returns whether to show the "too small" notice
 */
export function tooSmall(size: Size): boolean {
  return size.width < MIN_SIZE.width || size.height < MIN_SIZE.height;
}

/**
 * The frame of a screen: header on the first row, footer on the last, and a tab bar under the
 * header when the header cannot hold the tabs.
 *
 * @param size terminal size (at least MIN_SIZE)
 * @param tabsRow give the tabs a row of their own
 * @returns the regions
 */
export function frameLayout(size: Size, tabsRow: boolean): Frame {
  const { width, height } = size;
  const tabs = tabsRow ? { x: 0, y: 1, width, height: 1 } : undefined;
  const top = tabs === undefined ? 1 : 2;
  return {
    header: { x: 0, y: 0, width, height: 1 },
    tabs,
    content: { x: 0, y: top, width, height: Math.max(0, height - top - 1) },
    footer: { x: 0, y: height - 1, width, height: 1 },
  };
}

function sizes(total: number, parts: readonly Part[]): number[] {
  const out = parts.map((p) => (typeof p === "number" ? Math.max(0, p) : 0));
  let fixed = out.reduce((a, b) => a + b, 0);
  for (let i = out.length - 1; i >= 0 && fixed > total; i--) {
    const cut = Math.min(out[i] ?? 0, fixed - total);
    out[i] = (out[i] ?? 0) - cut;
    fixed -= cut;
  }
  const rest = Math.max(0, total - fixed);
  const weights = parts.map((p) => (typeof p === "number" ? 0 : Math.max(0, p.weight)));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return out;
  let given = 0;
  weights.forEach((w, i) => {
    const share = Math.floor((rest * w) / sum);
    out[i] = (out[i] ?? 0) + share;
    given += share;
  });
  for (let i = 0; given < rest && i < weights.length; i = (i + 1) % weights.length) {
    if ((weights[i] ?? 0) > 0) {
      out[i] = (out[i] ?? 0) + 1;
      given++;
    }
  }
  return out;
}

/**
 * Splits a rectangle into rows, top to bottom.
 *
 * @param rect the rectangle
 * @param parts each row's share
 * @returns one rectangle per part (some may be empty)
 */
export function splitRows(rect: Rect, parts: readonly Part[]): Rect[] {
  let y = rect.y;
  return sizes(rect.height, parts).map((h) => {
    const r = { x: rect.x, y, width: rect.width, height: h };
    y += h;
    return r;
  });
}

/**
 * Splits a rectangle into columns, left to right.
 *
 * @param rect the rectangle
 * @param parts each column's share
 * @returns one rectangle per part (some may be empty)
 */
export function splitColumns(rect: Rect, parts: readonly Part[]): Rect[] {
  let x = rect.x;
  return sizes(rect.width, parts).map((w) => {
    const r = { x, y: rect.y, width: w, height: rect.height };
    x += w;
    return r;
  });
}

/**
 * A rectangle of at most the given size, centred in another.
 *
 * @param outer where
 * @param size wanted size (clamped to `outer`)
 * @returns the centred rectangle
 */
export function centered(outer: Rect, size: Size): Rect {
  const width = Math.max(0, Math.min(size.width, outer.width));
  const height = Math.max(0, Math.min(size.height, outer.height));
  return {
    x: outer.x + Math.floor((outer.width - width) / 2),
    y: outer.y + Math.floor((outer.height - height) / 2),
    width,
    height,
  };
}

const W = { weight: 1 };

function column(rect: Rect, panels: readonly [PanelName, Part][]): Placement[] {
  const rows = splitRows(rect, panels.map(([, p]) => p));
  return panels.map(([panel], i) => ({ panel, rect: rows[i] ?? rect }));
}

/**
 * The overview's panels for a terminal size.
 *
 * @param content the content region
 * @param size terminal size
 * @returns the panels to draw, each with its rectangle
 */
export function overviewLayout(content: Rect, size: Size): Placement[] {
  const tall = size.height >= TALL_HEIGHT;
  const medium = size.height >= MEDIUM_HEIGHT;
  if (size.width >= THREE_COLUMNS) {
    const [a, b, c] = splitColumns(content, [W, W, W]) as [Rect, Rect, Rect];
    const left: [PanelName, Part][] = tall
      ? [["workers", { weight: 5 }], ["subscriptions", { weight: 3 }], ["routing", { weight: 3 }]]
      : [["workers", { weight: 3 }], ["subscriptions", { weight: 2 }]];
    const right: [PanelName, Part][] = medium
      ? [["costs", 13], ["metrics", tall ? 13 : 10], ["alerts", W]]
      : [["costs", { weight: 3 }], ["alerts", { weight: 2 }]];
    return [
      ...column(a, left),
      ...column(b, [["tasks", { weight: 3 }], ["activity", { weight: 2 }]]),
      ...column(c, right),
    ];
  }
  if (size.width >= TWO_COLUMNS) {
    const [a, b] = splitColumns(content, [W, W]) as [Rect, Rect];
    if (tall) {
      return [
        ...column(a, [["workers", { weight: 4 }], ["subscriptions", { weight: 3 }], ["costs", 13]]),
        ...column(b, [["tasks", { weight: 4 }], ["activity", { weight: 3 }], ["alerts", 13]]),
      ];
    }
    return [
      ...column(a, [["workers", { weight: 3 }], ["subscriptions", { weight: 2 }]]),
      ...column(b, [["tasks", { weight: 3 }], ["activity", { weight: 2 }]]),
    ];
  }
  const stack: [PanelName, Part][] = [["workers", W], ["tasks", W], ["activity", W]];
  if (medium) stack.push(["alerts", tall ? W : 8]);
  return column(content, stack);
}
