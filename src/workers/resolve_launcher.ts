/**
 * Finds the executable behind a launcher name: a path, a `launchers:` entry of the configuration,
 * FORGE_HOME/launchers/<name>, or one FORGE ships.
 */
import { isAbsolute, join, resolve } from "node:path";
import type { Config, FileSystem, HomeLayout } from "../domain/mod.ts";
import { ForgeError, NotFoundError } from "../domain/mod.ts";
import { BUILTIN_LAUNCHERS, installBuiltinLauncher, isBuiltinLauncher } from "./builtins.ts";

/** A launcher ready to run. */
export interface ResolvedLauncher {
  readonly name: string;
  readonly path: string;
  readonly source: "path" | "config" | "home" | "builtin";
  /** Arguments the configuration adds to every call. */
  readonly defaultArgs: readonly string[];
}

/** What resolution needs. */
export interface ResolveLauncherOptions {
  readonly fs: FileSystem;
  readonly layout: HomeLayout;
  readonly config: Config;
  readonly cwd: string;
}

/**
 * Resolves and checks a launcher.
 *
 * @param nameOrPath a launcher name or a path (anything with a `/`)
 * @param options file access, FORGE home, configuration and cwd
 * @returns the launcher
 * @throws {NotFoundError} when nothing by that name exists
 * @throws {ForgeError} when the file is not an executable file
 */
export async function resolveLauncher(
  nameOrPath: string,
  options: ResolveLauncherOptions,
): Promise<ResolvedLauncher> {
  const { fs, layout, config, cwd } = options;
  if (nameOrPath.includes("/")) {
    const path = isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
    return await checked({ name: nameOrPath, path, source: "path", defaultArgs: [] }, fs);
  }
  const entry = config.launchers[nameOrPath];
  if (entry !== undefined) {
    const path = isAbsolute(entry.executable)
      ? entry.executable
      : join(layout.launchers, entry.executable);
    return await checked({
      name: nameOrPath,
      path,
      source: "config",
      defaultArgs: entry.default_args,
    }, fs);
  }
  const own = join(layout.launchers, nameOrPath);
  if ((await fs.stat(own)) !== undefined) {
    return await checked({ name: nameOrPath, path: own, source: "home", defaultArgs: [] }, fs);
  }
  if (isBuiltinLauncher(nameOrPath)) {
    const path = await installBuiltinLauncher(nameOrPath, { fs, layout });
    return { name: nameOrPath, path, source: "builtin", defaultArgs: [] };
  }
  const known = [...new Set([...Object.keys(config.launchers), ...BUILTIN_LAUNCHERS])].sort();
  throw new NotFoundError(
    `Cannot find launcher "${nameOrPath}": not in config, not in ${layout.launchers}, not built in`,
    {
      hint: `known launchers: ${known.join(", ")}; or pass a path to an executable`,
    },
  );
}

async function checked(launcher: ResolvedLauncher, fs: FileSystem): Promise<ResolvedLauncher> {
  const info = await fs.stat(launcher.path);
  if (info === undefined) {
    throw new NotFoundError(
      `Cannot run launcher "${launcher.name}": "${launcher.path}" does not exist`,
      {
        hint: "check the path (or the `launchers:` entry of your config)",
      },
    );
  }
  if (info.kind !== "file") {
    throw new ForgeError(
      "LAUNCHER_FAILED",
      `Cannot run launcher "${launcher.name}": "${launcher.path}" is not a file`,
    );
  }
  if (info.mode !== undefined && (info.mode & 0o111) === 0) {
    throw new ForgeError(
      "LAUNCHER_FAILED",
      `Cannot run launcher "${launcher.name}": "${launcher.path}" is not executable`,
      {
        hint: `chmod +x ${launcher.path}`,
      },
    );
  }
  return launcher;
}
