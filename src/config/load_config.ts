/**
 * Loads the configuration FORGE runs with: defaults < global file < workspace file <
 * environment < flags, checked against the one schema.
 */
import type { Config, Env, FileSystem, SourceIssue } from "../domain/mod.ts";
import { ConfigError } from "../domain/mod.ts";
import { checkSchema } from "./_check_schema.ts";
import { chooseConfigFiles, gatherLayers } from "./_gather_layers.ts";
import { type ConfigFile, findConfigFiles } from "./find_config_files.ts";

/** The merged configuration and where it came from. */
export interface LoadedConfig {
  readonly config: Config;
  /** Files read, lowest precedence first. */
  readonly files: readonly ConfigFile[];
  /** Override variables (see ENV_OVERRIDES) that were set. */
  readonly environment: readonly string[];
  /** Unknown keys, unset secret references, loose file permissions. */
  readonly warnings: readonly SourceIssue[];
}

/** Inputs of loadConfig(). */
export interface LoadConfigOptions {
  readonly fs: FileSystem;
  readonly env: Env;
  readonly cwd: string;
  /** FORGE_HOME (absolute). */
  readonly home: string;
  /** `--config`; relative paths resolve against `cwd`. */
  readonly explicitPath?: string;
  /** Workspace whose `.forge/config.yaml` applies (default `cwd`). */
  readonly workspace?: string;
  /** Settings from command-line flags as a partial configuration; they win over everything. */
  readonly flags?: Readonly<Record<string, unknown>>;
  /** The system-wide file (default `/etc/forge/config.yaml`); tests point it elsewhere. */
  readonly systemPath?: string;
}

/**
 * Finds, reads, merges and validates the configuration.
 *
 * @param options ports, directories, `--config` and flag settings
 * @returns the configuration, the files it came from and the warnings to show
 * @throws {NotFoundError} when `--config` or `$FORGE_CONFIG` names a missing file
 * @throws {ConfigError} listing every error (and warning) of every layer when any is invalid
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const files = chooseConfigFiles(await findConfigFiles(options));
  const gathered = await gatherLayers({
    fs: options.fs,
    env: options.env,
    files,
    useEnv: true,
    ...(options.flags === undefined ? {} : { flags: options.flags }),
  });
  const checked = await checkSchema(gathered.layers);
  const issues = [...gathered.issues, ...checked.issues, ...gathered.refIssues];
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0 || checked.config === undefined) {
    const where = [...new Set(errors.map((i) => i.file))].map((f) => `"${f}"`).join(", ");
    const warnings = issues.length - errors.length;
    const also = warnings === 0 ? "" : ` (and ${plural(warnings, "warning")})`;
    throw new ConfigError(
      `Cannot load configuration ${where}: ${plural(errors.length, "error")}${also}`,
      [...errors, ...issues.filter((i) => i.severity !== "error")],
      { hint: "fix the keys listed above, then check again with forge config validate" },
    );
  }
  return {
    config: checked.config,
    files,
    environment: gathered.environment,
    warnings: issues,
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
