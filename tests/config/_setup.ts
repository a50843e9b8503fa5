/**
 * A throw-away directory tree for configuration tests: FORGE_HOME, a workspace (the current
 * directory), and a stand-in for /etc/forge, with real files and the real file system port.
 */
import { dirname, join } from "node:path";
import { loadConfig, type LoadConfigOptions, type LoadedConfig } from "../../src/config/mod.ts";
import { validateConfig } from "../../src/config/mod.ts";
import type { ConfigValidation, ValidateConfigOptions } from "../../src/config/mod.ts";
import { denoFs, envFrom } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";

/** Paths and helpers of one test tree. */
export interface ConfigTree extends AsyncDisposable {
  readonly root: string;
  readonly home: string;
  readonly cwd: string;
  readonly systemPath: string;
  /** Writes a file (parents created), mode 0600 unless given. */
  write(path: string, text: string, mode?: number): Promise<string>;
  /** loadConfig() on this tree with the given environment. */
  load(options?: Partial<LoadConfigOptions> & { vars?: Record<string, string> }): Promise<
    LoadedConfig
  >;
  /** validateConfig() on this tree with the given environment. */
  validate(
    options?: Partial<ValidateConfigOptions> & { vars?: Record<string, string> },
  ): Promise<ConfigValidation>;
}

/**
 * Creates a tree; use with `await using`.
 *
 * @returns the tree
 */
export async function configTree(): Promise<ConfigTree> {
  const dir = await tempDir("forge_config_");
  const root = dir.path;
  const tree = {
    root,
    home: join(root, "home"),
    cwd: join(root, "ws"),
    systemPath: join(root, "etc", "forge", "config.yaml"),
  };
  await Deno.mkdir(tree.home, { recursive: true });
  await Deno.mkdir(tree.cwd, { recursive: true });
  const base = (vars: Record<string, string> | undefined) => ({
    fs: denoFs,
    env: envFrom(vars ?? {}),
    cwd: tree.cwd,
    home: tree.home,
    systemPath: tree.systemPath,
  });
  return {
    ...tree,
    async write(path, text, mode = 0o600) {
      await Deno.mkdir(dirname(path), { recursive: true });
      await Deno.writeTextFile(path, text);
      await Deno.chmod(path, mode);
      return path;
    },
    load: ({ vars, ...rest } = {}) => loadConfig({ ...base(vars), ...rest }),
    validate: ({ vars, ...rest } = {}) => validateConfig({ ...base(vars), ...rest }),
    [Symbol.asyncDispose]: () => dir[Symbol.asyncDispose](),
  };
}

/**
 * Runs a promise that must reject, and returns what it threw.
 *
 * @param promise the operation
 * @returns the thrown value
 */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the operation to fail, but it succeeded");
}
