/**
 * The keys a schema accepts at a path, read from zod's definitions, so a typo can be answered
 * with the key the user meant.
 */

interface SchemaDef {
  readonly type?: string;
  readonly innerType?: unknown;
  readonly shape?: Readonly<Record<string, unknown>>;
  readonly valueType?: unknown;
  readonly element?: unknown;
}

/** Wrappers that do not change which keys are allowed. */
const WRAPPERS = new Set(["default", "optional", "nullable", "prefault", "readonly", "catch"]);

function defOf(schema: unknown): SchemaDef | undefined {
  if (typeof schema !== "object" || schema === null || !("def" in schema)) return undefined;
  const def = (schema as { def: unknown }).def;
  return typeof def === "object" && def !== null ? def as SchemaDef : undefined;
}

function unwrap(schema: unknown): SchemaDef | undefined {
  let def = defOf(schema);
  while (def !== undefined && WRAPPERS.has(def.type ?? "")) def = defOf(def.innerType);
  return def;
}

/**
 * Lists the keys an object schema accepts at a path (record names and list indexes descend into
 * their values).
 *
 * @param schema a zod schema
 * @param path the path of the mapping that holds the unknown key
 * @returns the accepted keys; empty when the path does not lead to an object schema
 */
export function knownKeys(schema: unknown, path: readonly PropertyKey[]): readonly string[] {
  let def = unwrap(schema);
  for (const step of path) {
    if (def === undefined) return [];
    if (def.type === "object") def = unwrap(def.shape?.[String(step)]);
    else if (def.type === "record") def = unwrap(def.valueType);
    else if (def.type === "array") def = unwrap(def.element);
    else return [];
  }
  return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
}

/**
 * Finds the known key closest to a misspelt one.
 *
 * @param key the unknown key
 * @param known the keys accepted there
 * @returns the closest key within two edits, or undefined
 */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Levenshtein distance with one row of memory. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost);
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
