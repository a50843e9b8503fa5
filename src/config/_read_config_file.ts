/**
 * Reads one configuration file into a layer: YAML syntax, the top-level shape, `config_version`
 * and its migrations, secret references and file permissions. Schema checks come after merging.
 */
import type { Env, FileSystem, SourceIssue } from "../domain/mod.ts";
import { CONFIG_VERSION, errorMessage, ForgeError, parseYamlSource } from "../domain/mod.ts";
import type { YamlSource } from "../domain/mod.ts";
import { describeValue } from "../domain/mod.ts";
import { dottedKey, isMapping, issueAt, type Layer } from "./_layer.ts";
import { permissionIssue, secretRefIssues } from "./_secret_ref_issues.ts";
import { migrateConfig } from "./migrate_config.ts";

/** What reading one file found. */
export interface ConfigFileRead {
  /** Undefined when the file cannot be used at all (syntax, shape or version). */
  readonly layer: Layer | undefined;
  /** Problems of the file as a whole, and permission warnings. */
  readonly issues: readonly SourceIssue[];
  /** References to unset variables, as warnings (the caller decides how serious they are). */
  readonly refIssues: readonly SourceIssue[];
}

/**
 * Reads and prepares one configuration file.
 *
 * @param path absolute path of the file
 * @param ports file access and the environment references resolve against
 * @returns the layer and what is wrong with the file
 * @throws {ForgeError} IO when the file exists but cannot be read
 */
export async function readConfigFile(
  path: string,
  ports: { readonly fs: FileSystem; readonly env: Env },
): Promise<ConfigFileRead> {
  const source = await parse(await readText(ports.fs, path), path);
  if ("issue" in source) return { layer: undefined, issues: [source.issue], refIssues: [] };
  const issues = [...source.syntaxIssues];
  if (issues.some((i) => i.severity === "error")) {
    return { layer: undefined, issues, refIssues: [] };
  }
  const raw = source.value ?? {};
  const fileLayer = layerOf(source, {});
  if (!isMapping(raw)) {
    issues.push(issueAt(fileLayer, [], {
      message: `expected a mapping of keys at the top level, found ${describeValue(raw)}`,
      severity: "error",
    }));
    return { layer: undefined, issues, refIssues: [] };
  }
  const migrated = migrate(fileLayer, raw);
  if ("issue" in migrated) {
    return { layer: undefined, issues: [...issues, migrated.issue], refIssues: [] };
  }
  const layer = layerOf(source, migrated.value);
  const permission = await permissionIssue(ports.fs, layer);
  if (permission !== undefined) issues.push(permission);
  return { layer, issues, refIssues: secretRefIssues(layer, ports.env) };
}

async function readText(fs: FileSystem, path: string): Promise<string> {
  try {
    return await fs.readTextFile(path);
  } catch (cause) {
    throw new ForgeError("IO", `Cannot read configuration file "${path}": ${errorMessage(cause)}`, {
      cause,
      hint: "check that the file is readable by you (ls -l), or point --config elsewhere",
    });
  }
}

/** Building the value can still fail (an alias to a missing anchor, too many aliases). */
async function parse(text: string, file: string): Promise<YamlSource | { issue: SourceIssue }> {
  try {
    return await parseYamlSource(text, file);
  } catch (cause) {
    const message = errorMessage(cause);
    const issue: SourceIssue = {
      file,
      key: "",
      message: message.charAt(0).toLowerCase() + message.slice(1),
      severity: "error",
    };
    return { issue };
  }
}

function layerOf(source: YamlSource, value: Readonly<Record<string, unknown>>): Layer {
  return {
    file: source.file,
    value,
    locate(path) {
      const line = source.lineOf(path);
      return line === undefined ? { key: dottedKey(path) } : { line, key: dottedKey(path) };
    },
  };
}

/** Upgrades the file; the version key itself is dropped so the merged result is current. */
function migrate(
  layer: Layer,
  raw: Readonly<Record<string, unknown>>,
): { readonly value: Record<string, unknown> } | { readonly issue: SourceIssue } {
  const result = migrateConfig(raw);
  const at = (message: string) => ({
    issue: issueAt(layer, ["config_version"], { message, severity: "error" }),
  });
  switch (result.kind) {
    case "migrated": {
      const { config_version: _version, ...value } = result.value;
      return { value };
    }
    case "newer":
      return at(
        `config_version ${result.version} was written by a newer FORGE (this one reads up to ` +
          `${CONFIG_VERSION}); update FORGE to use this file`,
      );
    case "invalid":
      return at(`expected a whole number of 0 or more, found ${describeValue(result.found)}`);
    case "gap":
      return at(`no migration from config_version ${result.from}; update FORGE`);
    default: {
      const never: never = result;
      return never;
    }
  }
}
