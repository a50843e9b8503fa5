/**
 * A tiny, strict virtual terminal for renderer tests: it understands what paint() may send (CUP,
 * SGR, erase display, DEC 2026, printable text with wide glyphs) into a grid shaped like a
 * Screen ("" marks the right half of a wide glyph), and throws on anything else, including a
 * write that would wrap or scroll, so a renderer bug fails loudly instead of drawing garbage.
 */
import { textWidth } from "../../src/dashboard/render/width.ts";

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** SGR state as a comparable key: attributes, then colour parameters. */
interface Pen {
  attrs: Set<number>;
  fg: string;
  bg: string;
}

function penKey(pen: Pen): string {
  return `${[...pen.attrs].sort((a, b) => a - b).join(",")}|${pen.fg}|${pen.bg}`;
}

function applySgr(pen: Pen, params: string): void {
  const values = params === "" ? [0] : params.split(";").map(Number);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === 0) {
      pen.attrs.clear();
      pen.fg = "";
      pen.bg = "";
    } else if ([1, 2, 3, 4, 7].includes(v)) pen.attrs.add(v);
    else if ((v >= 30 && v <= 37) || (v >= 90 && v <= 97)) pen.fg = String(v);
    else if ((v >= 40 && v <= 47) || (v >= 100 && v <= 107)) pen.bg = String(v);
    else if (v === 38 || v === 48) {
      const take = values[i + 1] === 2 ? 5 : 3;
      const colour = values.slice(i, i + take).join(";");
      if (v === 38) pen.fg = colour;
      else pen.bg = colour;
      i += take - 1;
    } else throw new Error(`vt: unsupported SGR parameter ${v} in "${params}"`);
  }
}

/**
 * The style key a cell gets after an SGR sequence is applied to a reset terminal.
 *
 * @param sequence an SGR escape sequence
 * @returns the key VirtualTerminal.styleAt() reports for cells drawn after it
 */
export function styleKeyOf(sequence: string): string {
  const pen: Pen = { attrs: new Set(), fg: "", bg: "" };
  // deno-lint-ignore no-control-regex
  const match = /^\x1b\[([0-9;]*)m$/.exec(sequence);
  if (match === null) throw new Error(`vt: not an SGR sequence: ${JSON.stringify(sequence)}`);
  applySgr(pen, match[1]!);
  return penKey(pen);
}

/** A grid of cells that escape sequences and text are applied to. */
export class VirtualTerminal {
  readonly width: number;
  readonly height: number;
  readonly chars: string[];
  readonly styles: string[];
  #x = 0;
  #y = 0;
  #pen: Pen = { attrs: new Set(), fg: "", bg: "" };
  #sync = false;
  /** Bytes applied so far. */
  written = 0;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.chars = new Array<string>(width * height).fill(" ");
    this.styles = new Array<string>(width * height).fill(penKey(this.#pen));
  }

  /** True while inside a synchronized-output block. */
  get synchronized(): boolean {
    return this.#sync;
  }

  /** Applies terminal output. */
  apply(output: string): void {
    this.written += new TextEncoder().encode(output).length;
    // deno-lint-ignore no-control-regex
    const pattern = /\x1b\[([?0-9;]*)([A-Za-z])|([^\x1b]+)|(\x1b[\s\S]?)/g;
    for (const m of output.matchAll(pattern)) {
      if (m[3] !== undefined) this.#print(m[3]);
      else if (m[4] !== undefined) throw new Error(`vt: unknown escape ${JSON.stringify(m[4])}`);
      else this.#control(m[1]!, m[2]!);
    }
  }

  #control(params: string, final: string): void {
    if (final === "H") {
      const [row, col] = params === "" ? [1, 1] : params.split(";").map(Number);
      if (row! < 1 || row! > this.height || col! < 1 || col! > this.width) {
        throw new Error(
          `vt: cursor position ${params} is off the ${this.width}×${this.height} grid`,
        );
      }
      this.#y = row! - 1;
      this.#x = col! - 1;
    } else if (final === "m") applySgr(this.#pen, params);
    else if (final === "J" && params === "2") {
      this.chars.fill(" ");
      this.styles.fill(penKey(this.#pen));
    } else if (final === "h" && params === "?2026") this.#sync = true;
    else if (final === "l" && params === "?2026") this.#sync = false;
    else throw new Error(`vt: unsupported sequence ESC[${params}${final}`);
  }

  #print(text: string): void {
    for (const { segment } of segmenter.segment(text)) {
      const w = textWidth(segment);
      // deno-lint-ignore no-control-regex
      if (w < 1 || w > 2 || /[\x00-\x1f\x7f]/.test(segment)) {
        throw new Error(`vt: unprintable ${JSON.stringify(segment)}`);
      }
      if (this.#x + w > this.width) {
        throw new Error(`vt: ${JSON.stringify(segment)} at column ${this.#x + 1} would wrap`);
      }
      this.#put(segment, w);
    }
  }

  /** Writes like a real terminal: overwriting either half of a wide glyph blanks the other. */
  #put(glyph: string, w: number): void {
    const row = this.#y * this.width;
    for (let x = this.#x; x < this.#x + w; x++) this.#breakWide(row, x);
    const i = row + this.#x;
    this.chars[i] = glyph;
    this.styles[i] = penKey(this.#pen);
    if (w === 2) {
      this.chars[i + 1] = "";
      this.styles[i + 1] = penKey(this.#pen);
    }
    // After the last column the cursor stays put: the next glyph would wrap (and throw).
    this.#x = Math.min(this.#x + w, this.width);
  }

  #breakWide(row: number, x: number): void {
    if (this.chars[row + x] === "" && x > 0) this.chars[row + x - 1] = " ";
    if (x + 1 < this.width && this.chars[row + x + 1] === "") this.chars[row + x + 1] = " ";
  }

  /** Row y's text, each wide glyph once. */
  rowText(y: number): string {
    return this.chars.slice(y * this.width, (y + 1) * this.width).join("");
  }

  /** All rows joined by newlines, as Screen.plainText(). */
  plainText(): string {
    const rows: string[] = [];
    for (let y = 0; y < this.height; y++) rows.push(this.rowText(y));
    return rows.join("\n");
  }

  /** The style key of cell (x, y). */
  styleAt(x: number, y: number): string {
    return this.styles[y * this.width + x]!;
  }
}
