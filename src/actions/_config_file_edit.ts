/**
 * One edit of the global configuration file, made the same way by every action that changes it:
 * the file FORGE reads (or FORGE_HOME/config.yaml when there is none), one edit at a time (a lock
 * in FORGE_HOME/state), a symlink or an already invalid file refused, the changed text checked
 * against the schema before anything is written, then written atomically with the file's mode
 * (0600 for a new file). Each action keeps its own wording for refusals.
 */
import { dirname, join } from "node:path";
import type { FileInfo, SourceIssue } from "../domain/mod.ts";
import { type ConfigError, errorMessage, ForgeError } from "../domain/mod.ts";
import { findConfigFiles } from "../config/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { configTextErrors } from "./_check_config_text.ts";

/** The parts of the action context a configuration file edit uses. */
export type ConfigFilePorts = Pick<ActionContext, "fs" | "env" | "cwd" | "layout">;

/** A refused file: invalid as it is (`already`), or as the change would leave it (`after`). */
export interface InvalidFile {
  readonly file: string;
  readonly when: "already" | "after";
  readonly errors: readonly [SourceIssue, ...SourceIssue[]];
}

/** How an action words its refusals. */
export interface EditWording {
  /** The hint for a symlinked file. */
  readonly symlinkHint: string;
  /** The hint when the file cannot be written. */
  readonly writeHint: string;
  /** The error for an invalid file. */
  readonly invalid: (refused: InvalidFile) => ConfigError;
}

/** The file as it is now: valid, and a header alone when it does not exist yet. */
export interface CurrentFile {
  readonly file: string;
  readonly text: string;
  /** True when the file does not exist yet. */
  readonly created: boolean;
}

/** One edit: the change of the text, and what it comes to. */
export interface ConfigFileEdit<T> {
  /** `--config` when given. */
  readonly explicitConfig?: string | undefined;
  readonly wording: EditWording;
  /** The new text and the outcome; throws to refuse the change (nothing is written then). */
  readonly change: (
    current: CurrentFile,
  ) => Promise<{ readonly text: string; readonly outcome: T }>;
  /** Runs once the file is written, still under the lock (audit entries). */
  readonly record: (outcome: T) => Promise<void>;
}

const NEW_FILE_HEADER = "# FORGE configuration. Check it with `forge config validate`.\n";

/**
 * Edits the global configuration file.
 *
 * @param ctx file system, environment, working directory and the FORGE home
 * @param edit the change, its wording, and what to record once written
 * @returns the change's outcome
 * @throws {ForgeError} IO for a symlinked or unwritable file
 * @throws {ConfigError} when the file is invalid already, or would be after the change (nothing
 *   is written then)
 */
export async function editConfigFile<T>(
  ctx: ConfigFilePorts,
  edit: ConfigFileEdit<T>,
): Promise<T> {
  const wording = edit.wording;
  const file = await configFileToEdit(ctx, edit.explicitConfig);
  await ctx.fs.mkdirp(ctx.layout.state);
  const lock = await ctx.fs.lock(join(ctx.layout.state, "config-edit.lock"));
  try {
    const info = await ctx.fs.lstat(file);
    if (info?.kind === "symlink") {
      throw new ForgeError("IO", `Cannot edit configuration file "${file}": it is a symlink`, {
        hint: wording.symlinkHint,
      });
    }
    const text = info === undefined ? NEW_FILE_HEADER : await ctx.fs.readTextFile(file);
    await refuseInvalid(text, { file, when: "already", wording });
    const changed = await edit.change({ file, text, created: info === undefined });
    await refuseInvalid(changed.text, { file, when: "after", wording });
    await write(ctx, { file, text: changed.text, mode: modeOf(info), hint: wording.writeHint });
    await edit.record(changed.outcome);
    return changed.outcome;
  } finally {
    await lock.release();
  }
}

async function configFileToEdit(
  ctx: ConfigFilePorts,
  explicit: string | undefined,
): Promise<string> {
  const lookup = await findConfigFiles({
    fs: ctx.fs,
    env: ctx.env,
    cwd: ctx.cwd,
    home: ctx.layout.home,
    ...(explicit === undefined ? {} : { explicitPath: explicit }),
  });
  return lookup.global?.path ?? ctx.layout.config;
}

async function refuseInvalid(
  text: string,
  o: { readonly file: string; readonly when: InvalidFile["when"]; readonly wording: EditWording },
): Promise<void> {
  const [first, ...rest] = await configTextErrors(text, o.file);
  if (first === undefined) return;
  throw o.wording.invalid({ file: o.file, when: o.when, errors: [first, ...rest] });
}

async function write(
  ctx: ConfigFilePorts,
  o: { readonly file: string; readonly text: string; readonly mode: number; readonly hint: string },
): Promise<void> {
  try {
    await ctx.fs.mkdirp(dirname(o.file));
    await ctx.fs.writeFileAtomic(o.file, o.text, { mode: o.mode });
  } catch (cause) {
    throw new ForgeError(
      "IO",
      `Cannot write configuration file "${o.file}": ${errorMessage(cause)}`,
      { cause, hint: o.hint },
    );
  }
}

function modeOf(info: FileInfo | undefined): number {
  return info?.mode === undefined ? 0o600 : info.mode & 0o777;
}
