import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { SCHEMA_VERSION } from "../../src/store/mod.ts";
import { waitFor } from "../helpers/wait.ts";
import { updateSandbox } from "./_release_fixture.ts";

async function names(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) out.push(e.name);
  return out.sort();
}

Deno.test("forge update and rollback: three releases, a forced downgrade and a rollback, all verified and atomic", async () => {
  await using sb = await updateSandbox("9.9.9");
  await sb.publish([{ version: "9.9.9" }, { version: "9.9.10" }], {
    stable: "9.9.10",
    manifestVersion: 1,
  });

  const check = await sb.forge(["update", "--check"]);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /forge 9\.9\.10 is available \(you have 9\.9\.9\)/);
  assert.equal(await sb.installedVersion(), "9.9.9");

  const inode = (await Deno.stat(sb.bin)).ino;
  const first = await sb.forge(["update", "--yes"]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /Installed forge 9\.9\.10 \(was 9\.9\.9\)/);
  assert.equal(await sb.installedVersion(), "9.9.10");
  assert.notEqual((await Deno.stat(sb.bin)).ino, inode, "a new file, never written in place");
  assert.deepEqual(await names(join(sb.root, "bin")), ["forge"]);

  const again = await sb.forge(["update", "--yes"]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /up to date/i);

  await sb.publish([{ version: "9.9.9" }, { version: "9.9.10" }, { version: "9.9.11" }], {
    stable: "9.9.11",
    manifestVersion: 2,
  });
  const second = await sb.forge(["update", "--yes", "--json"]);
  assert.equal(second.code, 0, second.stderr);
  const json = JSON.parse(second.stdout);
  assert.deepEqual([json.status, json.from, json.to, json.exit_code], [
    "updated",
    "9.9.10",
    "9.9.11",
    0,
  ]);
  assert.equal(await sb.installedVersion(), "9.9.11");

  const refused = await sb.forge(["update", "--version", "9.9.9", "--yes"]);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /--allow-downgrade/);
  assert.equal(await sb.installedVersion(), "9.9.11");

  const down = await sb.forge(["update", "--version", "9.9.9", "--allow-downgrade", "--yes"]);
  assert.equal(down.code, 0, down.stderr);
  assert.equal(await sb.installedVersion(), "9.9.9");

  const back = await sb.forge(["rollback", "--yes"]);
  assert.equal(back.code, 0, back.stderr);
  assert.match(back.stdout, /restored forge 9\.9\.11 \(from 9\.9\.9\)/);
  assert.equal(await sb.installedVersion(), "9.9.11");
  assert.deepEqual(await names(join(sb.root, "bin")), ["forge"]);
  const state = JSON.parse(await Deno.readTextFile(join(sb.home, "state", "update.json")));
  assert.deepEqual(state.skipped, ["9.9.9"]);
  assert.equal(state.seenManifestVersion, 2);
});

Deno.test("forge update refuses a tampered manifest, a replayed one and a corrupt download, installing nothing", async (t) => {
  await using sb = await updateSandbox("9.9.9");
  const manifest = await sb.publish([{ version: "9.9.10" }], {
    stable: "9.9.10",
    manifestVersion: 5,
  });

  await t.step("one flipped byte in the manifest: exit 4, no download", async () => {
    sb.server.faults.set("/manifest.json", { kind: "flip", at: 20 });
    const out = await sb.forge(["update", "--yes"]);
    sb.server.faults.clear();
    assert.equal(out.code, 4, out.stderr);
    assert.match(out.stderr, /signature is invalid \(key [0-9A-F]{8}…\)\. Nothing was downloaded/);
    assert.ok(!sb.server.log.some((r) => r.path.startsWith("/forge-")));
    assert.equal(await sb.installedVersion(), "9.9.9");
  });

  await t.step("asset with one flipped byte: exit 4, discarded", async () => {
    sb.server.faults.set(`/forge-9.9.10-${Deno.build.target}`, { kind: "flip", at: 10 });
    const out = await sb.forge(["update", "--yes"]);
    sb.server.faults.clear();
    assert.equal(out.code, 4, out.stderr);
    assert.match(out.stderr, /checksum mismatch/);
    assert.deepEqual(await names(join(sb.root, "bin")), ["forge"]);
    assert.equal(await sb.installedVersion(), "9.9.9");
  });

  await t.step("a validly signed but older manifest after a newer one: exit 4", async () => {
    const ok = await sb.forge(["update", "--check"]);
    assert.equal(ok.code, 0, ok.stderr);
    await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 4 });
    const out = await sb.forge(["update", "--yes"]);
    assert.equal(out.code, 4, out.stderr);
    assert.match(out.stderr, /older release manifest \(#4\) than one already seen \(#5\)/);
    sb.server.files.set("/manifest.json", manifest);
  });

  await t.step("a new binary that fails its self-test: exit 8, nothing installed", async () => {
    await sb.publish([{ version: "9.9.12", behaviour: "wrong-version" }], {
      stable: "9.9.12",
      manifestVersion: 6,
    });
    const out = await sb.forge(["update", "--yes"]);
    assert.equal(out.code, 8, out.stderr);
    assert.match(out.stderr, /failed its self-test/);
    assert.deepEqual(await names(join(sb.root, "bin")), ["forge"]);
    assert.equal(await sb.installedVersion(), "9.9.9");
  });

  await t.step("no build for this platform: exit 3", async () => {
    await sb.publish([{ version: "9.9.13", targets: ["aarch64-apple-darwin"] }], {
      stable: "9.9.13",
      manifestVersion: 7,
    });
    const before = sb.server.log.length;
    const out = await sb.forge(["update", "--yes"]);
    assert.equal(out.code, 3, out.stderr);
    assert.match(out.stderr, new RegExp(`has no build for ${Deno.build.target}`));
    assert.ok(!sb.server.log.slice(before).some((r) => r.path.startsWith("/forge-")));
  });
});

Deno.test("forge rollback refuses a corrupt saved copy and says when there is none", async () => {
  await using sb = await updateSandbox("9.9.9");
  const none = await sb.forge(["rollback", "--yes"]);
  assert.equal(none.code, 5, none.stderr);
  assert.match(none.stderr, /no previous version is available/);
  await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
  assert.equal((await sb.forge(["update", "--yes"])).code, 0);
  const saved = join(sb.home, "state", "versions", "9.9.9", "forge");
  const bytes = await Deno.readFile(saved);
  bytes[5] = (bytes[5] ?? 0) ^ 1;
  await Deno.writeFile(saved, bytes);
  const out = await sb.forge(["rollback", "--yes"]);
  assert.equal(out.code, 4, out.stderr);
  assert.match(out.stderr, /corrupted/);
  assert.equal(await sb.installedVersion(), "9.9.10");
});

Deno.test("forge update killed with SIGKILL before or after the swap leaves a whole binary, and the next start repairs", async (t) => {
  for (
    const c of [{ at: "before_swap", installed: "9.9.9", said: /repaired/ }, {
      at: "after_swap",
      installed: "9.9.10",
      said: /finished/,
    }]
  ) {
    await t.step(c.at, async () => {
      await using sb = await updateSandbox("9.9.9");
      await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
      const paused = join(sb.root, "paused");
      const child = sb.spawnForge(["update", "--yes"], {
        FORGE_TEST_PAUSE: c.at,
        FORGE_TEST_PAUSE_FILE: paused,
      });
      await waitFor(async () => await Deno.stat(paused).then(() => true, () => false), {
        timeoutMs: 30_000,
        what: `the update to pause at ${c.at}`,
      });
      child.kill("SIGKILL");
      await child.status;
      assert.equal(await sb.installedVersion(), c.installed);
      const journal = join(sb.home, "state", "update-journal.json");
      assert.ok(await Deno.stat(journal).then(() => true, () => false), "the journal is left");
      const next = await sb.forge(["version"]);
      assert.equal(next.code, 0, next.stderr);
      assert.match(next.stderr, c.said);
      assert.equal(await Deno.stat(journal).then(() => true, () => false), false);
      assert.deepEqual(await names(join(sb.root, "bin")), ["forge"]);
      assert.equal(await sb.installedVersion(), c.installed);
    });
  }
});

Deno.test("forge rollback gives the older forge its database as it was before the newer one migrated it", async () => {
  await using sb = await updateSandbox("9.9.9");
  await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
  assert.equal((await sb.forge(["update", "--yes"])).code, 0);
  // As if forge 9.9.10 had migrated the database one schema further, keeping the older copy.
  const db = join(sb.home, "forge.db");
  const make = (path: string, version: number, marker: string) => {
    const d = new DatabaseSync(path);
    d.exec(
      `CREATE TABLE marker (v TEXT); INSERT INTO marker VALUES ('${marker}'); PRAGMA user_version = ${version}`,
    );
    d.close();
  };
  make(db, SCHEMA_VERSION + 1, "newer");
  make(`${db}.schema-${SCHEMA_VERSION}.bak`, SCHEMA_VERSION, "older");
  const out = await sb.forge(["rollback", "--yes"]);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /restored forge 9\.9\.9 \(from 9\.9\.10\)/);
  assert.match(out.stdout, new RegExp(`Its database \\(schema ${SCHEMA_VERSION}\\) is back`));
  const d = new DatabaseSync(db, { readOnly: true });
  assert.equal((d.prepare("SELECT v FROM marker").get() as { v: string }).v, "older");
  d.close();
  assert.ok(await Deno.stat(`${db}.schema-${SCHEMA_VERSION + 1}.rolled-back`).then(() => true));
});
