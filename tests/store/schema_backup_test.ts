import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import {
  MIGRATIONS,
  restoreSchemaBackup,
  SCHEMA_VERSION,
  schemaBackupPath,
  Store,
} from "../../src/store/mod.ts";
import { tempDir } from "../helpers/temp.ts";

function userVersion(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return Number(
      (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version,
    );
  } finally {
    db.close();
  }
}

Deno.test("Store.open() keeps a copy of a database before migrating it, and restoreSchemaBackup() puts it back", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "forge.db");
  const older = MIGRATIONS.slice(0, -1);
  const from = older[older.length - 1]?.version ?? 0;
  Store.open(path, { migrations: older }).close();
  assert.equal(existsSync(schemaBackupPath(path, from)), false, "nothing to keep on a fresh file");
  Store.open(path).close();
  assert.equal(userVersion(path), SCHEMA_VERSION);
  assert.equal(userVersion(schemaBackupPath(path, from)), from);

  assert.deepEqual(restoreSchemaBackup(path, SCHEMA_VERSION), { kind: "unchanged" });
  const done = restoreSchemaBackup(path, from);
  assert.equal(done.kind, "restored");
  assert.equal(userVersion(path), from, "the older FORGE finds its own schema");
  assert.equal(userVersion(`${path}.schema-${SCHEMA_VERSION}.rolled-back`), SCHEMA_VERSION);
  assert.equal(existsSync(schemaBackupPath(path, from)), false);
});

Deno.test("restoreSchemaBackup() says when there is no copy to put back and changes nothing", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "forge.db");
  Store.open(path).close();
  assert.deepEqual(restoreSchemaBackup(path, SCHEMA_VERSION - 1), {
    kind: "no-backup",
    from: SCHEMA_VERSION,
    to: SCHEMA_VERSION - 1,
  });
  assert.equal(userVersion(path), SCHEMA_VERSION);
  assert.deepEqual(restoreSchemaBackup(join(dir.path, "none.db"), 1), { kind: "unchanged" });
});
