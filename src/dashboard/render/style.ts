/**
 * Cell styles: colours and attributes, interned as small integers so a frame compares cells
 * with one number. Colours are named (the 16 ANSI colours), `#rrggbb` (truecolor), or absent for
 * the terminal's own; the encoder maps them to what the terminal supports.
 */

/** The 16 ANSI colour names, in SGR order (30-37, then 90-97). */
export const ANSI_COLORS = [
  "black",
  "red",
  "green",
  "yellow",
  "blue",
  "magenta",
  "cyan",
  "white",
  "gray",
  "brightRed",
  "brightGreen",
  "brightYellow",
  "brightBlue",
  "brightMagenta",
  "brightCyan",
  "brightWhite",
] as const;

/** A named ANSI colour. */
export type AnsiColor = typeof ANSI_COLORS[number];

/** A colour: named, or `#rrggbb`. */
export type Color = AnsiColor | `#${string}`;

/** How a cell looks. Absent colours are the terminal's defaults. */
export interface Style {
  readonly fg?: Color;
  readonly bg?: Color;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly reverse?: boolean;
}

/** The plain style; always id 0. */
export const PLAIN: Style = {};

function keyOf(s: Style): string {
  return `${s.fg ?? ""}|${s.bg ?? ""}|${s.bold ? 1 : 0}${s.dim ? 1 : 0}${s.italic ? 1 : 0}${
    s.underline ? 1 : 0
  }${s.reverse ? 1 : 0}`;
}

/** Interns styles: the same look always gets the same id. */
export class StyleTable {
  readonly #ids = new Map<string, number>();
  readonly #styles: Style[] = [];

  constructor() {
    this.id(PLAIN);
  }

  /**
   * The id of a style, adding it when new.
   *
   * @param style a style
   * @returns its id
   */
  id(style: Style): number {
    const key = keyOf(style);
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#styles.length;
      this.#styles.push(style);
      this.#ids.set(key, id);
    }
    return id;
  }

  /**
   * The style of an id.
   *
   * @param id an id from id()
   * @returns the style (plain for an unknown id)
   */
  get(id: number): Style {
    return this.#styles[id] ?? PLAIN;
  }

  /** How many styles are interned. */
  get size(): number {
    return this.#styles.length;
  }
}
