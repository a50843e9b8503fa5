/**
 * The context every command runs in: global flags, output, and the platform implementations of
 * the ports, created once per run. Configuration is loaded lazily, so commands that do not need
 * it (version, completions) stay fast.
 */
import { isAbsolute, join, resolve } from "node:path";
import type { UpdateRuntime } from "../update/mod.ts";
import type {
  Actor,
  Clock,
  Env,
  FileSystem,
  HomeLayout,
  Processes,
  Random,
} from "../domain/mod.ts";
import { homeLayout } from "../domain/mod.ts";
import {
  denoEnv,
  denoFs,
  denoProcesses,
  runtimeInfo,
  systemClock,
  systemRandom,
} from "../platform/mod.ts";
import type { RuntimeInfo } from "../platform/mod.ts";
import type { LoadedConfig } from "../config/mod.ts";
import { loadConfig } from "../config/mod.ts";
import type { Output } from "./output.ts";

/** Flags every command accepts. */
export interface GlobalOptions {
  readonly config: string | undefined;
  readonly home: string | undefined;
  readonly json: boolean;
  readonly debug: boolean;
  readonly color: boolean;
}

/** What a command gets. */
export interface CliContext {
  readonly globals: GlobalOptions;
  readonly out: Output;
  readonly env: Env;
  readonly cwd: string;
  readonly home: string;
  readonly layout: HomeLayout;
  readonly fs: FileSystem;
  readonly processes: Processes;
  readonly clock: Clock;
  readonly random: Random;
  readonly runtime: RuntimeInfo;
  readonly actor: Actor;
  /** The merged configuration (cached after the first call). */
  config(): Promise<LoadedConfig>;
  /** Test entry points only: parts of the updater's runtime to replace (keys, exec path, clock). */
  readonly updateOverrides?: Partial<UpdateRuntime>;
}

/** What an entry point may change about a run (tests only). */
export interface RunOverrides {
  readonly update?: Partial<UpdateRuntime>;
  /**
   * How the background update check runs this forge again (program, then leading arguments;
   * `--home … update --check --json` follow). Default: the compiled binary, or Deno on main.ts.
   * A test build points it at itself, so the check trusts the same test keys.
   */
  readonly refreshCommand?: readonly string[];
}

/**
 * Resolves FORGE_HOME: `--home`, then `$FORGE_HOME`, then `~/.forge`.
 *
 * @param flag the `--home` value
 * @param env the environment
 * @param cwd for relative paths
 * @returns an absolute path
 */
export function resolveHome(flag: string | undefined, env: Env, cwd: string): string {
  const chosen = flag ?? env.get("FORGE_HOME");
  if (chosen !== undefined && chosen !== "") {
    return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
  }
  const userHome = env.get("HOME") ?? env.get("USERPROFILE") ?? cwd;
  return join(userHome, ".forge");
}

/**
 * Builds the context for one run.
 *
 * @param globals parsed global flags
 * @param out the output
 * @returns the context
 */
export function createContext(
  globals: GlobalOptions,
  out: Output,
  overrides: RunOverrides = {},
): CliContext {
  const runtime = runtimeInfo();
  const env = denoEnv;
  const home = resolveHome(globals.home, env, runtime.cwd);
  let loaded: Promise<LoadedConfig> | undefined;
  return {
    globals,
    out,
    env,
    cwd: runtime.cwd,
    home,
    layout: homeLayout(home),
    fs: denoFs,
    processes: denoProcesses,
    clock: systemClock,
    random: systemRandom,
    runtime,
    actor: { who: `${runtime.user}@${runtime.hostname}`, via: "cli" },
    ...(overrides.update === undefined ? {} : { updateOverrides: overrides.update }),
    config() {
      loaded ??= loadConfig({
        fs: denoFs,
        env,
        cwd: runtime.cwd,
        home,
        ...(globals.config === undefined ? {} : { explicitPath: globals.config }),
      });
      return loaded;
    },
  };
}
