/**
 * Setting numbers in a configuration file the user wrote (`max_workers`, a workspace entry's
 * `max_workers`, `budget.monthly_usd`) without disturbing anything else. The yaml Document API
 * finds where a value is, or the mapping a missing key belongs to; the number is then spliced into
 * the original text, so every other byte (comments, blank lines, quoting, key order) stays as it
 * was. The result must read back as exactly the intended value; when a layout is too unusual to
 * splice (a missing key in a flow mapping), the Document API re-serialises the file instead, which
 * keeps comments but may reformat.
 */
import { isDeepStrictEqual } from "node:util";
import type { Pair, Scalar, YAMLMap } from "yaml";
import { ForgeError } from "../domain/mod.ts";

/** Where a number goes: keys of mappings, and indexes of lists (a workspace entry). */
export type YamlPath = readonly (string | number)[];

/** One number to set. */
export interface NumberEdit {
  readonly path: YamlPath;
  readonly value: number;
}

type Yaml = typeof import("yaml");

/**
 * Sets numbers in a YAML file, creating missing keys (and their missing parent mappings).
 *
 * @param text the file's text (valid YAML, a mapping or empty)
 * @param edits the numbers to set; list indexes must exist
 * @returns the new text
 * @throws {ForgeError} INTERNAL when no edit reads back as intended
 */
export async function setYamlNumbers(text: string, edits: readonly NumberEdit[]): Promise<string> {
  const y = await import("yaml");
  const expected = valueOf(y, text) ?? {};
  for (const e of edits) setIn(expected, e.path, e.value);
  let spliced: string | undefined = text;
  for (const e of edits) spliced = spliced === undefined ? undefined : splice(y, spliced, e);
  if (spliced !== undefined && isDeepStrictEqual(valueOf(y, spliced), expected)) return spliced;
  const doc = y.parseDocument(text);
  for (const e of edits) doc.setIn([...e.path], e.value);
  const rendered = String(doc);
  if (isDeepStrictEqual(valueOf(y, rendered), expected)) return rendered;
  throw new ForgeError(
    "INTERNAL",
    "Cannot edit the configuration file: the edited file would not read back as intended",
    { hint: "set the value in the configuration file by hand" },
  );
}

/** The text's value as a mapping; undefined when it has errors or is not one. */
function valueOf(y: Yaml, text: string): Record<string, unknown> | undefined {
  const doc = y.parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const value = doc.toJS() as unknown;
  if (value === null || value === undefined) return {};
  return typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

function setIn(root: Record<string, unknown>, path: YamlPath, value: number): void {
  let node: Record<string | number, unknown> = root;
  for (const [i, step] of path.entries()) {
    if (i === path.length - 1) {
      node[step] = value;
      return;
    }
    const next = node[step];
    if (next === null || typeof next !== "object") node[step] = {};
    node = node[step] as Record<string | number, unknown>;
  }
}

/** The text with one number set in place, or undefined when the layout is not spliceable. */
function splice(y: Yaml, text: string, edit: NumberEdit): string | undefined {
  const doc = y.parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  let node: unknown = doc.contents;
  if (node === null) return appendLines(text, keyLines(edit.path, edit.value, 0));
  for (const [i, step] of edit.path.entries()) {
    if (typeof step === "number") {
      node = y.isSeq(node) ? node.items[step] : undefined;
      if (node === undefined) return undefined;
      continue;
    }
    if (!y.isMap(node)) return undefined;
    const map = node as YAMLMap<unknown, unknown>;
    const pair = map.items.find((p) => y.isScalar(p.key) && p.key.value === step);
    if (pair === undefined) return insertInMap(text, map, edit.path.slice(i), edit.value);
    if (i === edit.path.length - 1) return replaceScalar(y, text, pair, edit.value);
    node = pair.value;
  }
  return undefined;
}

function replaceScalar(
  y: Yaml,
  text: string,
  pair: Pair<unknown, unknown>,
  value: number,
): string | undefined {
  const v = pair.value;
  if (!y.isScalar(v) || typeof (v as Scalar).value !== "number") return undefined;
  const range = rangeOf(v);
  if (range === undefined) return undefined;
  return text.slice(0, range[0]) + String(value) + text.slice(range[1]);
}

/** New keys after the last entry of a block mapping, at its indentation. */
function insertInMap(
  text: string,
  map: YAMLMap<unknown, unknown>,
  rest: YamlPath,
  value: number,
): string | undefined {
  const first = map.items[0];
  const last = map.items.at(-1);
  if (map.flow === true || first === undefined || last === undefined) return undefined;
  if (rest.some((step) => typeof step === "number")) return undefined;
  const keyStart = rangeOf(first.key)?.[0];
  const end = rangeOf(last.value)?.[1] ?? rangeOf(last.key)?.[1];
  if (keyStart === undefined || end === undefined) return undefined;
  const at = lineEndAfter(text, end);
  const lines = keyLines(rest, value, columnOf(text, keyStart));
  const sep = at > 0 && text[at - 1] !== "\n" ? "\n" : "";
  return text.slice(0, at) + sep + lines + text.slice(at);
}

/** `a:\n  b: 5\n` for the path [a, b], at `indent` spaces. */
function keyLines(path: YamlPath, value: number, indent: number): string {
  return path.map((step, i) =>
    `${" ".repeat(indent + 2 * i)}${String(step)}:${
      i === path.length - 1 ? ` ${String(value)}` : ""
    }\n`
  ).join("");
}

function appendLines(text: string, lines: string): string {
  return `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${lines}`;
}

function rangeOf(node: unknown): readonly [number, number, number] | undefined {
  const r = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  return r ?? undefined;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/** The start of the line after the one holding `offset - 1`. */
function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const nl = text.indexOf("\n", offset);
  return nl === -1 ? text.length : nl + 1;
}
