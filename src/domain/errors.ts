/**
 * FORGE's error vocabulary. One base class with a code; subclasses only where callers branch.
 * Only `cli/` turns these into exit codes (see adr/0014-error-handling.md).
 */

/** Machine-readable error codes, stable for `--json` output. */
export type ForgeErrorCode =
  | "USAGE"
  | "NOT_FOUND"
  | "VERIFICATION"
  | "CONFIG_INVALID"
  | "LAUNCHER_FAILED"
  | "HOME_NOT_WRITABLE"
  | "BEAD_STORE"
  | "CONFLICT"
  | "IO"
  | "INTERNAL";

/** Options of every FORGE error: the cause and a next step for the user. */
export interface ForgeErrorOptions extends ErrorOptions {
  /** What the user can do about it, printed as "hint: …". */
  readonly hint?: string;
}

/** Base of all errors FORGE raises on purpose. */
export class ForgeError extends Error {
  /** Stable code for scripts. */
  readonly code: ForgeErrorCode;
  /** What to do next, when FORGE knows. */
  readonly hint: string | undefined;

  /**
   * @param code stable code
   * @param message `Cannot <action> <thing> "<value>": <why>`
   * @param options cause and hint
   */
  constructor(code: ForgeErrorCode, message: string, options: ForgeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = this.constructor.name;
    this.code = code;
    this.hint = options.hint;
  }
}

/** Wrong use of a command or flag: exit code 2. */
export class UsageError extends ForgeError {
  /** @param message what is wrong @param options hint */
  constructor(message: string, options: ForgeErrorOptions = {}) {
    super("USAGE", message, options);
  }
}

/** A named thing (worker, bead, file, workspace) does not exist: exit code 3. */
export class NotFoundError extends ForgeError {
  /** @param message what was not found @param options cause and hint */
  constructor(message: string, options: ForgeErrorOptions = {}) {
    super("NOT_FOUND", message, options);
  }
}

/** A check refused something (validation failed, signature bad): exit code 4. */
export class VerificationError extends ForgeError {
  /** @param message what was refused @param options cause and hint */
  constructor(message: string, options: ForgeErrorOptions = {}) {
    super("VERIFICATION", message, options);
  }
}

/** One problem found in a YAML/JSON document, located for the user. */
export interface SourceIssue {
  readonly file: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** Dotted key path, e.g. `workers.max`. */
  readonly key: string;
  readonly message: string;
  readonly severity: "error" | "warning";
}

/** A configuration (or worker config) file is invalid. */
export class ConfigError extends ForgeError {
  /** Every problem found, errors and warnings. */
  readonly issues: readonly SourceIssue[];

  /** @param message summary @param issues located problems @param options cause and hint */
  constructor(message: string, issues: readonly SourceIssue[], options: ForgeErrorOptions = {}) {
    super("CONFIG_INVALID", message, options);
    this.issues = issues;
  }
}

/**
 * Formats a located issue the way compilers do: `file:line: key: message`.
 *
 * @param issue the issue
 * @returns one line of text
 */
export function formatSourceIssue(issue: SourceIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const key = issue.key === "" ? "" : ` ${issue.key}:`;
  return `${where}:${key} ${issue.message}`;
}

/**
 * Returns the message of anything thrown, for reports.
 *
 * @param error anything caught
 * @returns its message
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
