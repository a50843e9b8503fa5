/**
 * `forge config show|validate|path`: the merged configuration, its check, and where it is read
 * from. Secret references are printed as written; nothing here resolves them.
 */
import type { SourceIssue } from "../../domain/mod.ts";
import { formatSourceIssue } from "../../domain/mod.ts";
import type { ConfigLookup, FindConfigFilesOptions, LoadedConfig } from "../../config/mod.ts";
import { findConfigFiles, validateConfig } from "../../config/mod.ts";
import type { CliContext } from "../context.ts";
import { EXIT } from "../exit_codes.ts";
import { formatTable } from "../output.ts";

/**
 * Prints the merged configuration as YAML (or JSON with `--json`); warnings go to stderr.
 *
 * @param ctx the command context
 * @returns exit code 0
 * @throws {ConfigError} when the configuration is invalid
 */
export async function runConfigShow(ctx: CliContext): Promise<number> {
  const loaded = await ctx.config();
  for (const warning of loaded.warnings) ctx.out.warn(formatSourceIssue(warning));
  if (ctx.globals.json) {
    ctx.out.printJson(loaded.config);
    return EXIT.ok;
  }
  const { stringify } = await import("yaml");
  ctx.out.write(`${showHeader(loaded).join("\n")}\n${stringify(loaded.config)}`);
  return EXIT.ok;
}

function showHeader(loaded: LoadedConfig): string[] {
  const lines = ["# FORGE configuration, merged from (later lines win):", "#   defaults"];
  for (const file of loaded.files) lines.push(`#   ${file.role}: ${file.path}`);
  if (loaded.environment.length > 0) {
    lines.push(`#   environment: ${loaded.environment.join(", ")}`);
  }
  return lines;
}

/**
 * Checks a file, or the files FORGE would load, and prints every issue.
 *
 * @param ctx the command context
 * @param input the file to check (default: the lookup)
 * @returns 0 when there is no error (warnings allowed), 1 otherwise
 * @throws {NotFoundError} when the file does not exist
 */
export async function runConfigValidate(
  ctx: CliContext,
  input: { readonly path: string | undefined },
): Promise<number> {
  const result = await validateConfig({
    ...lookupOptions(ctx),
    ...(input.path === undefined ? {} : { path: input.path }),
  });
  const code = result.valid ? EXIT.ok : EXIT.failure;
  if (ctx.globals.json) {
    ctx.out.printJson({
      valid: result.valid,
      files: result.files.map((f) => f.path),
      issues: result.issues,
    });
    return code;
  }
  for (const issue of result.issues) {
    ctx.out.print(`${severityLabel(ctx, issue)} ${formatSourceIssue(issue)}`);
  }
  ctx.out.print(validateSummary(result.valid, result.files.length, result.issues));
  return code;
}

function severityLabel(ctx: CliContext, issue: SourceIssue): string {
  return issue.severity === "error"
    ? ctx.out.style("red", "error:")
    : ctx.out.style("yellow", "warning:");
}

function validateSummary(valid: boolean, files: number, issues: readonly SourceIssue[]): string {
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  const checked = files === 0 ? "no file found, defaults only" : count(files, "file");
  const parts = [checked, ...(errors > 0 ? [count(errors, "error")] : [])];
  if (warnings > 0) parts.push(count(warnings, "warning"));
  return `Configuration is ${valid ? "valid" : "invalid"} (${parts.join(", ")})`;
}

/**
 * Lists where FORGE looks for configuration, in order, and which files it uses.
 *
 * @param ctx the command context
 * @returns 0, or 3 when `--config` / `$FORGE_CONFIG` names a missing file
 */
export async function runConfigPath(ctx: CliContext): Promise<number> {
  const lookup = await findConfigFiles(lookupOptions(ctx));
  if (ctx.globals.json) {
    ctx.out.printJson({
      home: lookup.home,
      candidates: lookup.candidates.map(({ source, path, exists, used }) => ({
        source,
        path,
        exists,
        used,
      })),
      workspace: lookup.workspace,
    });
  } else {
    for (const line of pathReport(lookup)) ctx.out.print(line);
  }
  const global = lookup.global;
  if (global !== undefined && !global.exists) {
    ctx.out.warn(`the configuration file "${global.path}" (from ${global.source}) does not exist`);
    return EXIT.notFound;
  }
  return EXIT.ok;
}

function pathReport(lookup: ConfigLookup): string[] {
  const state = (exists: boolean, used: boolean) =>
    used ? (exists ? "used" : "used, missing") : (exists ? "exists" : "missing");
  const { workspace } = lookup;
  return [
    `FORGE_HOME: ${lookup.home}`,
    "",
    "Global configuration (the first file that exists):",
    ...formatTable(
      ["STATE", "SOURCE", "PATH"],
      lookup.candidates.map((c) => [state(c.exists, c.used), c.source, c.path]),
    ).map((line) => `  ${line}`),
    "",
    "Workspace override:",
    `  ${state(workspace.exists, workspace.used)}  ${workspace.path}`,
  ];
}

function lookupOptions(ctx: CliContext): FindConfigFilesOptions {
  return {
    fs: ctx.fs,
    env: ctx.env,
    cwd: ctx.cwd,
    home: ctx.home,
    ...(ctx.globals.config === undefined ? {} : { explicitPath: ctx.globals.config }),
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
