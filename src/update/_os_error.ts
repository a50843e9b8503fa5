/**
 * Reading the platform's file errors without touching platform types: every message FORGE prints
 * about a failed file operation names the OS error the way the OS does.
 */

/** What a thrown file error says. */
export interface OsErrorParts {
  /** POSIX-style code ("EACCES", "ENOSPC", …) when the platform gave one. */
  readonly code: string | undefined;
  /** The OS's own words, e.g. "No space left on device". */
  readonly reason: string;
  /** The raw OS error number, when the message carries one. */
  readonly osError: number | undefined;
}

/**
 * Splits a thrown error into code, reason and OS error number.
 *
 * @param error anything caught from a file operation
 * @returns its parts
 */
export function osErrorParts(error: unknown): OsErrorParts {
  const message = error instanceof Error ? error.message : String(error);
  const raw = (error as { readonly code?: unknown } | null)?.code;
  const code = typeof raw === "string" && raw !== "" ? raw : undefined;
  const match = /^(.*?)\.?\s*\(os error (\d+)\)/.exec(message);
  const reason = (match?.[1] ?? message.split(/: (?=open|write|rename|remove|stat|mkdir)/)[0] ?? "")
    .trim();
  return { code, reason: reason === "" ? message : reason, osError: toNumber(match?.[2]) };
}

function toNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/**
 * Describes a file error in one parenthesis-ready phrase: "ENOSPC: no space left on device".
 *
 * @param error anything caught from a file operation
 * @returns the phrase
 */
export function describeOsError(error: unknown): string {
  const { code, reason } = osErrorParts(error);
  const words = reason.charAt(0).toLowerCase() + reason.slice(1);
  return code === undefined ? words : `${code}: ${words}`;
}

/**
 * Describes a file error the way Windows does: "Access is denied, os error 5".
 *
 * @param error anything caught from a file operation
 * @returns the phrase (as `describeOsError` when there is no OS error number)
 */
export function windowsReason(error: unknown): string {
  const { reason, osError } = osErrorParts(error);
  return osError === undefined ? describeOsError(error) : `${reason}, os error ${osError}`;
}

/**
 * Whether an error has one of the given codes.
 *
 * @param error anything caught
 * @param codes POSIX-style codes
 * @returns true on a match
 */
export function hasCode(error: unknown, ...codes: readonly string[]): boolean {
  const { code } = osErrorParts(error);
  return code !== undefined && codes.includes(code);
}

/**
 * Whether Windows refused because another process (or a virus scanner) holds the file: access
 * denied (os error 5) or a sharing violation (os error 32). Worth retrying for a few seconds.
 *
 * @param error anything caught from a rename
 * @returns true when a retry may help
 */
export function isFileBusy(error: unknown): boolean {
  const { code, osError } = osErrorParts(error);
  return osError === 5 || osError === 32 || code === "EBUSY" || code === "EACCES" ||
    code === "EPERM";
}
