/**
 * Merges the layers and checks the result against the one schema. Each problem is reported
 * where the offending value was written: the highest layer that sets it.
 */
import type { Config, SourceIssue } from "../domain/mod.ts";
import { configSchemas } from "../domain/mod.ts";
import { deepMerge } from "./_deep_merge.ts";
import { issueMessage, type SchemaIssue } from "../domain/mod.ts";
import { knownKeys, suggestKey } from "../domain/mod.ts";
import { dottedKey, isMapping, issueAt, type Layer, lookupPath } from "./_layer.ts";

/** The merged, checked configuration. */
export interface SchemaCheck {
  /** Undefined when any issue is an error. */
  readonly config: Config | undefined;
  readonly issues: readonly SourceIssue[];
}

/**
 * Merges layers (lowest first) and validates the result. Unknown keys become warnings and are
 * dropped; any other problem is an error.
 *
 * @param layers sources of values, lowest precedence first
 * @returns the configuration (when valid) and every located issue
 */
export async function checkSchema(layers: readonly Layer[]): Promise<SchemaCheck> {
  const schema = (await configSchemas()).config;
  const merged = layers.reduce<Record<string, unknown>>((acc, l) => deepMerge(acc, l.value), {});
  const first = schema.safeParse(merged);
  if (first.success) return { config: first.data, issues: [] };
  const issues: SourceIssue[] = [];
  const unknown: (readonly PropertyKey[])[] = [];
  for (const issue of first.error.issues as readonly SchemaIssue[]) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys ?? []) {
        const path = [...issue.path, key];
        unknown.push(path);
        const suggestion = suggestKey(key, knownKeys(schema, issue.path));
        issues.push(...unknownKeyIssues(layers, path, suggestion));
      }
    } else {
      const found = lookupPath(merged, issue.path);
      issues.push(issueAt(sourceOf(layers, issue.path), issue.path, {
        message: issueMessage(issue, found.value),
        severity: "error",
      }));
    }
  }
  if (issues.some((i) => i.severity === "error")) return { config: undefined, issues };
  const stripped = structuredClone(merged);
  for (const path of unknown) removePath(stripped, path);
  const second = schema.safeParse(stripped);
  if (second.success) return { config: second.data, issues };
  // Unreachable in practice: dropping unknown keys cannot make other values wrong.
  const rest = (second.error.issues as readonly SchemaIssue[]).map((issue) =>
    issueAt(sourceOf(layers, issue.path), issue.path, {
      message: issueMessage(issue, lookupPath(stripped, issue.path).value),
      severity: "error" as const,
    })
  );
  return { config: undefined, issues: [...issues, ...rest] };
}

/** An unknown key is reported in every layer that writes it. */
function unknownKeyIssues(
  layers: readonly Layer[],
  path: readonly PropertyKey[],
  suggestion: string | undefined,
): SourceIssue[] {
  const message = suggestion === undefined
    ? "unknown key; ignored"
    : `unknown key; ignored (did you mean "${suggestion}"?)`;
  return layers
    .filter((layer) => lookupPath(layer.value, path).found)
    .map((layer) => issueAt(layer, path, { message, severity: "warning" }));
}

/**
 * The highest layer that sets the value at `path`; for a missing value, the highest layer that
 * sets its nearest parent.
 */
function sourceOf(layers: readonly Layer[], path: readonly PropertyKey[]): Layer {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    const layer = layers.findLast((l) => lookupPath(l.value, prefix).found);
    if (layer !== undefined) return layer;
  }
  return DEFAULTS;
}

const DEFAULTS: Layer = {
  file: "defaults",
  value: {},
  locate: (path) => ({ key: dottedKey(path) }),
};

function removePath(root: Record<string, unknown>, path: readonly PropertyKey[]): void {
  const parent = lookupPath(root, path.slice(0, -1)).value;
  const last = path[path.length - 1];
  if (isMapping(parent) && typeof last === "string") delete parent[last];
}
