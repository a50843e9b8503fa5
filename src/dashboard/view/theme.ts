/**
 * The dashboard's colours, by role. One theme, mid-tone truecolor values that read on dark and
 * light terminals alike (the encoder downgrades them to 256 or 16 colours, or drops them for
 * NO_COLOR); body text keeps the terminal's own colour, and selection is reverse video so it
 * works with any palette.
 */
import type { Style, StyleTable } from "../render/style.ts";

const GREEN = "#3fa34d";
const AMBER = "#c99a06";
const RED = "#e0474c";
const BLUE = "#4c8edb";
const PURPLE = "#a86ad8";
const ORANGE = "#e07b26";
const GRAY = "#8b949e";
const ACCENT = "#2b9bd6";

/** Every role the views draw with. */
export const THEME = {
  text: {},
  bold: { bold: true },
  muted: { fg: GRAY },
  accent: { fg: ACCENT },
  brand: { fg: "#ffffff", bg: ACCENT, bold: true },
  border: { fg: GRAY },
  borderFocus: { fg: ACCENT },
  title: { bold: true },
  titleFocus: { fg: ACCENT, bold: true },
  heading: { fg: GRAY, bold: true },
  key: { fg: ACCENT, bold: true },
  tabActive: { fg: ACCENT, bold: true, underline: true },
  ok: { fg: GREEN },
  warn: { fg: AMBER },
  danger: { fg: RED },
  dangerBold: { fg: RED, bold: true },
  info: { fg: BLUE },
  special: { fg: PURPLE },
  orange: { fg: ORANGE },
  selection: { reverse: true },
  cursor: { reverse: true },
  barEmpty: { fg: GRAY, dim: true },
  toastInfo: { fg: BLUE, reverse: true, bold: true },
  toastSuccess: { fg: GREEN, reverse: true, bold: true },
  toastWarn: { fg: AMBER, reverse: true, bold: true },
  toastError: { fg: RED, reverse: true, bold: true },
} as const satisfies Record<string, Style>;

/** A role of the theme. */
export type Role = keyof typeof THEME;

/** The theme's styles as ids of one style table. */
export type ThemeIds = { readonly [R in Role]: number };

const cache = new WeakMap<StyleTable, ThemeIds>();

/**
 * The theme interned into a style table, once per table (the runtime shares one table between
 * frames, so this runs once per session).
 *
 * @param styles the table the screen uses
 * @returns the id of every role
 */
export function themeIds(styles: StyleTable): ThemeIds {
  let ids = cache.get(styles);
  if (ids === undefined) {
    const out: Partial<Record<Role, number>> = {};
    for (const role of Object.keys(THEME) as Role[]) out[role] = styles.id(THEME[role]);
    ids = out as ThemeIds;
    cache.set(styles, ids);
  }
  return ids;
}
