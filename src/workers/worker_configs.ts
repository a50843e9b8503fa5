/**
 * Worker configs: the shipped ones, overridden by name by FORGE_HOME/workers/*.yaml. Each file is
 * validated with the one schema plus the checks of the reference worker-config validator.
 */
import { basename } from "node:path";
import type {
  FileSystem,
  HomeLayout,
  SourceIssue,
  WorkerConfig,
  YamlSource,
} from "../domain/mod.ts";
import {
  findSecretRefs,
  parseYamlSource,
  validateSource,
  workerConfigSchema,
} from "../domain/mod.ts";
import { builtinWorkerConfigFiles } from "./builtins.ts";

/** One worker config and where it came from. */
export interface WorkerConfigEntry {
  readonly config: WorkerConfig;
  readonly path: string;
  readonly source: "home" | "builtin";
}

/** All worker configs, by name, with every issue found. */
export interface WorkerConfigSet {
  readonly entries: ReadonlyMap<string, WorkerConfigEntry>;
  readonly issues: readonly SourceIssue[];
}

/** Values that look like a pasted credential rather than a reference. */
const LITERAL_SECRET = /(sk-|key-|token-|secret-)/i;

/**
 * Parses and checks one worker config file.
 *
 * @param text the YAML
 * @param file its path, for messages
 * @returns the config (undefined when it has errors) and the issues
 */
export async function parseWorkerConfig(
  text: string,
  file: string,
): Promise<{ config: WorkerConfig | undefined; issues: SourceIssue[] }> {
  const source = await parseYamlSource(text, file);
  const { value, issues } = validateSource(await workerConfigSchema(), source);
  const all = [...issues];
  if (value !== undefined) all.push(...extraChecks(value, source));
  return { config: all.some((i) => i.severity === "error") ? undefined : value, issues: all };
}

function extraChecks(config: WorkerConfig, source: YamlSource): SourceIssue[] {
  const issues: SourceIssue[] = [];
  const warn = (path: string[], message: string) => {
    const line = source.lineOf(path);
    issues.push({
      file: source.file,
      ...(line === undefined ? {} : { line }),
      key: path.join("."),
      message,
      severity: "warning",
    });
  };
  for (const [name, value] of Object.entries(config.environment)) {
    if (findSecretRefs(value).length === 0 && LITERAL_SECRET.test(value)) {
      warn(
        ["environment", name],
        `looks like a literal secret; use \${env:${name}} and keep the value out of the file`,
      );
    }
  }
  for (const key of ["log_path", "status_path"] as const) {
    const value = config[key];
    if (
      value !== undefined && !value.includes("${worker_id}") && !value.includes("${session_name}")
    ) {
      warn([key], "has no ${worker_id}; every worker would share one file");
    }
  }
  const stem = basename(source.file).replace(/\.ya?ml$/, "");
  if (stem !== config.name && !source.file.startsWith("<")) {
    warn(["name"], `"${config.name}" differs from the file name "${stem}"; the name is used`);
  }
  return issues;
}

/**
 * Loads every worker config: built-ins first, then FORGE_HOME/workers/*.yaml by name.
 *
 * @param options file access and the FORGE home
 * @returns the configs and all issues (a broken file is reported and skipped)
 */
export async function loadWorkerConfigs(
  options: { readonly fs: FileSystem; readonly layout: HomeLayout },
): Promise<WorkerConfigSet> {
  const entries = new Map<string, WorkerConfigEntry>();
  const issues: SourceIssue[] = [];
  const add = async (path: string, text: string, source: WorkerConfigEntry["source"]) => {
    const parsed = await parseWorkerConfig(text, path);
    issues.push(...parsed.issues);
    if (parsed.config !== undefined) {
      entries.set(parsed.config.name, { config: parsed.config, path, source });
    } else if (source === "home") {
      // A broken override must not silently fall back to the built-in worker of that name.
      entries.delete(basename(path).replace(/\.ya?ml$/, ""));
    }
  };
  for (const file of await builtinWorkerConfigFiles(options.fs)) {
    await add(file.path, file.text, "builtin");
  }
  for (const entry of await options.fs.readDir(options.layout.workers)) {
    if (entry.kind !== "file" || !/\.ya?ml$/.test(entry.name)) continue;
    const path = `${options.layout.workers}/${entry.name}`;
    try {
      await add(path, await options.fs.readTextFile(path), "home");
    } catch (error) {
      issues.push({
        file: path,
        key: "",
        message: `cannot read: ${(error as Error).message}`,
        severity: "error",
      });
    }
  }
  return { entries, issues };
}
