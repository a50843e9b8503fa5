/**
 * Editing the `workspaces:` list of a configuration file the user wrote, without disturbing
 * anything else. The yaml Document API finds where the list and its items are; the change is then
 * spliced into the original text, so every other byte (comments, blank lines, quoting, key order)
 * stays as it was. The result is parsed again and must read back as exactly the intended value;
 * when a layout is too unusual to splice (a flow-style list, a flow top-level mapping), the
 * Document API re-serialises the file instead, which keeps comments but may reformat.
 */
import { isDeepStrictEqual } from "node:util";
import type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { ForgeError } from "../domain/mod.ts";

/** One `workspaces:` entry as written (values unchecked: the schema judges the whole file). */
export type WorkspaceFields = Readonly<Record<string, string | number | boolean>>;

type Yaml = typeof import("yaml");

interface Parsed {
  readonly y: Yaml;
  readonly doc: Document.Parsed;
  readonly value: Record<string, unknown>;
  readonly pair: Pair<Scalar, unknown> | undefined;
}

async function parse(text: string): Promise<Parsed> {
  const y = await import("yaml");
  const doc = y.parseDocument(text);
  const raw = doc.toJS();
  const value = raw !== null && typeof raw === "object" ? raw as Record<string, unknown> : {};
  const root = doc.contents;
  const pair = y.isMap(root)
    ? (root as YAMLMap<Scalar, unknown>).items.find((p) =>
      y.isScalar(p.key) && p.key.value === "workspaces"
    )
    : undefined;
  return { y, doc, value, pair };
}

/**
 * Appends entries to `workspaces:` (creating the key at the end of the file when it is missing).
 *
 * @param text the file's text (valid YAML)
 * @param entries the entries to append, keys in the order to write them
 * @returns the new text
 * @throws {ForgeError} INTERNAL when no edit reads back as intended
 */
export async function addWorkspaceEntries(
  text: string,
  entries: readonly WorkspaceFields[],
): Promise<string> {
  const p = await parse(text);
  const list = Array.isArray(p.value["workspaces"]) ? p.value["workspaces"] as unknown[] : [];
  const expected = { ...p.value, workspaces: [...list, ...entries] };
  return await settle(p, {
    spliced: spliceAdd(p, text, entries),
    expected,
    fallback: () => {
      const seq = p.pair?.value;
      if (p.y.isSeq(seq)) { for (const e of entries) seq.add(p.doc.createNode(e)); }
      else p.doc.set("workspaces", p.doc.createNode([...entries]));
    },
  });
}

/**
 * Removes one entry of `workspaces:` (leaving `workspaces: []` when it was the last).
 *
 * @param text the file's text (valid YAML with a `workspaces:` list)
 * @param index the entry's position in the list
 * @returns the new text
 * @throws {ForgeError} INTERNAL when no edit reads back as intended
 */
export async function removeWorkspaceEntry(text: string, index: number): Promise<string> {
  const p = await parse(text);
  const list = Array.isArray(p.value["workspaces"]) ? p.value["workspaces"] as unknown[] : [];
  const expected = { ...p.value, workspaces: list.filter((_, i) => i !== index) };
  return await settle(p, {
    spliced: spliceRemove(p, text, index),
    expected,
    fallback: () => p.doc.deleteIn(["workspaces", index]),
  });
}

/** The spliced text when it reads back right, else the Document API's rendering. */
async function settle(
  p: Parsed,
  options: {
    readonly spliced: string | undefined;
    readonly expected: Record<string, unknown>;
    readonly fallback: () => void;
  },
): Promise<string> {
  const { spliced, expected } = options;
  if (spliced !== undefined && await readsAs(spliced, expected)) return spliced;
  options.fallback();
  const rendered = String(p.doc);
  if (await readsAs(rendered, expected)) return rendered;
  throw new ForgeError(
    "INTERNAL",
    "Cannot edit the workspaces list: the edited file would not read back as intended",
    { hint: "edit workspaces: in the configuration file by hand" },
  );
}

async function readsAs(text: string, expected: Record<string, unknown>): Promise<boolean> {
  const p = await parse(text);
  return p.doc.errors.length === 0 && isDeepStrictEqual(p.value, expected);
}

function spliceAdd(
  p: Parsed,
  text: string,
  entries: readonly WorkspaceFields[],
): string | undefined {
  const { y, doc, pair } = p;
  const root = doc.contents;
  if (root !== null && (!y.isMap(root) || root.flow === true)) return undefined;
  if (pair === undefined) {
    const sep = text === "" || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
    return `${text}${sep}workspaces:\n${itemsText(entries, 2)}`;
  }
  const v = pair.value as Node | null;
  const range = rangeOf(v);
  if (y.isSeq(v) && v.flow !== true && v.items.length > 0 && range !== undefined) {
    const at = range[1];
    const sep = at > 0 && text[at - 1] !== "\n" ? "\n" : "";
    return text.slice(0, at) + sep + itemsText(entries, columnOf(text, range[0])) +
      text.slice(at);
  }
  const empty = v === null || (y.isScalar(v) && v.value === null) ||
    (y.isSeq(v) && v.items.length === 0);
  const key = rangeOf(pair.key);
  const colon = colonAfter(text, key?.[1]);
  if (!empty || colon === undefined) return undefined;
  // The old value (`[]`, `~` or nothing) goes; a comment after it stays on the key's line.
  const end = range?.[1] ?? colon + 1;
  const nl = text.indexOf("\n", end) === -1 ? text.length : text.indexOf("\n", end);
  const indent = columnOf(text, key?.[0] ?? 0) + 2;
  return `${text.slice(0, colon + 1)}${text.slice(end, nl)}\n${
    itemsText(entries, indent).trimEnd()
  }${text.slice(nl)}`;
}

function spliceRemove(p: Parsed, text: string, index: number): string | undefined {
  const seq = p.pair?.value as Node | null | undefined;
  if (!p.y.isSeq(seq) || seq.flow === true) return undefined;
  const range = rangeOf((seq as YAMLSeq<Node>).items[index]);
  const dash = range === undefined ? undefined : dashBefore(text, range[0]);
  if (range === undefined || dash === undefined) return undefined;
  const start = text.lastIndexOf("\n", dash - 1) + 1;
  const end = lineEndAfter(text, range[1]);
  if (seq.items.length > 1) return text.slice(0, start) + text.slice(end);
  const colon = colonAfter(text, rangeOf(p.pair?.key)?.[1]);
  if (colon === undefined) return undefined;
  return `${text.slice(0, colon + 1)} []${text.slice(colon + 1, start)}${text.slice(end)}`;
}

/** The entries as block-sequence items at `indent` spaces, each line ending in a newline. */
function itemsText(entries: readonly WorkspaceFields[], indent: number): string {
  const pad = " ".repeat(indent);
  return entries.map((e) =>
    Object.entries(e).map(([k, v], i) =>
      `${pad}${i === 0 ? "- " : "  "}${k}: ${
        typeof v === "string" ? JSON.stringify(v) : String(v)
      }\n`
    ).join("")
  ).join("");
}

function rangeOf(node: unknown): readonly [number, number, number] | undefined {
  const r = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  return r ?? undefined;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/** The `:` after a key, when only spaces stand between them. */
function colonAfter(text: string, keyEnd: number | undefined): number | undefined {
  if (keyEnd === undefined) return undefined;
  const m = /^[ \t]*:/.exec(text.slice(keyEnd));
  return m === null ? undefined : keyEnd + m[0].length - 1;
}

/** The `-` that opens a block-sequence item starting at `offset`. */
function dashBefore(text: string, offset: number): number | undefined {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  return text[i] === "-" ? i : undefined;
}

/** The start of the line after the one holding `offset - 1`. */
function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const nl = text.indexOf("\n", offset);
  return nl === -1 ? text.length : nl + 1;
}
