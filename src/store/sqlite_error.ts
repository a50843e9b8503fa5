/**
 * Turns SQLite's terse errors into FORGE errors that say what failed and what to do. A locked
 * database is retried by SQLite itself (busy timeout, with backoff) before it gets here.
 */
import { ForgeError } from "../domain/mod.ts";

/**
 * Explains a SQLite error.
 *
 * @param error what node:sqlite threw
 * @param options what FORGE was doing and on which file
 * @returns a ForgeError with a hint
 */
export function sqliteError(
  error: unknown,
  options: { readonly action: string; readonly path: string },
): ForgeError {
  if (error instanceof ForgeError) return error;
  const message = (error as Error)?.message ?? String(error);
  const what = `Cannot ${options.action} database "${options.path}"`;
  if (/database is locked|database table is locked|SQLITE_BUSY/i.test(message)) {
    return new ForgeError(
      "CONFLICT",
      `${what}: another process holds its lock and did not let go in time`,
      {
        cause: error,
        hint:
          "another FORGE command may be busy; try again, or find the holder with `fuser` / `lsof` on the file",
      },
    );
  }
  if (/not a database|malformed|corrupt/i.test(message)) {
    return new ForgeError("IO", `${what}: it is damaged (${message})`, {
      cause: error,
      hint:
        "FORGE never replaces it by itself: run `forge db check`, restore a backup, or move it aside " +
        "(mv forge.db forge.db.broken) to start a new one",
    });
  }
  if (/readonly|read-only|unable to open|cannot open|permission/i.test(message)) {
    return new ForgeError("HOME_NOT_WRITABLE", `${what}: ${message}`, {
      cause: error,
      hint: "check the permissions of FORGE_HOME and of the database file",
    });
  }
  if (/disk is full|SQLITE_FULL/i.test(message)) {
    return new ForgeError("IO", `${what}: the disk is full`, {
      cause: error,
      hint: "free some space and try again",
    });
  }
  return new ForgeError("IO", `${what}: ${message}`, { cause: error });
}
