/**
 * @module
 * Configuration: lookup, merge (defaults < global < workspace < env < flags), validation with
 * file/line/key locations, `${env:…}` checks and migrations.
 */
import type { Config, Env, FileSystem, SourceIssue } from "../domain/mod.ts";
import { defaultConfig } from "../domain/mod.ts";

/** A configuration file FORGE read. */
export interface ConfigFile {
  readonly path: string;
  readonly role: "global" | "workspace";
}

/** The merged configuration and where it came from. */
export interface LoadedConfig {
  readonly config: Config;
  /** Files read, lowest precedence first. */
  readonly files: readonly ConfigFile[];
  readonly warnings: readonly SourceIssue[];
}

/** Inputs of loadConfig(). */
export interface LoadConfigOptions {
  readonly fs: FileSystem;
  readonly env: Env;
  readonly cwd: string;
  readonly home: string;
  readonly explicitPath?: string;
  readonly workspace?: string;
}

/** Placeholder until the config unit lands: defaults only. */
export async function loadConfig(_options: LoadConfigOptions): Promise<LoadedConfig> {
  return { config: await defaultConfig(), files: [], warnings: [] };
}
