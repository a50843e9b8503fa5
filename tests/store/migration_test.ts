import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { ForgeError } from "../../src/domain/mod.ts";
import { MIGRATIONS, SCHEMA_VERSION, Store } from "../../src/store/mod.ts";
import { tempDir } from "../helpers/temp.ts";

function tables(store: Store): string[] {
  return (store.statement("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all() as { name: string }[]).map((r) => r.name);
}

Deno.test("Store.open() migrates a database at version 0 with no tables to the latest schema", async (t) => {
  await using dir = await tempDir();
  for (
    const [name, make] of [
      ["an empty file", (p: string) => Deno.writeFileSync(p, new Uint8Array())],
      ["a new path", (_p: string) => {}],
    ] as const
  ) {
    await t.step(name, () => {
      const path = join(dir.path, `${name.replaceAll(" ", "_")}.db`);
      make(path);
      const store = Store.open(path);
      try {
        assert.equal(store.schemaVersion, SCHEMA_VERSION);
        assert.ok(tables(store).includes("usage"));
        assert.ok(tables(store).includes("meta"));
        const mode = store.statement("PRAGMA journal_mode").get() as { journal_mode: string };
        assert.equal(mode.journal_mode, "wal");
      } finally {
        store.close();
      }
    });
  }
});

Deno.test("Store.open() refuses a newer schema with the exact message and leaves the file as it was", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "forge.db");
  const db = new DatabaseSync(path);
  db.exec(`CREATE TABLE future (x); INSERT INTO future VALUES (1);
    PRAGMA user_version = ${SCHEMA_VERSION + 5};`);
  db.close();
  const before = await Deno.readFile(path);
  assert.throws(
    () => Store.open(path),
    (error) => {
      assert.ok(error instanceof ForgeError);
      assert.equal(error.code, "CONFLICT");
      assert.equal(
        error.message,
        `Cannot use database "${path}": its schema is version ${
          SCHEMA_VERSION + 5
        }, newer than the ${SCHEMA_VERSION} this FORGE knows`,
      );
      assert.match(error.hint ?? "", /update FORGE/);
      return true;
    },
  );
  assert.deepEqual(await Deno.readFile(path), before);
  const names = (await Array.fromAsync(Deno.readDir(dir.path))).map((e) => e.name);
  assert.deepEqual(names, ["forge.db"]);
});

Deno.test("Store.open() brings a version-1 database through migrations 2 and 3 and keeps its rows", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "forge.db");
  const v1 = Store.open(path, { migrations: MIGRATIONS.slice(0, 1) });
  assert.equal(v1.schemaVersion, 1);
  assert.ok(!tables(v1).includes("meta"));
  assert.ok(!tables(v1).includes("usage_bead_hourly"));
  v1.exec(
    "INSERT INTO audit (at, actor, interface, action, target, outcome, details) VALUES (1, 'a@b', 'cli', 'spawn', 'w1', 'ok', '{}')",
  );
  v1.close();
  const store = Store.open(path);
  try {
    assert.equal(SCHEMA_VERSION, 3);
    assert.equal(store.schemaVersion, 3);
    assert.ok(tables(store).includes("meta"));
    assert.ok(tables(store).includes("usage_bead_hourly"));
    store.exec("INSERT INTO meta (key, value) VALUES ('k', 'v')");
    assert.deepEqual(
      { ...(store.statement("SELECT target FROM audit").get() as object) },
      { target: "w1" },
    );
  } finally {
    store.close();
  }
});

Deno.test("Store.open() applies a failing migration not at all: the version and tables stay", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "forge.db");
  Store.open(path, { migrations: MIGRATIONS.slice(0, 1) }).close();
  const broken = [
    ...MIGRATIONS.slice(0, 1),
    {
      version: 2,
      summary: "broken",
      sql: "CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);",
    },
  ];
  assert.throws(() => Store.open(path, { migrations: broken }), ForgeError);
  const store = Store.open(path, { migrations: MIGRATIONS.slice(0, 1) });
  try {
    assert.equal(store.schemaVersion, 1);
    assert.ok(!tables(store).includes("half"));
  } finally {
    store.close();
  }
});
