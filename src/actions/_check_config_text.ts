/**
 * Checks the text of one configuration file against the one schema before FORGE writes it: YAML
 * syntax, the top-level mapping, `config_version` and its migrations, then every value. Unknown
 * keys are left alone (loading only warns about them); anything else is an error located by line.
 */
import type { SourceIssue } from "../domain/mod.ts";
import {
  configSchemas,
  describeValue,
  issueMessage,
  parseYamlSource,
  type SchemaIssue,
} from "../domain/mod.ts";
import { migrateConfig } from "../config/mod.ts";

/**
 * The errors of a configuration file's text.
 *
 * @param text the whole file
 * @param file its path, for the issues
 * @returns the errors, empty when the file is valid
 */
export async function configTextErrors(text: string, file: string): Promise<SourceIssue[]> {
  const source = await parseYamlSource(text, file);
  const syntax = source.syntaxIssues.filter((i) => i.severity === "error");
  if (syntax.length > 0) return syntax;
  const raw = source.value ?? {};
  const at = (path: readonly PropertyKey[], message: string): SourceIssue => {
    const line = source.lineOf(path);
    return {
      file,
      ...(line === undefined ? {} : { line }),
      key: path.map(String).join("."),
      message,
      severity: "error",
    };
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return [at([], `expected a mapping of keys at the top level, found ${describeValue(raw)}`)];
  }
  const migrated = migrateConfig(raw as Record<string, unknown>);
  if (migrated.kind !== "migrated") return [at(["config_version"], versionProblem(migrated))];
  const checked = (await configSchemas()).config.safeParse(migrated.value);
  if (checked.success) return [];
  return (checked.error.issues as readonly SchemaIssue[])
    .filter((issue) => issue.code !== "unrecognized_keys")
    .map((issue) => at(issue.path, issueMessage(issue, valueAt(migrated.value, issue.path))));
}

function versionProblem(
  result: Exclude<ReturnType<typeof migrateConfig>, { kind: "migrated" }>,
): string {
  switch (result.kind) {
    case "newer":
      return `config_version ${result.version} was written by a newer FORGE; update FORGE`;
    case "invalid":
      return `expected a whole number of 0 or more, found ${describeValue(result.found)}`;
    case "gap":
      return `no migration from config_version ${result.from}; update FORGE`;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const step of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node;
}
