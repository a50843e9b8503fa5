/**
 * The check behind `forge config validate`: the same rules as loadConfig(), but it reports
 * instead of throwing, and a reference to an unset variable is an error, not a warning.
 */
import { resolve } from "node:path";
import type { SourceIssue } from "../domain/mod.ts";
import { NotFoundError } from "../domain/mod.ts";
import { checkSchema } from "./_check_schema.ts";
import { chooseConfigFiles, gatherLayers } from "./_gather_layers.ts";
import { type ConfigFile, findConfigFiles } from "./find_config_files.ts";
import type { LoadConfigOptions } from "./load_config.ts";

/** Inputs of validateConfig(). */
export interface ValidateConfigOptions extends LoadConfigOptions {
  /** One file to check alone (no lookup, no environment overrides). */
  readonly path?: string;
}

/** The verdict on a configuration. */
export interface ConfigValidation {
  /** True when no issue is an error (warnings allowed). */
  readonly valid: boolean;
  /** Files checked, lowest precedence first. */
  readonly files: readonly ConfigFile[];
  /** Errors first, then warnings. */
  readonly issues: readonly SourceIssue[];
}

/**
 * Checks one file, or the files (and environment) FORGE would load.
 *
 * @param options as for loadConfig(), plus an optional single path
 * @returns whether it is valid and every located issue
 * @throws {NotFoundError} when the path (or `--config`, `$FORGE_CONFIG`) does not exist
 */
export async function validateConfig(options: ValidateConfigOptions): Promise<ConfigValidation> {
  const files = options.path === undefined
    ? chooseConfigFiles(await findConfigFiles(options))
    : [await singleFile(options, options.path)];
  const gathered = await gatherLayers({
    fs: options.fs,
    env: options.env,
    files,
    // A single file is checked on its own: environment and flags say nothing about it.
    useEnv: options.path === undefined,
    ...(options.flags === undefined || options.path !== undefined ? {} : { flags: options.flags }),
  });
  const checked = await checkSchema(gathered.layers);
  const refErrors = gathered.refIssues.map((i) => ({ ...i, severity: "error" as const }));
  const all = [...gathered.issues, ...checked.issues, ...refErrors];
  const errors = all.filter((i) => i.severity === "error");
  return {
    valid: errors.length === 0,
    files,
    issues: [...errors, ...all.filter((i) => i.severity !== "error")],
  };
}

async function singleFile(options: ValidateConfigOptions, path: string): Promise<ConfigFile> {
  const absolute = resolve(options.cwd, path);
  if ((await options.fs.stat(absolute))?.kind !== "file") {
    throw new NotFoundError(`Cannot validate configuration file "${absolute}": it does not exist`, {
      hint: "check the path; forge config path lists the files FORGE reads",
    });
  }
  return { path: absolute, role: "global" };
}
