/**
 * `forge update --dry-run` (downloads, verifies and self-tests, installs nothing) and the
 * `--json` document of `forge update` / `forge rollback` (spec/self-update.md §5, "also worth a
 * test"), end to end with the test build.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closedPortUrl, listDir, updateSandbox } from "./_release_fixture.ts";

const exists = (path: string) => Deno.stat(path).then(() => true, () => false);
const KEYS = ["command", "status", "from", "to", "target", "exit_code", "warnings"];

Deno.test("forge update --dry-run downloads, verifies and self-tests but installs nothing", async (t) => {
  await using sb = await updateSandbox("9.9.9");
  const untouched = async () => {
    assert.equal(await sb.installedVersion(), "9.9.9");
    assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
    assert.equal(await exists(join(sb.home, "state", "versions")), false, "no backup kept");
    assert.equal(await exists(join(sb.home, "state", "update-journal.json")), false);
    const state = JSON.parse(await Deno.readTextFile(join(sb.home, "state", "update.json")));
    assert.equal(state.installed, undefined, "no install recorded");
  };

  await t.step("a good release: exit 0, downloaded once, nothing installed", async () => {
    await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
    const out = await sb.forge(["update", "--dry-run"]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(
      out.stdout,
      /forge 9\.9\.10 was downloaded, verified \(sha256 [0-9a-f]{12}…\) and self-tested; dry run: nothing was installed\./,
    );
    const asset = `/forge-9.9.10-${Deno.build.target}`;
    assert.deepEqual(
      sb.server.log.filter((r) => r.path === asset).map((r) => r.status),
      [200],
    );
    await untouched();
  });

  await t.step("a release that fails its self-test: exit 8", async () => {
    await sb.publish([{ version: "9.9.11", behaviour: "exit-1" }], {
      stable: "9.9.11",
      manifestVersion: 2,
    });
    const out = await sb.forge(["update", "--dry-run"]);
    assert.equal(out.code, 8, out.stderr);
    assert.match(out.stderr, /the downloaded forge 9\.9\.11 failed its self-test/);
    await untouched();
  });

  await t.step("a corrupt download: exit 4", async () => {
    sb.server.faults.set(`/forge-9.9.11-${Deno.build.target}`, { kind: "flip", at: 3 });
    const out = await sb.forge(["update", "--dry-run"]);
    sb.server.faults.clear();
    assert.equal(out.code, 4, out.stderr);
    assert.match(out.stderr, /checksum mismatch/);
    await untouched();
  });
});

Deno.test("forge update --json prints one document with the outcome, also for failures", async (t) => {
  await using sb = await updateSandbox("9.9.9");
  await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
  const json = async (args: readonly string[], env: Record<string, string> = {}) => {
    const out = await sb.forge([...args, "--json"], env);
    const doc = JSON.parse(out.stdout); // the whole of stdout is one JSON document
    for (const key of KEYS) assert.ok(key in doc, `"${key}" in ${out.stdout}`);
    assert.equal(doc.exit_code, out.code, "exit_code is the exit code");
    assert.ok(Array.isArray(doc.warnings));
    return doc;
  };

  await t.step("updated", async () => {
    const doc = await json(["update", "--yes"]);
    assert.deepEqual(
      [doc.command, doc.status, doc.from, doc.to, doc.target, doc.exit_code, doc.error],
      ["update", "updated", "9.9.9", "9.9.10", sb.bin, 0, undefined],
    );
  });

  await t.step("up to date", async () => {
    const doc = await json(["update", "--yes"]);
    assert.deepEqual([doc.status, doc.from, doc.to, doc.exit_code], [
      "up-to-date",
      "9.9.10",
      null,
      0,
    ]);
  });

  await t.step("a network failure: exit 6 with the error's code and message", async () => {
    const closed = closedPortUrl();
    const doc = await json(["update", "--yes"], { FORGE_UPDATE_BASE_URL: closed });
    assert.deepEqual([doc.status, doc.exit_code, doc.error.code], ["failed", 6, "network"]);
    assert.match(doc.error.message, new RegExp(`could not reach ${closed}`));
  });

  await t.step("no build for this platform: exit 3", async () => {
    await sb.publish([{ version: "9.9.11", targets: ["aarch64-apple-darwin"] }], {
      stable: "9.9.11",
      manifestVersion: 2,
    });
    const doc = await json(["update", "--yes"]);
    assert.deepEqual([doc.status, doc.exit_code, doc.error.code], ["failed", 3, "no-build"]);
    assert.match(doc.error.message, new RegExp(`no build for ${Deno.build.target}`));
  });

  await t.step("rollback", async () => {
    const doc = await json(["rollback", "--yes"]);
    assert.deepEqual(
      [doc.command, doc.status, doc.from, doc.to, doc.exit_code],
      ["rollback", "rolled-back", "9.9.10", "9.9.9", 0],
    );
    assert.equal(await sb.installedVersion(), "9.9.9");
  });
});
