import assert from "node:assert/strict";
import { join } from "node:path";
import { findConfigFiles } from "../../src/config/mod.ts";
import { NotFoundError } from "../../src/domain/mod.ts";
import { denoFs, envFrom } from "../../src/platform/mod.ts";
import { configTree, rejection } from "./_setup.ts";

Deno.test("findConfigFiles() picks the first existing file in lookup order", async (t) => {
  await using tree = await configTree();
  const paths = {
    explicit: join(tree.root, "explicit.yaml"),
    fromEnv: join(tree.root, "from_env.yaml"),
    cwd: join(tree.cwd, "forge.yaml"),
    home: join(tree.home, "config.yaml"),
    system: tree.systemPath,
  };
  for (const path of Object.values(paths)) await tree.write(path, "max_workers: 2\n");
  const chosen = async (options: { explicit?: boolean; env?: boolean } = {}) => {
    const found = await findConfigFiles({
      ...baseOf(tree),
      env: envFrom(options.env === true ? { FORGE_CONFIG: paths.fromEnv } : {}),
      ...(options.explicit === true ? { explicitPath: paths.explicit } : {}),
    });
    return found.global === undefined ? undefined : [found.global.source, found.global.path];
  };

  await t.step("--config wins over everything", async () => {
    assert.deepEqual(await chosen({ explicit: true, env: true }), ["--config", paths.explicit]);
  });
  await t.step("$FORGE_CONFIG comes next", async () => {
    assert.deepEqual(await chosen({ env: true }), ["FORGE_CONFIG", paths.fromEnv]);
  });
  await t.step("./forge.yaml comes next", async () => {
    assert.deepEqual(await chosen(), ["./forge.yaml", paths.cwd]);
  });
  await t.step("FORGE_HOME/config.yaml comes next", async () => {
    await Deno.remove(paths.cwd);
    assert.deepEqual(await chosen(), ["FORGE_HOME", paths.home]);
  });
  await t.step("/etc/forge/config.yaml comes last", async () => {
    await Deno.remove(paths.home);
    assert.deepEqual(await chosen(), ["system", paths.system]);
  });
  await t.step("without any file there is no global file", async () => {
    await Deno.remove(paths.system);
    assert.equal(await chosen(), undefined);
  });
});

function baseOf(tree: { cwd: string; home: string; systemPath: string }) {
  return {
    fs: denoFs,
    env: envFrom({}),
    cwd: tree.cwd,
    home: tree.home,
    systemPath: tree.systemPath,
  };
}

Deno.test("findConfigFiles() lists every candidate with its state", async () => {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), "{}\n");
  const found = await findConfigFiles(baseOf(tree));
  assert.deepEqual(
    found.candidates.map((c) => [c.source, c.path, c.exists, c.used]),
    [
      ["./forge.yaml", join(tree.cwd, "forge.yaml"), false, false],
      ["FORGE_HOME", join(tree.home, "config.yaml"), true, true],
      ["system", tree.systemPath, false, false],
    ],
  );
  assert.deepEqual(found.workspace, {
    path: join(tree.cwd, ".forge", "config.yaml"),
    exists: false,
    used: false,
  });
});

Deno.test("findConfigFiles() resolves a relative --config against the working directory", async () => {
  await using tree = await configTree();
  const found = await findConfigFiles({ ...baseOf(tree), explicitPath: "sub/c.yaml" });
  assert.equal(found.global?.path, join(tree.cwd, "sub", "c.yaml"));
  assert.equal(found.global?.exists, false);
});

Deno.test("findConfigFiles() skips the workspace file when it is the global file", async () => {
  await using tree = await configTree();
  const path = await tree.write(join(tree.cwd, ".forge", "config.yaml"), "max_workers: 3\n");
  const found = await findConfigFiles({ ...baseOf(tree), explicitPath: path });
  assert.equal(found.workspace.exists, true);
  assert.equal(found.workspace.used, false);
  const loaded = await tree.load({ explicitPath: ".forge/config.yaml" });
  assert.deepEqual(loaded.files, [{ path, role: "global" }]);
});

Deno.test("findConfigFiles() skips a workspace file that links to the global file", async () => {
  await using tree = await configTree();
  const global = await tree.write(join(tree.home, "config.yaml"), "max_workers: 3\n");
  await Deno.mkdir(join(tree.cwd, ".forge"));
  await Deno.symlink(global, join(tree.cwd, ".forge", "config.yaml"));
  const found = await findConfigFiles(baseOf(tree));
  assert.equal(found.global?.path, global);
  assert.deepEqual([found.workspace.exists, found.workspace.used], [true, false]);
});

Deno.test("findConfigFiles() uses the workspace option instead of the working directory", async () => {
  await using tree = await configTree();
  const other = join(tree.root, "other");
  await tree.write(join(other, ".forge", "config.yaml"), "max_workers: 3\n");
  const found = await findConfigFiles({ ...baseOf(tree), workspace: other });
  assert.equal(found.workspace.path, join(other, ".forge", "config.yaml"));
  assert.equal(found.workspace.used, true);
});

Deno.test("loadConfig() refuses a --config path that does not exist", async () => {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), "max_workers: 2\n");
  const error = await rejection(tree.load({ explicitPath: "missing.yaml" }));
  assert.ok(error instanceof NotFoundError);
  assert.match(
    error.message,
    /Cannot read configuration file ".*missing\.yaml": it does not exist/,
  );
});

Deno.test("loadConfig() refuses a $FORGE_CONFIG path that does not exist", async () => {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), "max_workers: 2\n");
  const error = await rejection(tree.load({ vars: { FORGE_CONFIG: "/nowhere/c.yaml" } }));
  assert.ok(error instanceof NotFoundError);
  assert.match(error.message, /"\/nowhere\/c\.yaml".*\$FORGE_CONFIG/);
});
