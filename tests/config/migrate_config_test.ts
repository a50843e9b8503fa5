import assert from "node:assert/strict";
import { CONFIG_MIGRATIONS, type ConfigMigration, migrateConfig } from "../../src/config/mod.ts";
import { CONFIG_VERSION } from "../../src/domain/mod.ts";

/** A pretend history: v1 called it `workers`, v2 renamed it `max_workers`, v3 added nothing. */
const FAKE: readonly ConfigMigration[] = [
  {
    from: 1,
    summary: "workers → max_workers",
    migrate: ({ workers, ...rest }) => ({ ...rest, max_workers: workers }),
  },
  { from: 2, summary: "no change", migrate: (value) => ({ ...value }) },
];

Deno.test("migrateConfig() applies each step from the file's version to the target", () => {
  const result = migrateConfig({ config_version: 1, workers: 4, launcher: { retries: 1 } }, {
    migrations: FAKE,
    target: 3,
  });
  assert.deepEqual(result, {
    kind: "migrated",
    value: { config_version: 3, max_workers: 4, launcher: { retries: 1 } },
    from: 1,
    steps: [1, 2],
  });
});

Deno.test("migrateConfig() starts in the middle of the table", () => {
  const result = migrateConfig({ config_version: 2, max_workers: 4 }, {
    migrations: FAKE,
    target: 3,
  });
  assert.equal(result.kind, "migrated");
  assert.deepEqual(result.kind === "migrated" ? result.steps : [], [2]);
});

Deno.test("migrateConfig() takes a file without config_version as current", () => {
  const result = migrateConfig({ workers: 4 }, { migrations: FAKE, target: 3 });
  assert.deepEqual(result, {
    kind: "migrated",
    value: { workers: 4, config_version: 3 },
    from: 3,
    steps: [],
  });
});

Deno.test("migrateConfig() reports a version newer than the target", () => {
  assert.deepEqual(migrateConfig({ config_version: 4 }, { migrations: FAKE, target: 3 }), {
    kind: "newer",
    version: 4,
  });
});

Deno.test("migrateConfig() reports a missing step", () => {
  assert.deepEqual(migrateConfig({ config_version: 0 }, { migrations: FAKE, target: 3 }), {
    kind: "gap",
    from: 0,
  });
});

Deno.test("migrateConfig() refuses versions that are not whole numbers of 0 or more", async (t) => {
  for (const found of ["1", 1.5, -1, null, [1]]) {
    await t.step(JSON.stringify(found), () => {
      assert.deepEqual(migrateConfig({ config_version: found }), { kind: "invalid", found });
    });
  }
});

Deno.test("CONFIG_MIGRATIONS reaches CONFIG_VERSION from version 0 without gaps", () => {
  for (let version = 0; version < CONFIG_VERSION; version++) {
    assert.ok(CONFIG_MIGRATIONS.some((m) => m.from === version), `no step from ${version}`);
  }
  const result = migrateConfig({ config_version: 0, max_workers: 2 });
  assert.deepEqual(result, {
    kind: "migrated",
    value: { config_version: CONFIG_VERSION, max_workers: 2 },
    from: 0,
    steps: [0],
  });
});
