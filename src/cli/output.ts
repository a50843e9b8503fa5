/**
 * Everything FORGE prints goes through here: redacted, coloured only on a terminal (and never with
 * `NO_COLOR` or `--no-color`), JSON on stdout when `--json` is set.
 */
import { redact } from "../domain/mod.ts";

/** A place to write text. */
export interface Sink {
  write(text: string): void;
}

/** Output settings decided once per run. */
export interface OutputOptions {
  readonly json: boolean;
  readonly color: boolean;
  readonly isTty: boolean;
  readonly stdout: Sink;
  readonly stderr: Sink;
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const;

/** Colour names the CLI uses. */
export type StyleName = keyof typeof CODES;

/** Printing for commands. */
export class Output {
  readonly json: boolean;
  readonly color: boolean;
  readonly isTty: boolean;
  readonly #stdout: Sink;
  readonly #stderr: Sink;

  /** @param options sinks and settings */
  constructor(options: OutputOptions) {
    this.json = options.json;
    this.color = options.color;
    this.isTty = options.isTty;
    this.#stdout = options.stdout;
    this.#stderr = options.stderr;
  }

  /** Prints lines to stdout. */
  print(text = ""): void {
    this.#stdout.write(`${redact(text)}\n`);
  }

  /** Prints raw text to stdout (no newline added). */
  write(text: string): void {
    this.#stdout.write(redact(text));
  }

  /** Prints a value as JSON to stdout (one document; pretty on a terminal, compact otherwise). */
  printJson(value: unknown): void {
    const text = this.isTty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
    this.#stdout.write(`${redact(text)}\n`);
  }

  /** A progress or information line on stderr. */
  info(text: string): void {
    this.#stderr.write(`${redact(text)}\n`);
  }

  /** A warning on stderr. */
  warn(text: string): void {
    this.#stderr.write(`${this.style("yellow", "warning:")} ${redact(text)}\n`);
  }

  /** An error line on stderr. */
  error(text: string): void {
    this.#stderr.write(`${this.style("red", "error:")} ${redact(text)}\n`);
  }

  /** Wraps text in a colour when colour is on. */
  style(name: StyleName, text: string): string {
    if (!this.color) return text;
    const [on, off] = CODES[name];
    return `\x1b[${on}m${text}\x1b[${off}m`;
  }
}

/**
 * Lays rows out in aligned columns (by code points; the dashboard handles wide characters).
 *
 * @param header column titles
 * @param rows cells
 * @returns the table's lines
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => [...(r[i] ?? "")].length))
  );
  const line = (cells: readonly string[]) =>
    cells.map((
      c,
      i,
    ) => (i === cells.length - 1 ? c : c + " ".repeat((widths[i] ?? 0) - [...c].length)))
      .join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}
