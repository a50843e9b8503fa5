import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { recordAudit, Store } from "../../src/store/mod.ts";
import { forgeSandbox } from "../helpers/forge_env.ts";

const DAY = 86_400_000;

/** A store with `audit` entries `daysOld` days old, folded into the main file. */
function seed(path: string, options: { readonly entries: number; readonly daysOld: number }): void {
  const store = Store.open(path);
  store.transaction(() => {
    for (let i = 0; i < options.entries; i++) {
      store.statement(
        `INSERT INTO usage (source_id, source_offset, seq, at, worker_id, workspace, model, plan,
          input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nanos, cost_source)
         VALUES (1, ?, 0, ?, 'w1', '/ws', 'm', '', 1, 1, 0, 0, 5, 'log')`,
      ).run(i, Date.now() - options.daysOld * DAY);
    }
  });
  recordAudit(store, {
    actor: { who: "a@b", via: "cli" },
    action: "spawn",
    target: "w1",
    outcome: "ok",
    details: { padding: "x".repeat(100) },
  }, { now: Date.now() });
  store.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  store.close();
}

Deno.test("forge db path prints the database file", async () => {
  await using sb = await forgeSandbox("db");
  const run = await sb.forge(["db", "path"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, `${join(sb.home, "forge.db")}\n`);
  const json = await sb.forge(["db", "path", "--json"]);
  assert.deepEqual(JSON.parse(json.stdout), { path: join(sb.home, "forge.db") });
});

Deno.test("forge db check reports a sound database and exits 0", async (t) => {
  await using sb = await forgeSandbox("db");
  const path = join(sb.home, "forge.db");

  await t.step("no database yet: said so, and none is created", async () => {
    const run = await sb.forge(["db", "check"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^No database yet at /);
    assert.equal(await Deno.stat(path).catch(() => undefined), undefined);
  });

  seed(path, { entries: 25, daysOld: 1 });

  await t.step("human output", async () => {
    const run = await sb.forge(["db", "check"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^database +${path}\n`));
    assert.match(run.stdout, /\nschema +version 3 \(current\)\n/);
    assert.match(run.stdout, /\nintegrity +ok\n/);
    assert.match(run.stdout, /\nforeign keys +ok\n/);
    assert.match(run.stdout, /\nrows +.*\baudit 1\b.*\busage 25\b/);
    assert.match(run.stdout, /\nok\n$/);
  });

  await t.step("--json", async () => {
    const run = await sb.forge(["db", "check", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const check = JSON.parse(run.stdout);
    assert.equal(check.ok, true);
    assert.equal(check.schema_version, 3);
    assert.deepEqual(check.integrity, ["ok"]);
    assert.deepEqual(check.foreign_key_problems, []);
    assert.equal(check.rows.usage, 25);
    assert.equal(check.file_bytes, (await Deno.stat(path)).size);
  });
});

Deno.test("forge db check exits 1 for a broken foreign key or a damaged page", async (t) => {
  await using sb = await forgeSandbox("db");
  const path = join(sb.home, "forge.db");

  await t.step("a log offset pointing at no source", async () => {
    seed(path, { entries: 1, daysOld: 1 });
    const db = new DatabaseSync(path);
    db.exec(
      "PRAGMA foreign_keys = OFF; INSERT INTO log_offsets (path, source_id, ino, offset, updated_at) VALUES ('/x.log', 999, 1, 0, 0)",
    );
    db.close();
    const run = await sb.forge(["db", "check", "--json"]);
    assert.equal(run.code, 1, run.stderr);
    const check = JSON.parse(run.stdout);
    assert.equal(check.ok, false);
    assert.deepEqual(check.foreign_key_problems, [
      { table: "log_offsets", rowid: 1, parent: "log_sources" },
    ]);
    const human = await sb.forge(["db", "check"]);
    assert.equal(human.code, 1);
    assert.match(human.stdout, /\nforeign keys +log_offsets row 1 → log_sources\n/);
    assert.match(human.stdout, /\nnot ok\n$/);
  });

  await t.step("a page overwritten in the middle of the file", async () => {
    await Deno.remove(path);
    seed(path, { entries: 5_000, daysOld: 1 });
    const bytes = await Deno.readFile(path);
    const page = Math.floor(bytes.length / 4096 / 2);
    bytes.fill(0x5a, page * 4096, (page + 1) * 4096);
    await Deno.writeFile(path, bytes);
    const run = await sb.forge(["db", "check", "--json"]);
    assert.equal(run.code, 1, run.stderr);
    const check = JSON.parse(run.stdout);
    assert.equal(check.ok, false);
    assert.notDeepEqual(check.integrity, ["ok"]);
  });
});

Deno.test("forge db check names a file that is no database, exits 1 and leaves it alone", async () => {
  await using sb = await forgeSandbox("db");
  const path = join(sb.home, "forge.db");
  const junk = crypto.getRandomValues(new Uint8Array(8_192));
  await Deno.writeFile(path, junk);
  const run = await sb.forge(["db", "check"]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, new RegExp(`error: Cannot open database "${path}": it is damaged`));
  assert.match(run.stderr, /hint: FORGE never replaces it by itself/);
  assert.deepEqual(await Deno.readFile(path), junk);
});

Deno.test("forge db vacuum deletes rows past retention and reports the file shrinking", async () => {
  await using sb = await forgeSandbox("db");
  const path = join(sb.home, "forge.db");
  await Deno.writeTextFile(join(sb.home, "config.yaml"), "retention_days: 30\n");
  seed(path, { entries: 20_000, daysOld: 45 });
  const run = await sb.forge(["db", "vacuum", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.deleted.usage, 20_000);
  assert.equal(result.deleted.audit, 0);
  assert.ok(result.bytes_after < result.bytes_before / 2, run.stdout);
  assert.equal(result.bytes_after, (await Deno.stat(path)).size);
  const again = await sb.forge(["db", "vacuum"]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^deleted +nothing\nsize +\d+(\.\d)? KiB → \d+(\.\d)? KiB\n$/);
});
