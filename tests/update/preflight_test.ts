import assert from "node:assert/strict";
import { join } from "node:path";
import type { BinaryFiles } from "../../src/domain/mod.ts";
import { denoBinaryFiles, denoFs, envFrom } from "../../src/platform/mod.ts";
import { packageManagerOf } from "../../src/update/_package_manager.ts";
import { preflight, type PreflightOptions } from "../../src/update/preflight.ts";
import { tempDir } from "../helpers/temp.ts";
import { fakeBinaryFiles, FakeFs, osError } from "./_fake_fs.ts";

function options(execPath: string, extra: Partial<PreflightOptions> = {}): PreflightOptions {
  return {
    execPath,
    standalone: true,
    env: envFrom({}),
    files: denoBinaryFiles,
    fs: denoFs,
    platform: "unix",
    rand: "ab12",
    ...extra,
  };
}

async function binary(dir: string, ...parts: string[]): Promise<string> {
  const path = join(dir, ...parts);
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, "#!/bin/sh\n", { mode: 0o750 });
  return path;
}

Deno.test("preflight() accepts a user install and leaves no probe file behind", async () => {
  await using dir = await tempDir();
  const target = await binary(dir.path, "bin", "forge");
  const result = await preflight(options(target, { uid: 1000 }));
  assert.deepEqual(result, {
    ok: true,
    target,
    link: undefined,
    dir: join(dir.path, "bin"),
    mode: 0o750,
    keepOwner: undefined,
    warnings: [],
  });
  assert.deepEqual((await denoFs.readDir(join(dir.path, "bin"))).map((e) => e.name), ["forge"]);
});

Deno.test("preflight() refuses to replace a run from source", async () => {
  const result = await preflight(options("/usr/local/bin/deno", { standalone: false }));
  assert.deepEqual(result, {
    ok: false,
    code: "not-standalone",
    message: "forge update: this forge runs from source (deno run), so it cannot replace itself. " +
      "Update your checkout with 'git pull' instead.",
  });
});

Deno.test("preflight() follows a chain of links to the real file and keeps the link", async () => {
  await using dir = await tempDir();
  const target = await binary(dir.path, "bin", "forge");
  await Deno.mkdir(join(dir.path, "links"));
  await Deno.symlink(target, join(dir.path, "links", "b"));
  await Deno.symlink(join(dir.path, "links", "b"), join(dir.path, "links", "a"));
  const result = await preflight(options(join(dir.path, "links", "a")));
  assert.equal(result.ok && result.target, target);
  assert.equal(result.ok && result.link, join(dir.path, "links", "a"));
  assert.equal(result.ok && result.dir, join(dir.path, "bin"));
});

Deno.test("preflight() sends package-managed installs to their package manager", async (t) => {
  await t.step("Homebrew keg found through a link", async () => {
    await using dir = await tempDir();
    const real = await binary(
      dir.path,
      "opt",
      "homebrew",
      "Cellar",
      "forge",
      "1.0.0",
      "bin",
      "forge",
    );
    await Deno.mkdir(join(dir.path, "opt", "homebrew", "bin"));
    await Deno.symlink(real, join(dir.path, "opt", "homebrew", "bin", "forge"));
    const result = await preflight(options(join(dir.path, "opt", "homebrew", "bin", "forge")));
    assert.deepEqual(result, {
      ok: false,
      code: "package-manager",
      message: `forge was installed with Homebrew (${
        join(dir.path, "opt", "homebrew", "Cellar", "forge", "1.0.0")
      }). Update it with: brew upgrade forge`,
    });
  });
  await t.step("Nix store", async () => {
    await using dir = await tempDir();
    const real = await binary(dir.path, "nix", "store", "abc123-forge-1.0.0", "bin", "forge");
    const result = await preflight(options(real));
    assert.equal(!result.ok && result.code, "package-manager");
    assert.match(
      !result.ok ? result.message : "",
      /^forge was installed with Nix \(.*\/nix\/store\/abc123-forge-1\.0\.0\)\. Update it with: nix profile upgrade forge/,
    );
  });
  await t.step("a build with self-update turned off", async () => {
    await using dir = await tempDir();
    const real = await binary(dir.path, "bin", "forge");
    const result = await preflight(options(real, { selfUpdateDisabled: true }));
    assert.equal(!result.ok && result.code, "package-manager");
  });
});

Deno.test("packageManagerOf() recognises each manager by path", () => {
  const env = envFrom({ HOMEBREW_PREFIX: "/custom/brew" });
  const cases: ReadonlyArray<readonly [string, string | undefined, string | undefined]> = [
    ["/opt/homebrew/Cellar/forge/1.4.0/bin/forge", "Homebrew", "/opt/homebrew/Cellar/forge/1.4.0"],
    ["/home/linuxbrew/.linuxbrew/bin/forge", "Homebrew", "/home/linuxbrew"],
    ["/custom/brew/bin/forge", "Homebrew", "/custom/brew"],
    ["/snap/forge/12/bin/forge", "snap", "/snap/forge/12"],
    [
      "C:\\Users\\u\\scoop\\apps\\forge\\current\\forge.exe",
      "Scoop",
      "C:\\Users\\u\\scoop\\apps\\forge",
    ],
    [
      "C:\\ProgramData\\chocolatey\\lib\\forge\\forge.exe",
      "Chocolatey",
      "C:\\ProgramData\\chocolatey",
    ],
    [
      "C:\\Users\\u\\AppData\\Local\\Microsoft\\WinGet\\Packages\\Forge.Forge_x\\forge.exe",
      "WinGet",
      "C:\\Users\\u\\AppData\\Local\\Microsoft\\WinGet\\Packages\\Forge.Forge_x",
    ],
    [
      "C:\\Program Files\\WindowsApps\\Forge_1.4.0_x64\\forge.exe",
      "the Microsoft Store",
      "C:\\Program Files\\WindowsApps\\Forge_1.4.0_x64",
    ],
    ["/usr/bin/forge", "your system's package manager", "/usr/bin/forge"],
    ["/home/u/.local/bin/forge", undefined, undefined],
    ["/usr/local/bin/forge", undefined, undefined],
  ];
  for (const [path, name, root] of cases) {
    const found = packageManagerOf(path, env);
    assert.deepEqual([found?.name, found?.root], [name, root], path);
  }
});

Deno.test("preflight() refuses a path that is not a regular file", async () => {
  await using dir = await tempDir();
  const result = await preflight(options(dir.path));
  assert.deepEqual(result, {
    ok: false,
    code: "not-a-file",
    message: `forge update: ${dir.path} is not a regular file, so forge cannot replace it.`,
  });
  const missing = await preflight(options(join(dir.path, "gone")));
  assert.equal(!missing.ok && missing.code, "not-a-file");
  assert.match(
    !missing.ok ? missing.message : "",
    /cannot find the running forge at .*gone \(ENOENT/,
  );
});

Deno.test("preflight() explains an unwritable install directory before any download", async (t) => {
  const denied = osError(
    "EACCES",
    "Permission denied (os error 13): open '/usr/local/bin/.forge.probe.ab12'",
  );
  const run = (files: BinaryFiles, fs: FakeFs, extra: Partial<PreflightOptions> = {}) =>
    preflight(options("/usr/local/bin/forge", { files, fs, ...extra }));
  await t.step("owned by root", async () => {
    const fs = new FakeFs({ "/usr/local/bin/forge": "old" });
    const result = await run(
      fakeBinaryFiles(fs, { createRule: () => denied, ownerUid: 0, uid: 1000 }),
      fs,
    );
    assert.deepEqual(result, {
      ok: false,
      code: "unwritable",
      message: "forge update: cannot write to /usr/local/bin (owned by root). Run 'sudo forge " +
        "update', or reinstall forge into a user directory such as ~/.local/bin. Nothing was downloaded.",
    });
  });
  await t.step("owned by another user", async () => {
    const fs = new FakeFs({ "/usr/local/bin/forge": "old" });
    const result = await run(
      fakeBinaryFiles(fs, { createRule: () => denied, ownerUid: 1001, uid: 1000 }),
      fs,
    );
    assert.match(
      !result.ok ? result.message : "",
      /\(owned by uid 1001\)\. Run 'forge update' as uid 1001, or reinstall/,
    );
  });
  await t.step("owned by this user but read-only", async () => {
    const fs = new FakeFs({ "/usr/local/bin/forge": "old" });
    const result = await run(
      fakeBinaryFiles(fs, { createRule: () => denied, ownerUid: 1000, uid: 1000 }),
      fs,
    );
    assert.match(
      !result.ok ? result.message : "",
      /\(EACCES: permission denied\)\. Give yourself write access to it/,
    );
  });
  await t.step("a read-only file system", async () => {
    const fs = new FakeFs({ "/usr/local/bin/forge": "old" });
    const rofs = osError("EROFS", "Read-only file system (os error 30): open");
    const result = await run(fakeBinaryFiles(fs, { createRule: () => rofs, uid: 1000 }), fs);
    assert.match(
      !result.ok ? result.message : "",
      /^forge update: cannot write to \/usr\/local\/bin \(EROFS: read-only file system\)/,
    );
  });
  await t.step("reached through a link (row 20)", async () => {
    const fs = new FakeFs({ "/opt/tools/forge/forge": "old" });
    fs.links.set("/home/u/bin/forge", "/opt/tools/forge/forge");
    const files = fakeBinaryFiles(fs, { createRule: () => denied, ownerUid: 0, uid: 1000 });
    const result = await preflight(options("/home/u/bin/forge", { files, fs }));
    assert.deepEqual(result, {
      ok: false,
      code: "unwritable",
      message: "forge update: /home/u/bin/forge is a link to /opt/tools/forge/forge, which you " +
        "cannot write to. Update the link target as its owner, or reinstall to a user directory.",
    });
  });
});

Deno.test("preflight() warns about hard links and keeps a user's ownership when run as root", async () => {
  await using dir = await tempDir();
  const target = await binary(dir.path, "forge-1.4.0", "forge");
  await Deno.link(target, join(dir.path, "other-forge"));
  await Deno.chown(target, 1000, 1000);
  const result = await preflight(options(target, { uid: 0, currentVersion: "1.4.0" }));
  assert.equal(result.ok, true);
  assert.deepEqual(result.ok && result.keepOwner, { uid: 1000, gid: 1000 });
  assert.deepEqual(result.ok && result.warnings, [
    `forge update: ${target} has 2 hard links; only this name gets the new version, the other ` +
    "names keep the old one.",
    `forge update: ${target} is in a directory named after version 1.4.0 (forge-1.4.0); the new ` +
    "version will be installed there all the same.",
  ]);
});
