/**
 * `forge db vacuum`: rebuilds the file without its free pages and folds the write-ahead log back
 * into it, so the space retention freed is given back to the disk.
 */
import { sqliteError } from "./sqlite_error.ts";
import type { Store } from "./store.ts";

/**
 * Runs VACUUM and a truncating checkpoint.
 *
 * @param store the open store (no transaction may be open)
 * @throws {ForgeError} when the database is locked, damaged or the disk is full
 */
export function vacuumStore(store: Store): void {
  try {
    store.exec("VACUUM");
    store.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (error) {
    throw sqliteError(error, { action: "vacuum", path: store.path });
  }
}
