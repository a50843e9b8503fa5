/**
 * The worker definitions and launcher scripts FORGE ships in `manifests/` (embedded in the compiled
 * binary). Launchers must be real executable files, so a built-in launcher is copied into
 * FORGE_HOME/state/builtin-launchers/ (FORGE owns that folder and refreshes it when the shipped
 * script changes); users customise a copy in FORGE_HOME/launchers/ instead.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FileSystem, HomeLayout } from "../domain/mod.ts";

/** Launchers FORGE ships. */
export const BUILTIN_LAUNCHERS = [
  "sim",
  "claude-code",
  "codex",
  "opencode",
  "aider",
  "gemini",
] as const;

/** Helper sourced by every built-in launcher. */
const LAUNCHER_LIB = "forge-launcher-lib.sh";

/**
 * The `manifests/` folder of this build (on disk from source, embedded when compiled).
 *
 * @returns its absolute path
 */
export function manifestsDir(): string {
  return fileURLToPath(new URL("../../manifests/", import.meta.url));
}

/**
 * True when FORGE ships a launcher by that name.
 *
 * @param name a launcher name
 * @returns whether it is built in
 */
export function isBuiltinLauncher(name: string): boolean {
  return (BUILTIN_LAUNCHERS as readonly string[]).includes(name);
}

/**
 * The shipped script of a built-in launcher and of its helper library.
 *
 * @param name a built-in launcher name
 * @param fs file access
 * @returns file name → contents (the launcher under its plain name)
 */
export async function builtinLauncherFiles(
  name: string,
  fs: FileSystem,
): Promise<Record<string, string>> {
  const dir = join(manifestsDir(), "launchers");
  return {
    [name]: await fs.readTextFile(join(dir, `${name}.sh`)),
    [LAUNCHER_LIB]: await fs.readTextFile(join(dir, LAUNCHER_LIB)),
  };
}

/**
 * Writes (or refreshes) a built-in launcher into FORGE_HOME and returns its path.
 *
 * @param name a built-in launcher name
 * @param options file access and the FORGE home
 * @returns the executable's path
 */
export async function installBuiltinLauncher(
  name: string,
  options: { readonly fs: FileSystem; readonly layout: HomeLayout },
): Promise<string> {
  const { fs, layout } = options;
  await fs.mkdirp(layout.builtinLaunchers);
  for (const [file, text] of Object.entries(await builtinLauncherFiles(name, fs))) {
    const path = join(layout.builtinLaunchers, file);
    const current = await fs.readTextFile(path).catch(() => undefined);
    if (current !== text) await fs.writeFileAtomic(path, text, { mode: 0o755 });
  }
  return join(layout.builtinLaunchers, name);
}

/**
 * The shipped worker config files.
 *
 * @param fs file access
 * @returns path and text of each
 */
export async function builtinWorkerConfigFiles(
  fs: FileSystem,
): Promise<{ path: string; text: string }[]> {
  const dir = join(manifestsDir(), "workers");
  const files = (await fs.readDir(dir)).filter((e) =>
    e.kind === "file" && e.name.endsWith(".yaml")
  );
  return await Promise.all(
    files.map(async (e) => ({
      path: join(dir, e.name),
      text: await fs.readTextFile(join(dir, e.name)),
    })),
  );
}
