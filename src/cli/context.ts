/**
 * The context every command runs in: global flags, output, and the platform implementations of
 * the ports, created once per run. Configuration is loaded lazily, so commands that do not need
 * it (version, completions) stay fast.
 */
import { resolveHome } from "./home_dir.ts";
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
   * `--home … update --check --json` follow). Default: `FORGE_BIN` (the binary, or the wrapper that runs this checkout).
   * A test build points it at itself, so the check trusts the same test keys.
   */
  readonly refreshCommand?: readonly string[];
}

export { resolveHome } from "./home_dir.ts";

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
