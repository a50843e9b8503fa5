/**
 * One source of configuration values (a file, the environment, flags) and the helpers that walk
 * plain YAML values by key path.
 */
import type { SourceIssue } from "../domain/mod.ts";

/** Where a key of a layer is written, for messages. */
export interface KeyLocation {
  readonly line?: number;
  /** Dotted key in a file, or the name of the variable or flag that set it. */
  readonly key: string;
}

/** Values from one source, before merging. */
export interface Layer {
  /** A file path, or "environment" / "command line". */
  readonly file: string;
  readonly value: Readonly<Record<string, unknown>>;
  locate(path: readonly PropertyKey[]): KeyLocation;
}

/**
 * Tells plain mappings apart from lists, scalars and null.
 *
 * @param value anything parsed from YAML
 * @returns true for a plain object
 */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Writes a key path the way users read it: `launchers.my-agent.models[0]`.
 *
 * @param path keys and list indexes
 * @returns the dotted key ("" for the top level)
 */
export function dottedKey(path: readonly PropertyKey[]): string {
  let out = "";
  for (const step of path) {
    if (typeof step === "number") out += `[${step}]`;
    else out += out === "" ? String(step) : `.${String(step)}`;
  }
  return out;
}

/**
 * Follows a key path through mappings and lists.
 *
 * @param value the root
 * @param path keys and indexes
 * @returns whether the path exists, and the value there
 */
export function lookupPath(
  value: unknown,
  path: readonly PropertyKey[],
): { readonly found: boolean; readonly value: unknown } {
  let node = value;
  for (const step of path) {
    if (Array.isArray(node) && typeof step === "number" && step < node.length) node = node[step];
    else if (isMapping(node) && Object.hasOwn(node, step)) node = node[step as string];
    else return { found: false, value: undefined };
  }
  return { found: true, value: node };
}

/**
 * Builds a located issue for a key of a layer.
 *
 * @param layer where the key is written
 * @param path the key path
 * @param options message and severity
 * @returns the issue
 */
export function issueAt(
  layer: Layer,
  path: readonly PropertyKey[],
  options: { readonly message: string; readonly severity: SourceIssue["severity"] },
): SourceIssue {
  const at = layer.locate(path);
  return {
    file: layer.file,
    ...(at.line === undefined ? {} : { line: at.line }),
    key: at.key,
    message: options.message,
    severity: options.severity,
  };
}

/**
 * Calls `visit` for every string in a value, with its key path.
 *
 * @param value the root
 * @param visit called with the path and the string
 */
export function forEachString(
  value: unknown,
  visit: (path: readonly PropertyKey[], text: string) => void,
): void {
  const walk = (node: unknown, path: readonly PropertyKey[]): void => {
    if (typeof node === "string") visit(path, node);
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else if (isMapping(node)) {
      for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
    }
  };
  walk(value, []);
}
