/**
 * Edits top-level fields of one JSON object line as text, so every other field keeps its exact
 * bytes and position: unknown fields, key order, number spelling and escapes all survive, which
 * a parse-and-stringify round trip would not promise.
 */

interface Member {
  readonly key: string;
  /** Index of the key's opening quote. */
  readonly start: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** A field change: a new value, or `undefined` to remove the field. */
export type FieldUpdate = readonly [key: string, value: unknown];

/**
 * Sets or removes top-level fields of a JSON object line. New fields go at the end.
 *
 * @param line one JSON object (no newline)
 * @param updates changes, applied in order
 * @returns the edited line
 * @throws {SyntaxError} when the line is not a JSON object
 */
export function editJsonFields(line: string, updates: readonly FieldUpdate[]): string {
  const parsed = scanObject(line);
  if (parsed === undefined) throw new SyntaxError("not a JSON object line");
  const { members, close } = parsed;
  const first = members[0];
  const second = members[1];
  const separator = first !== undefined && second !== undefined
    ? line.slice(first.valueEnd, second.start)
    : ",";
  const colon = first === undefined ? ":" : line.slice(first.keyEnd, first.valueStart);
  const texts = new Map<string, string>();
  for (const m of members) texts.set(m.key, line.slice(m.start, m.valueEnd));
  for (const [key, value] of updates) {
    if (value === undefined) {
      texts.delete(key);
      continue;
    }
    const member = members.find((m) => m.key === key);
    const head = member === undefined
      ? `${JSON.stringify(key)}${colon}`
      : line.slice(member.start, member.valueStart);
    texts.set(key, `${head}${JSON.stringify(value)}`);
  }
  const open = first === undefined ? line.slice(0, close) : line.slice(0, first.start);
  const last = members[members.length - 1];
  const tail = last === undefined ? line.slice(close) : line.slice(last.valueEnd);
  return `${open}${[...texts.values()].join(separator)}${tail}`;
}

function scanObject(text: string): { members: Member[]; close: number } | undefined {
  let i = skipSpace(text, 0);
  if (text[i] !== "{") return undefined;
  i = skipSpace(text, i + 1);
  const members: Member[] = [];
  if (text[i] === "}") return { members, close: i };
  while (i < text.length) {
    if (text[i] !== '"') return undefined;
    const keyEnd = skipString(text, i);
    if (keyEnd < 0) return undefined;
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const colonAt = skipSpace(text, keyEnd);
    if (text[colonAt] !== ":") return undefined;
    const valueStart = skipSpace(text, colonAt + 1);
    const valueEnd = skipValue(text, valueStart);
    if (valueEnd < 0) return undefined;
    members.push({ key, start: i, keyEnd, valueStart, valueEnd });
    i = skipSpace(text, valueEnd);
    if (text[i] === "}") return { members, close: i };
    if (text[i] !== ",") return undefined;
    i = skipSpace(text, i + 1);
  }
  return undefined;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\r")) i++;
  return i;
}

/** Index just past the string starting at `from` (a quote), or -1. */
function skipString(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return -1;
}

/** Index just past the value starting at `from`, or -1. */
function skipValue(text: string, from: number): number {
  const c = text[from];
  if (c === '"') return skipString(text, from);
  if (c !== "{" && c !== "[") {
    let i = from;
    while (i < text.length && !",}] \t\r".includes(text[i] as string)) i++;
    return i > from ? i : -1;
  }
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      i = skipString(text, i) - 1;
      if (i < 0) return -1;
    } else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
