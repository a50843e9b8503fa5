/**
 * The cell buffer a view draws into: one glyph and one style id per cell. A wide glyph takes its
 * cell and the next, which holds "" (a continuation). Drawing is clipped to the buffer and to an
 * optional width, so no view can write outside its rectangle or past the screen's edge.
 */
import { type Style, StyleTable } from "./style.ts";
import { glyphs } from "./width.ts";

/** A rectangle of cells. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A style given as itself or as an interned id. */
export type StyleRef = Style | number;

/** A grid of cells. */
export class Screen {
  readonly width: number;
  readonly height: number;
  /** Row-major glyphs; "" marks the right half of a wide glyph. */
  readonly chars: string[];
  /** Row-major style ids (see `styles`). */
  readonly styleIds: Uint16Array;
  readonly styles: StyleTable;

  /**
   * @param width columns (at least 0)
   * @param height rows (at least 0)
   * @param styles the style table to intern into (share one between frames to diff them)
   */
  constructor(width: number, height: number, styles: StyleTable = new StyleTable()) {
    this.width = Math.max(0, Math.floor(width));
    this.height = Math.max(0, Math.floor(height));
    this.chars = new Array<string>(this.width * this.height).fill(" ");
    this.styleIds = new Uint16Array(this.width * this.height);
    this.styles = styles;
  }

  /** The whole screen as a rectangle. */
  get rect(): Rect {
    return { x: 0, y: 0, width: this.width, height: this.height };
  }

  #styleId(style: StyleRef | undefined): number {
    if (style === undefined) return 0;
    return typeof style === "number" ? style : this.styles.id(style);
  }

  /**
   * Sets one cell (a width-1 glyph). Outside the screen does nothing.
   *
   * @param x column
   * @param y row
   * @param char one narrow glyph
   * @param style its style
   */
  set(x: number, y: number, char: string, style?: StyleRef): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = y * this.width + x;
    this.#breakWide(x, y);
    this.chars[i] = char;
    this.styleIds[i] = this.#styleId(style);
  }

  /** Overwriting half of a wide glyph blanks its other half. */
  #breakWide(x: number, y: number): void {
    const i = y * this.width + x;
    if (this.chars[i] === "" && x > 0) this.chars[i - 1] = " ";
    else if (x + 1 < this.width && this.chars[i + 1] === "") this.chars[i + 1] = " ";
  }

  /**
   * Writes text from (x, y) rightwards on one row, clipped to `maxWidth` columns and the screen.
   * A wide glyph that would not fit whole is left out (the cell stays as it was).
   *
   * @param x start column
   * @param y row
   * @param text text (control characters are replaced)
   * @param style its style
   * @param maxWidth at most this many columns
   * @returns columns written
   */
  text(x: number, y: number, text: string, style?: StyleRef, maxWidth = Infinity): number {
    if (y < 0 || y >= this.height || text.length === 0) return 0;
    const id = this.#styleId(style);
    const limit = Math.min(this.width, x + Math.max(0, maxWidth));
    let col = x;
    for (const g of glyphs(text)) {
      if (col + g.width > limit) break;
      if (col >= 0) {
        const i = y * this.width + col;
        this.#breakWide(col, y);
        this.chars[i] = g.text;
        this.styleIds[i] = id;
        if (g.width === 2) {
          this.#breakWide(col + 1, y);
          this.chars[i + 1] = "";
          this.styleIds[i + 1] = id;
        }
      }
      col += g.width;
    }
    return Math.max(0, col - x);
  }

  /**
   * Fills a rectangle (clipped) with one narrow glyph.
   *
   * @param rect where
   * @param char the glyph (default a space)
   * @param style its style
   */
  fill(rect: Rect, char?: string, style?: StyleRef): void {
    const glyph = char ?? " ";
    const id = this.#styleId(style);
    const x0 = Math.max(0, rect.x);
    const y0 = Math.max(0, rect.y);
    const x1 = Math.min(this.width, rect.x + rect.width);
    const y1 = Math.min(this.height, rect.y + rect.height);
    if (x1 <= x0) return;
    for (let y = y0; y < y1; y++) {
      if (x0 > 0 && this.chars[y * this.width + x0] === "") {
        this.chars[y * this.width + x0 - 1] = " ";
      }
      if (x1 < this.width && this.chars[y * this.width + x1] === "") {
        this.chars[y * this.width + x1] = " ";
      }
      for (let x = x0; x < x1; x++) {
        const i = y * this.width + x;
        this.chars[i] = glyph;
        this.styleIds[i] = id;
      }
    }
  }

  /**
   * The text of one row (wide glyphs once, styles dropped): for tests and plain captures.
   *
   * @param y row
   * @returns the row's text
   */
  rowText(y: number): string {
    if (y < 0 || y >= this.height) return "";
    return this.chars.slice(y * this.width, (y + 1) * this.width).join("");
  }

  /**
   * The whole screen as plain text, rows joined by newlines, trailing spaces kept.
   *
   * @returns the text
   */
  plainText(): string {
    const rows: string[] = [];
    for (let y = 0; y < this.height; y++) rows.push(this.rowText(y));
    return rows.join("\n");
  }
}
