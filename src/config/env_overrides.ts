/**
 * Configuration keys that environment variables override. They rank above every file and below
 * command-line flags.
 *
 * | Variable                 | Key                        | Value                      |
 * | ------------------------ | -------------------------- | -------------------------- |
 * | `FORGE_MAX_WORKERS`      | `max_workers`              | whole number, 1–1000       |
 * | `FORGE_LAUNCHER_TIMEOUT` | `launcher.timeout_seconds` | seconds, above 0, max 600  |
 *
 * An empty variable counts as unset. `FORGE_HOME` and `FORGE_CONFIG` choose where configuration
 * is read from; they are not overrides.
 */
import type { Env, SourceIssue } from "../domain/mod.ts";
import type { Layer } from "./_layer.ts";
import { dottedKey } from "./_layer.ts";

/** One environment variable that sets one key. */
export interface EnvOverride {
  readonly name: string;
  /** Key path inside the configuration. */
  readonly path: readonly string[];
  readonly type: "integer" | "number";
  readonly description: string;
}

/** Every override FORGE reads, in the order README lists them. */
export const ENV_OVERRIDES: readonly EnvOverride[] = [
  {
    name: "FORGE_MAX_WORKERS",
    path: ["max_workers"],
    type: "integer",
    description: "workers FORGE runs at once, over all workspaces",
  },
  {
    name: "FORGE_LAUNCHER_TIMEOUT",
    path: ["launcher", "timeout_seconds"],
    type: "number",
    description: "hard limit for one launcher run, in seconds",
  },
];

/** The environment as a configuration layer. */
export interface EnvLayer {
  readonly layer: Layer;
  /** Names of the variables that were set. */
  readonly names: readonly string[];
  /** Values that are not numbers. */
  readonly issues: readonly SourceIssue[];
}

/**
 * Reads the override variables.
 *
 * @param env the environment
 * @param overrides the table (default ENV_OVERRIDES)
 * @returns a layer with the values that parsed, and an issue per value that did not
 */
export function readEnvOverrides(
  env: Env,
  overrides: readonly EnvOverride[] = ENV_OVERRIDES,
): EnvLayer {
  const value: Record<string, unknown> = {};
  const names: string[] = [];
  const issues: SourceIssue[] = [];
  for (const override of overrides) {
    const text = env.get(override.name)?.trim() ?? "";
    if (text === "") continue;
    const parsed = parseNumber(text, override.type);
    if (parsed === undefined) {
      const expected = override.type === "integer" ? "a whole number" : "a number";
      issues.push({
        file: "environment",
        key: override.name,
        message: `expected ${expected}, found "${text}"`,
        severity: "error",
      });
      continue;
    }
    names.push(override.name);
    setPath(value, override.path, parsed);
  }
  const layer: Layer = {
    file: "environment",
    value,
    locate: (path) => ({ key: variableFor(overrides, path) }),
  };
  return { layer, names, issues };
}

function parseNumber(text: string, type: EnvOverride["type"]): number | undefined {
  if (type === "integer") return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    node = (node[key] ??= {}) as Record<string, unknown>;
  });
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

function variableFor(overrides: readonly EnvOverride[], path: readonly PropertyKey[]): string {
  const key = dottedKey(path);
  const match = overrides.find((o) => dottedKey(o.path) === key) ??
    overrides.find((o) => dottedKey(o.path).startsWith(`${key}.`));
  return match?.name ?? key;
}
