/**
 * Collects the layers of one configuration: the files the lookup chose, then the environment,
 * then command-line flags, each with the problems found while reading it.
 */
import type { Env, FileSystem, SourceIssue } from "../domain/mod.ts";
import { NotFoundError } from "../domain/mod.ts";
import type { ConfigFile, ConfigLookup } from "./find_config_files.ts";
import { dottedKey, type Layer } from "./_layer.ts";
import { readEnvOverrides } from "./env_overrides.ts";
import { readConfigFile } from "./_read_config_file.ts";

/** Layers in precedence order (lowest first) and what reading them found. */
export interface Gathered {
  readonly layers: readonly Layer[];
  /** Syntax, shape, version, permission and environment problems. */
  readonly issues: readonly SourceIssue[];
  /** References to unset variables (warnings). */
  readonly refIssues: readonly SourceIssue[];
  /** Override variables that were set. */
  readonly environment: readonly string[];
}

/** Inputs of gatherLayers(). */
export interface GatherOptions {
  readonly fs: FileSystem;
  readonly env: Env;
  readonly files: readonly ConfigFile[];
  /** Read the FORGE_* override variables. */
  readonly useEnv: boolean;
  /** Settings from command-line flags, highest precedence. */
  readonly flags?: Readonly<Record<string, unknown>>;
}

/**
 * Turns a lookup into the files to read.
 *
 * @param lookup the outcome of findConfigFiles()
 * @returns the global file (if any) then the workspace file (if used)
 * @throws {NotFoundError} when `--config` or `$FORGE_CONFIG` names a file that does not exist
 */
export function chooseConfigFiles(lookup: ConfigLookup): ConfigFile[] {
  const { global, workspace } = lookup;
  if (global !== undefined && !global.exists) {
    const via = global.source === "--config" ? "--config" : "$FORGE_CONFIG";
    throw new NotFoundError(
      `Cannot read configuration file "${global.path}": it does not exist (named by ${via})`,
      { hint: `fix ${via}, or drop it to use the usual lookup (see forge config path)` },
    );
  }
  const files: ConfigFile[] = [];
  if (global !== undefined) files.push({ path: global.path, role: "global" });
  if (workspace.used) files.push({ path: workspace.path, role: "workspace" });
  return files;
}

/**
 * Reads every layer.
 *
 * @param options ports, files, whether to read the environment, and flag settings
 * @returns the layers and the problems found while reading them
 */
export async function gatherLayers(options: GatherOptions): Promise<Gathered> {
  const layers: Layer[] = [];
  const issues: SourceIssue[] = [];
  const refIssues: SourceIssue[] = [];
  for (const file of options.files) {
    const read = await readConfigFile(file.path, options);
    if (read.layer !== undefined) layers.push(read.layer);
    issues.push(...read.issues);
    refIssues.push(...read.refIssues);
  }
  let environment: readonly string[] = [];
  if (options.useEnv) {
    const fromEnv = readEnvOverrides(options.env);
    layers.push(fromEnv.layer);
    issues.push(...fromEnv.issues);
    environment = fromEnv.names;
  }
  if (options.flags !== undefined) {
    layers.push({
      file: "command line",
      value: options.flags,
      locate: (path) => ({ key: dottedKey(path) }),
    });
  }
  return { layers, issues, refIssues, environment };
}
