/**
 * Upgrades configuration files written for an older `config_version`, one numbered step at a
 * time, so users never have to edit a file by hand after updating FORGE.
 */
import { CONFIG_VERSION } from "../domain/mod.ts";

/** One step: turns a file of version `from` into version `from + 1`. */
export interface ConfigMigration {
  readonly from: number;
  /** What changes, for the changelog and `--debug` output. */
  readonly summary: string;
  migrate(value: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/**
 * Every migration FORGE knows, by the version it starts from. Add a step here (and bump
 * CONFIG_VERSION) whenever a key is renamed, moved or changes meaning.
 */
export const CONFIG_MIGRATIONS: readonly ConfigMigration[] = [
  {
    from: 0,
    summary: "version 0 (files without config_version before it existed) equals version 1",
    migrate: (value) => ({ ...value }),
  },
];

/** The outcome of migrating one file. */
export type MigrationResult =
  /** Upgraded (or already current); `config_version` is set to the target. */
  | {
    readonly kind: "migrated";
    readonly value: Record<string, unknown>;
    readonly from: number;
    readonly steps: readonly number[];
  }
  /** Written by a newer FORGE. */
  | { readonly kind: "newer"; readonly version: number }
  /** `config_version` is not a whole number of 0 or more. */
  | { readonly kind: "invalid"; readonly found: unknown }
  /** No migration starts at `from`. */
  | { readonly kind: "gap"; readonly from: number };

/** Inputs of migrateConfig() besides the value; tests pass their own table. */
export interface MigrateConfigOptions {
  readonly migrations?: readonly ConfigMigration[];
  /** The version to reach (default CONFIG_VERSION). */
  readonly target?: number;
}

/**
 * Brings a parsed configuration file to the target version. A file without `config_version` is
 * taken as current.
 *
 * @param value the file's top-level mapping
 * @param options the migration table and the version to reach
 * @returns the upgraded value, or why it cannot be upgraded
 */
export function migrateConfig(
  value: Readonly<Record<string, unknown>>,
  options: MigrateConfigOptions = {},
): MigrationResult {
  const target = options.target ?? CONFIG_VERSION;
  const migrations = options.migrations ?? CONFIG_MIGRATIONS;
  // Only a missing key means "current": an empty `config_version:` is a mistake worth naming.
  const found = value["config_version"] === undefined ? target : value["config_version"];
  if (typeof found !== "number" || !Number.isSafeInteger(found) || found < 0) {
    return { kind: "invalid", found };
  }
  if (found > target) return { kind: "newer", version: found };
  let current: Record<string, unknown> = { ...value };
  const steps: number[] = [];
  for (let version = found; version < target; version++) {
    const step = migrations.find((m) => m.from === version);
    if (step === undefined) return { kind: "gap", from: version };
    current = step.migrate(current);
    steps.push(version);
  }
  return { kind: "migrated", value: { ...current, config_version: target }, from: found, steps };
}
