/**
 * @module
 * Configuration: lookup (`--config`, `$FORGE_CONFIG`, `./forge.yaml`, `FORGE_HOME/config.yaml`,
 * `/etc/forge/config.yaml`, then the workspace's `.forge/config.yaml`), merge (defaults < global
 * < workspace < environment < flags), validation against the one schema with file/line/key
 * locations, checks of `${env:…}` references and file permissions, and `config_version`
 * migrations.
 */
export { loadConfig } from "./load_config.ts";
export type { LoadConfigOptions, LoadedConfig } from "./load_config.ts";
export { validateConfig } from "./validate_config.ts";
export type { ConfigValidation, ValidateConfigOptions } from "./validate_config.ts";
export { findConfigFiles, SYSTEM_CONFIG_PATH } from "./find_config_files.ts";
export type {
  ConfigCandidate,
  ConfigFile,
  ConfigLookup,
  ConfigSource,
  FindConfigFilesOptions,
  WorkspaceCandidate,
} from "./find_config_files.ts";
export { ENV_OVERRIDES } from "./env_overrides.ts";
export type { EnvOverride } from "./env_overrides.ts";
export { CONFIG_MIGRATIONS, migrateConfig } from "./migrate_config.ts";
export type { ConfigMigration, MigrateConfigOptions, MigrationResult } from "./migrate_config.ts";
