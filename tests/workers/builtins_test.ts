import assert from "node:assert/strict";
import { join } from "node:path";
import { homeLayout } from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import {
  BUILTIN_LAUNCHERS,
  builtinLauncherFiles,
  builtinWorkerConfigFiles,
  installBuiltinLauncher,
  isBuiltinLauncher,
  manifestsDir,
} from "../../src/workers/mod.ts";
import { tempDir } from "../helpers/temp.ts";

const SHIPPED = join(manifestsDir(), "launchers");

Deno.test("isBuiltinLauncher() knows the shipped launchers and nothing else", () => {
  for (const name of BUILTIN_LAUNCHERS) assert.equal(isBuiltinLauncher(name), true, name);
  for (const name of ["", "forge-launcher-lib", "sim.sh", "claude"]) {
    assert.equal(isBuiltinLauncher(name), false, name);
  }
});

Deno.test("builtinLauncherFiles() returns the launcher and its helper library", async (t) => {
  for (const name of BUILTIN_LAUNCHERS) {
    await t.step(name, async () => {
      const files = await builtinLauncherFiles(name, denoFs);
      assert.deepEqual(Object.keys(files).sort(), [name, "forge-launcher-lib.sh"].sort());
      assert.equal(files[name], await Deno.readTextFile(join(SHIPPED, `${name}.sh`)));
      assert.match(files[name] ?? "", /^#!\/usr\/bin\/env bash\n/);
    });
  }
});

Deno.test("installBuiltinLauncher() writes the launcher and library as mode 0755", async () => {
  await using dir = await tempDir();
  const layout = homeLayout(dir.path);
  const path = await installBuiltinLauncher("sim", { fs: denoFs, layout });
  assert.equal(path, join(layout.builtinLaunchers, "sim"));
  for (
    const [file, shipped] of [["sim", "sim.sh"], ["forge-launcher-lib.sh", "forge-launcher-lib.sh"]]
  ) {
    const copy = join(layout.builtinLaunchers, file as string);
    assert.equal((await Deno.stat(copy)).mode! & 0o777, 0o755, file);
    assert.equal(
      await Deno.readTextFile(copy),
      await Deno.readTextFile(join(SHIPPED, shipped as string)),
    );
  }
});

Deno.test("installBuiltinLauncher() refreshes a changed copy and leaves an unchanged one alone", async () => {
  await using dir = await tempDir();
  const layout = homeLayout(dir.path);
  const path = await installBuiltinLauncher("codex", { fs: denoFs, layout });
  const lib = join(layout.builtinLaunchers, "forge-launcher-lib.sh");
  const libIno = (await Deno.stat(lib)).ino;
  await Deno.writeTextFile(path, "#!/bin/sh\necho tampered\n");
  await Deno.chmod(path, 0o600);
  await installBuiltinLauncher("codex", { fs: denoFs, layout });
  assert.equal(await Deno.readTextFile(path), await Deno.readTextFile(join(SHIPPED, "codex.sh")));
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o755);
  assert.equal((await Deno.stat(lib)).ino, libIno, "the unchanged library was not rewritten");
});

Deno.test("installBuiltinLauncher() throws for a name FORGE does not ship", async () => {
  await using dir = await tempDir();
  await assert.rejects(
    () => installBuiltinLauncher("nope", { fs: denoFs, layout: homeLayout(dir.path) }),
    Deno.errors.NotFound,
  );
});

Deno.test("builtinWorkerConfigFiles() lists every shipped worker config with its text", async () => {
  const files = await builtinWorkerConfigFiles(denoFs);
  assert.deepEqual(files.map((f) => f.path.split("/").pop()).sort(), [
    "aider.yaml",
    "claude-code.yaml",
    "codex.yaml",
    "gemini.yaml",
    "opencode.yaml",
    "sim.yaml",
  ]);
  for (const f of files) assert.equal(f.text, await Deno.readTextFile(f.path));
});
