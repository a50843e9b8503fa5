import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { denoBinaryFiles, denoFs } from "../../src/platform/mod.ts";
import { keepPrevious, listKept, verifyKept } from "../../src/update/keep_previous.ts";
import { tempDir } from "../helpers/temp.ts";

async function install(dir: string, text: string): Promise<string> {
  const path = join(dir, "forge");
  await Deno.writeTextFile(path, text, { mode: 0o755 });
  return path;
}

function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

Deno.test("keepPrevious() saves a hashed copy with its sidecar, and verifyKept() accepts it", async () => {
  await using dir = await tempDir();
  const source = await install(dir.path, "#!/bin/sh\necho 9.9.9\n");
  const stateDir = join(dir.path, "state");
  const kept = await keepPrevious({
    source,
    version: "9.9.9",
    stateDir,
    fs: denoFs,
    files: denoBinaryFiles,
  });
  const path = join(stateDir, "versions", "9.9.9", "forge");
  assert.deepEqual(kept, { ok: true, path, sha256: sha("#!/bin/sh\necho 9.9.9\n"), pruned: [] });
  assert.equal(await Deno.readTextFile(path), "#!/bin/sh\necho 9.9.9\n");
  assert.equal(
    await Deno.readTextFile(`${path}.sha256`),
    `${sha("#!/bin/sh\necho 9.9.9\n")}  forge\n`,
  );
  assert.deepEqual((await denoFs.readDir(join(stateDir, "versions", "9.9.9"))).map((e) => e.name), [
    "forge",
    "forge.sha256",
  ]);
  assert.deepEqual(await verifyKept({ stateDir, fs: denoFs, currentVersion: "9.9.10" }), {
    ok: true,
    version: "9.9.9",
    path,
    sha256: sha("#!/bin/sh\necho 9.9.9\n"),
  });
});

Deno.test("verifyKept() refuses a corrupted copy with the row 15 message", async () => {
  await using dir = await tempDir();
  const source = await install(dir.path, "old binary");
  const stateDir = join(dir.path, "state");
  await keepPrevious({ source, version: "1.4.0", stateDir, fs: denoFs, files: denoBinaryFiles });
  await Deno.writeTextFile(join(stateDir, "versions", "1.4.0", "forge"), "old binarY");
  assert.deepEqual(await verifyKept({ stateDir, fs: denoFs, currentVersion: "1.5.0" }), {
    ok: false,
    code: "corrupted",
    message: "forge rollback: the saved copy of forge 1.4.0 is corrupted (sha256 mismatch); it " +
      "was not restored. Your current forge 1.5.0 is unchanged.",
  });
});

Deno.test("verifyKept() says no previous version exists when backups or sidecars are gone", async (t) => {
  const missing = {
    ok: false,
    code: "missing",
    message: "forge rollback: no previous version is available (it was installed by a package " +
      "manager or the backup was removed).",
  };
  await t.step("no versions directory", async () => {
    await using dir = await tempDir();
    assert.deepEqual(
      await verifyKept({ stateDir: dir.path, fs: denoFs, currentVersion: "1.5.0" }),
      missing,
    );
  });
  await t.step("a copy without its sidecar", async () => {
    await using dir = await tempDir();
    const source = await install(dir.path, "old");
    await keepPrevious({
      source,
      version: "1.4.0",
      stateDir: dir.path,
      fs: denoFs,
      files: denoBinaryFiles,
    });
    await Deno.remove(join(dir.path, "versions", "1.4.0", "forge.sha256"));
    assert.deepEqual(
      await verifyKept({ stateDir: dir.path, fs: denoFs, currentVersion: "1.5.0" }),
      missing,
    );
  });
  await t.step("only the running version is saved", async () => {
    await using dir = await tempDir();
    const source = await install(dir.path, "same");
    await keepPrevious({
      source,
      version: "1.5.0",
      stateDir: dir.path,
      fs: denoFs,
      files: denoBinaryFiles,
    });
    assert.deepEqual(
      await verifyKept({ stateDir: dir.path, fs: denoFs, currentVersion: "1.5.0" }),
      missing,
    );
  });
});

Deno.test("keepPrevious() keeps the two most recent versions and prunes binary and sidecar together", async () => {
  await using dir = await tempDir();
  const stateDir = join(dir.path, "state");
  const source = await install(dir.path, "x");
  const base = Date.now() / 1000 - 100;
  for (const [i, version] of ["1.0.0", "1.1.0", "1.2.0"].entries()) {
    await Deno.writeTextFile(source, `forge ${version}`);
    const kept = await keepPrevious({
      source,
      version,
      stateDir,
      fs: denoFs,
      files: denoBinaryFiles,
    });
    assert.equal(kept.ok, true);
    const sidecar = join(stateDir, "versions", version, "forge.sha256");
    await Deno.utime(sidecar, base + i, base + i);
    if (version === "1.2.0") assert.deepEqual(kept.ok && kept.pruned, ["1.0.0"]);
  }
  assert.deepEqual((await denoFs.readDir(join(stateDir, "versions"))).map((e) => e.name), [
    "1.1.0",
    "1.2.0",
  ]);
  assert.deepEqual(
    (await listKept({ stateDir, fs: denoFs })).map((k) => [k.version, k.complete]),
    [["1.2.0", true], ["1.1.0", true]],
  );
  const rollback = await verifyKept({ stateDir, fs: denoFs, currentVersion: "1.2.0" });
  assert.equal(rollback.ok && rollback.version, "1.1.0", "the running version is never the target");
});

Deno.test("keepPrevious() replaces an older copy of the same version", async () => {
  await using dir = await tempDir();
  const stateDir = join(dir.path, "state");
  const source = await install(dir.path, "first");
  await keepPrevious({ source, version: "1.4.0", stateDir, fs: denoFs, files: denoBinaryFiles });
  await Deno.writeTextFile(source, "second");
  const kept = await keepPrevious({
    source,
    version: "1.4.0",
    stateDir,
    fs: denoFs,
    files: denoBinaryFiles,
  });
  assert.equal(kept.ok && kept.sha256, sha("second"));
  const verified = await verifyKept({ stateDir, fs: denoFs, currentVersion: "1.5.0" });
  assert.equal(verified.ok && verified.sha256, sha("second"));
});

Deno.test("keepPrevious() reports what failed and leaves no partial copy", async () => {
  await using dir = await tempDir();
  const stateDir = join(dir.path, "state");
  const kept = await keepPrevious({
    source: join(dir.path, "missing"),
    version: "1.4.0",
    stateDir,
    fs: denoFs,
    files: denoBinaryFiles,
  });
  assert.deepEqual(kept, {
    ok: false,
    message: `forge update: could not keep a copy of forge 1.4.0 in ${
      join(stateDir, "versions", "1.4.0")
    } (ENOENT: no such file or directory). Nothing was installed.`,
  });
  assert.deepEqual(await denoFs.readDir(join(stateDir, "versions", "1.4.0")), []);
});
