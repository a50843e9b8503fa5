/**
 * The one schema of FORGE's configuration (`config.yaml`). Every key has a default, so an empty
 * file is a valid configuration. zod is loaded on first use, so commands that never read the
 * configuration (`forge version`) start without it.
 */
import type { z as Zod } from "zod";

/** The configuration format this FORGE writes and reads natively. */
export const CONFIG_VERSION = 1;

function build(z: typeof Zod) {
  const positiveInt = z.number().int().positive();
  const launcherEntry = z.strictObject({
    /** Path of the executable; relative paths resolve against FORGE_HOME/launchers. */
    executable: z.string().min(1),
    models: z.array(z.string().min(1)).default([]),
    default_args: z.array(z.string()).default([]),
  });
  const workspaceEntry = z.strictObject({
    path: z.string().min(1),
    name: z.string().min(1).optional(),
    enabled: z.boolean().default(true),
    /** Lower runs first when scores tie. */
    priority: z.number().int().default(100),
    max_workers: positiveInt.optional(),
  });
  const launcherSettings = z.strictObject({
    /** Hard limit for one launcher run (seconds). */
    timeout_seconds: z.number().positive().max(600).default(60),
    /** Extra attempts after a failed launch. */
    retries: z.number().int().min(0).max(10).default(2),
    /** First backoff between attempts (milliseconds); doubles each retry. */
    retry_backoff_ms: z.number().int().min(0).max(60_000).default(1_000),
    /** Names of FORGE's own environment variables passed to every launcher. */
    env_passthrough: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]),
  });
  const config = z.strictObject({
    config_version: z.number().int().min(0).default(CONFIG_VERSION),
    /** Workers FORGE runs at once, over all workspaces. */
    max_workers: positiveInt.max(1000).default(10),
    launcher: launcherSettings.default(launcherSettings.parse({})),
    /** Extra launchers by name (the built-in ones need no entry). */
    launchers: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/), launcherEntry).default({}),
    workspaces: z.array(workspaceEntry).default([]),
  });
  return { config, launcherEntry, workspaceEntry };
}

type Schemas = ReturnType<typeof build>;

/** Parsed, defaulted configuration. */
export type Config = Zod.infer<Schemas["config"]>;

/** A launcher declared in `config.yaml`. */
export type LauncherEntry = Zod.infer<Schemas["launcherEntry"]>;

/** A workspace declared in `config.yaml`. */
export type WorkspaceEntry = Zod.infer<Schemas["workspaceEntry"]>;

let schemas: Schemas | undefined;

/**
 * The configuration schemas (zod is imported on the first call).
 *
 * @returns the schema of `config.yaml` and of its parts
 */
export async function configSchemas(): Promise<Schemas> {
  if (schemas === undefined) schemas = build((await import("zod")).z);
  return schemas;
}

/**
 * The configuration FORGE uses when no file exists.
 *
 * @returns every key at its default
 */
export async function defaultConfig(): Promise<Config> {
  return (await configSchemas()).config.parse({});
}
