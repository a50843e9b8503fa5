/**
 * Checks a parsed YAML document against a zod schema and reports every problem with its file,
 * line and dotted key. Unknown keys are warnings (and are dropped); everything else is an error.
 */
import type { SourceIssue } from "./errors.ts";
import { issueMessage, type SchemaIssue } from "./issue_message.ts";
import { knownKeys, suggestKey } from "./known_keys.ts";
import type { YamlSource } from "./yaml_source.ts";

/** The part of a zod schema this needs. */
export interface SchemaLike<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

/** A validated value (undefined when there were errors) and every issue found. */
export interface SourceValidation<T> {
  readonly value: T | undefined;
  readonly issues: readonly SourceIssue[];
}

/**
 * Validates a YAML source.
 *
 * @param schema a zod schema (strict objects, so unknown keys are reported)
 * @param source the parsed file
 * @returns the value and located issues
 */
export function validateSource<T>(schema: SchemaLike<T>, source: YamlSource): SourceValidation<T> {
  if (source.syntaxIssues.some((i) => i.severity === "error")) {
    return { value: undefined, issues: source.syntaxIssues };
  }
  const data = structuredClone(source.value ?? {});
  const issues: SourceIssue[] = [...source.syntaxIssues];
  let result = schema.safeParse(data);
  if (!result.success) {
    const unknown = result.error.issues.filter((i) => i.code === "unrecognized_keys");
    for (const issue of unknown) {
      for (const key of issue.keys ?? []) {
        const path = [...issue.path, key];
        const suggestion = suggestKey(key, knownKeys(schema, issue.path));
        const hint = suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
        issues.push(locate(source, path, `unknown key; ignored${hint}`, "warning"));
        deleteAt(data, path);
      }
    }
    if (unknown.length > 0) result = schema.safeParse(data);
  }
  if (result.success) return { value: result.data, issues };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") continue;
    issues.push(
      locate(source, issue.path, issueMessage(issue, valueAt(data, issue.path)), "error"),
    );
  }
  return { value: undefined, issues };
}

function locate(
  source: YamlSource,
  path: readonly PropertyKey[],
  message: string,
  severity: SourceIssue["severity"],
): SourceIssue {
  const line = source.lineOf(path);
  return {
    file: source.file,
    ...(line === undefined ? {} : { line }),
    key: path.map(String).join("."),
    message,
    severity,
  };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function deleteAt(data: unknown, path: readonly PropertyKey[]): void {
  const parent = valueAt(data, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent !== null && typeof parent === "object" && last !== undefined) {
    delete (parent as Record<PropertyKey, unknown>)[last];
  }
}
