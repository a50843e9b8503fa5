import assert from "node:assert/strict";
import { join } from "node:path";
import { ENV_OVERRIDES } from "../../src/config/mod.ts";
import { ConfigError, defaultConfig } from "../../src/domain/mod.ts";
import { configTree, rejection } from "./_setup.ts";

Deno.test("loadConfig() returns the defaults when no file exists", async () => {
  await using tree = await configTree();
  const loaded = await tree.load();
  assert.deepEqual(loaded.config, await defaultConfig());
  assert.deepEqual(loaded.files, []);
  assert.deepEqual(loaded.warnings, []);
});

Deno.test("loadConfig() ranks defaults < global < workspace < environment < flags", async (t) => {
  await using tree = await configTree();
  const global = await tree.write(
    join(tree.home, "config.yaml"),
    "max_workers: 2\nlauncher:\n  retries: 5\n  timeout_seconds: 20\n",
  );
  const workspace = await tree.write(
    join(tree.cwd, ".forge", "config.yaml"),
    "max_workers: 3\nlauncher:\n  timeout_seconds: 30\n",
  );

  await t.step("a global file overrides the defaults", async () => {
    const loaded = await tree.load({ workspace: tree.root });
    assert.equal(loaded.config.max_workers, 2);
    assert.equal(loaded.config.launcher.retry_backoff_ms, 1000);
    assert.deepEqual(loaded.files, [{ path: global, role: "global" }]);
  });
  await t.step("the workspace file overrides the global file, key by key", async () => {
    const loaded = await tree.load();
    assert.equal(loaded.config.max_workers, 3);
    assert.equal(loaded.config.launcher.timeout_seconds, 30);
    assert.equal(loaded.config.launcher.retries, 5, "kept from the global file");
    assert.deepEqual(loaded.files, [
      { path: global, role: "global" },
      { path: workspace, role: "workspace" },
    ]);
  });
  await t.step("the environment overrides the workspace file", async () => {
    const loaded = await tree.load({
      vars: { FORGE_MAX_WORKERS: "7", FORGE_LAUNCHER_TIMEOUT: "45.5" },
    });
    assert.equal(loaded.config.max_workers, 7);
    assert.equal(loaded.config.launcher.timeout_seconds, 45.5);
    assert.deepEqual(loaded.environment, ["FORGE_MAX_WORKERS", "FORGE_LAUNCHER_TIMEOUT"]);
  });
  await t.step("flags override the environment", async () => {
    const loaded = await tree.load({
      vars: { FORGE_MAX_WORKERS: "7" },
      flags: { max_workers: 9 },
    });
    assert.equal(loaded.config.max_workers, 9);
  });
});

Deno.test("loadConfig() replaces lists instead of merging them", async () => {
  await using tree = await configTree();
  await tree.write(
    join(tree.home, "config.yaml"),
    "workspaces:\n  - path: /a\n  - path: /b\nlaunchers:\n  x:\n    executable: /bin/x\n",
  );
  await tree.write(
    join(tree.cwd, ".forge", "config.yaml"),
    "workspaces:\n  - path: /c\nlaunchers:\n  y:\n    executable: /bin/y\n",
  );
  const { config } = await tree.load();
  assert.deepEqual(config.workspaces.map((w) => w.path), ["/c"]);
  assert.deepEqual(Object.keys(config.launchers).sort(), ["x", "y"]);
});

Deno.test("loadConfig() merges a workspace entry with the global one of the same name", async () => {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), "launchers:\n  x:\n    executable: /bin/x\n");
  await tree.write(join(tree.cwd, ".forge", "config.yaml"), "launchers:\n  x:\n    models: [m]\n");
  const { config } = await tree.load();
  assert.deepEqual(config.launchers["x"], {
    executable: "/bin/x",
    models: ["m"],
    default_args: [],
  });
});

Deno.test("loadConfig() ignores empty override variables", async () => {
  await using tree = await configTree();
  const loaded = await tree.load({ vars: { FORGE_MAX_WORKERS: "", FORGE_CONFIG: "" } });
  assert.equal(loaded.config.max_workers, 10);
  assert.deepEqual(loaded.environment, []);
});

Deno.test("loadConfig() names the variable of a bad environment value", async (t) => {
  const cases: [Record<string, string>, string, string][] = [
    [{ FORGE_MAX_WORKERS: "ten" }, "FORGE_MAX_WORKERS", 'expected a whole number, found "ten"'],
    [{ FORGE_MAX_WORKERS: "2.5" }, "FORGE_MAX_WORKERS", 'expected a whole number, found "2.5"'],
    [{ FORGE_MAX_WORKERS: "0" }, "FORGE_MAX_WORKERS", "expected a number greater than 0, found 0"],
    [{ FORGE_LAUNCHER_TIMEOUT: "soon" }, "FORGE_LAUNCHER_TIMEOUT", 'found "soon"'],
    [{ FORGE_LAUNCHER_TIMEOUT: "601" }, "FORGE_LAUNCHER_TIMEOUT", "at most 600, found 601"],
  ];
  for (const [vars, key, message] of cases) {
    await t.step(`${key}=${Object.values(vars)[0]}`, async () => {
      await using tree = await configTree();
      const error = await rejection(tree.load({ vars }));
      assert.ok(error instanceof ConfigError);
      const issue = error.issues.find((i) => i.severity === "error");
      assert.equal(issue?.file, "environment");
      assert.equal(issue?.key, key);
      assert.ok(issue?.message.includes(message), issue?.message);
    });
  }
});

Deno.test("ENV_OVERRIDES lists every variable with its key", () => {
  assert.deepEqual(
    ENV_OVERRIDES.map((o) => [o.name, o.path.join(".")]),
    [["FORGE_MAX_WORKERS", "max_workers"], ["FORGE_LAUNCHER_TIMEOUT", "launcher.timeout_seconds"]],
  );
});

Deno.test("loadConfig() reports errors of every file at once", async () => {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), "launcher:\n  retries: many\n");
  await tree.write(join(tree.cwd, ".forge", "config.yaml"), "workspaces: {}\n");
  const error = await rejection(tree.load());
  assert.ok(error instanceof ConfigError);
  assert.deepEqual(
    error.issues.filter((i) => i.severity === "error").map((i) => [i.file, i.line, i.key]),
    [
      [join(tree.home, "config.yaml"), 2, "launcher.retries"],
      [join(tree.cwd, ".forge", "config.yaml"), 1, "workspaces"],
    ],
  );
  assert.match(error.message, /^Cannot load configuration ".*": 2 errors$/);
});

Deno.test("loadConfig() reads a configuration with config_version 0 through the migrations", async () => {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), "config_version: 0\nmax_workers: 4\n");
  const { config } = await tree.load();
  assert.equal(config.config_version, 1);
  assert.equal(config.max_workers, 4);
});
