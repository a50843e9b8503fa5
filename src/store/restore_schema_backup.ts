/**
 * After `forge rollback` to a FORGE that reads an older database schema: put back the copy the
 * store kept before it migrated, so the older FORGE finds its own data (as of that migration)
 * instead of refusing the newer file. The newer file is kept beside it, never deleted.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { schemaBackupPath } from "./store.ts";

/** What happened to the database. */
export type SchemaRestore =
  | { readonly kind: "unchanged" }
  | { readonly kind: "restored"; readonly from: number; readonly to: number; readonly kept: string }
  | { readonly kind: "no-backup"; readonly from: number; readonly to: number };

/**
 * Makes the database readable by a FORGE that knows schemas up to `supported`.
 *
 * @param path the database file
 * @param supported the highest schema version the FORGE now installed reads
 * @returns what was done
 */
export function restoreSchemaBackup(path: string, supported: number): SchemaRestore {
  if (!existsSync(path)) return { kind: "unchanged" };
  const db = new DatabaseSync(path, { readOnly: true });
  let current: number;
  try {
    current = Number(
      (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version,
    );
  } finally {
    db.close();
  }
  if (current <= supported) return { kind: "unchanged" };
  const backup = schemaBackupPath(path, supported);
  if (!existsSync(backup)) return { kind: "no-backup", from: current, to: supported };
  const kept = `${path}.schema-${current}.rolled-back`;
  rmSync(kept, { force: true });
  // The write-ahead log belongs to the newer file: it moves with it.
  for (const side of ["", "-wal", "-shm"]) {
    rmSync(`${kept}${side}`, { force: true });
    if (existsSync(`${path}${side}`)) renameSync(`${path}${side}`, `${kept}${side}`);
  }
  renameSync(backup, path);
  return { kind: "restored", from: current, to: supported, kept };
}
