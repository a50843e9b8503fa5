/**
 * Where FORGE looks for configuration. The global file is the first candidate that exists:
 * `--config`, `$FORGE_CONFIG`, `./forge.yaml`, `FORGE_HOME/config.yaml`, `/etc/forge/config.yaml`.
 * A workspace's `.forge/config.yaml` then overrides it.
 */
import { join, resolve } from "node:path";
import type { Env, FileInfo, FileSystem } from "../domain/mod.ts";

/** The system-wide configuration file. */
export const SYSTEM_CONFIG_PATH = "/etc/forge/config.yaml";

/** A configuration file FORGE reads. */
export interface ConfigFile {
  readonly path: string;
  readonly role: "global" | "workspace";
}

/** Why a path is a candidate. */
export type ConfigSource = "--config" | "FORGE_CONFIG" | "./forge.yaml" | "FORGE_HOME" | "system";

/** One place the global configuration may be. */
export interface ConfigCandidate {
  readonly source: ConfigSource;
  readonly path: string;
  readonly exists: boolean;
  /** True for the one candidate FORGE reads (an explicit path is used even when missing). */
  readonly used: boolean;
}

/** The workspace override file. */
export interface WorkspaceCandidate {
  readonly path: string;
  readonly exists: boolean;
  /** False when missing, or when it is the global file itself. */
  readonly used: boolean;
}

/** The outcome of the lookup. */
export interface ConfigLookup {
  /** FORGE_HOME. */
  readonly home: string;
  /** Every candidate in lookup order. */
  readonly candidates: readonly ConfigCandidate[];
  /** The chosen global candidate, if any. */
  readonly global: ConfigCandidate | undefined;
  readonly workspace: WorkspaceCandidate;
}

/** Inputs of findConfigFiles(). */
export interface FindConfigFilesOptions {
  readonly fs: FileSystem;
  readonly env: Env;
  readonly cwd: string;
  /** FORGE_HOME (absolute). */
  readonly home: string;
  /** `--config`; relative paths resolve against `cwd`. */
  readonly explicitPath?: string;
  /** Workspace directory (default `cwd`). */
  readonly workspace?: string;
  /** The system-wide file (default SYSTEM_CONFIG_PATH); tests point it elsewhere. */
  readonly systemPath?: string;
}

/**
 * Lists the candidates and picks the files FORGE reads. Never throws for missing files: the
 * caller decides whether a missing explicit path is an error.
 *
 * @param options ports, directories and the `--config` flag
 * @returns every candidate with its state, the global choice and the workspace file
 */
export async function findConfigFiles(options: FindConfigFilesOptions): Promise<ConfigLookup> {
  const { fs, cwd } = options;
  const paths: [ConfigSource, string][] = [];
  if (options.explicitPath !== undefined) {
    paths.push(["--config", resolve(cwd, options.explicitPath)]);
  }
  const fromEnv = options.env.get("FORGE_CONFIG") ?? "";
  if (fromEnv !== "") paths.push(["FORGE_CONFIG", resolve(cwd, fromEnv)]);
  paths.push(["./forge.yaml", join(cwd, "forge.yaml")]);
  paths.push(["FORGE_HOME", join(options.home, "config.yaml")]);
  paths.push(["system", options.systemPath ?? SYSTEM_CONFIG_PATH]);

  const infos = await Promise.all(paths.map(([, path]) => fs.stat(path)));
  const explicit = paths[0]?.[0] === "--config" || paths[0]?.[0] === "FORGE_CONFIG";
  const chosen = explicit ? 0 : infos.findIndex(isFile);
  const candidates = paths.map(([source, path], i): ConfigCandidate => ({
    source,
    path,
    exists: isFile(infos[i]),
    used: i === chosen,
  }));
  const global = candidates.find((c) => c.used);
  const workspace = await workspaceCandidate(
    options,
    global === undefined ? undefined : {
      path: global.path,
      info: infos[candidates.indexOf(global)],
    },
  );
  return { home: options.home, candidates, global, workspace };
}

async function workspaceCandidate(
  options: FindConfigFilesOptions,
  global: { readonly path: string; readonly info: FileInfo | undefined } | undefined,
): Promise<WorkspaceCandidate> {
  const dir = resolve(options.cwd, options.workspace ?? ".");
  const path = join(dir, ".forge", "config.yaml");
  const info = await options.fs.stat(path);
  const exists = isFile(info);
  const same = global !== undefined && (global.path === path || sameInode(global.info, info));
  return { path, exists, used: exists && !same };
}

function isFile(info: FileInfo | undefined): boolean {
  return info?.kind === "file";
}

/** A symlink or a second path to the global file must not be read twice. */
function sameInode(a: FileInfo | undefined, b: FileInfo | undefined): boolean {
  return a?.ino !== undefined && a.ino === b?.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}
