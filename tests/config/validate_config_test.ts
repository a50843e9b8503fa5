import assert from "node:assert/strict";
import { join } from "node:path";
import { NotFoundError } from "../../src/domain/mod.ts";
import { configTree, rejection } from "./_setup.ts";

const WITH_REF = "launchers:\n  a:\n    executable: /bin/a\n    default_args: ['${env:NOT_SET}']\n";

Deno.test("validateConfig() makes a reference to an unset variable an error", async () => {
  await using tree = await configTree();
  const path = await tree.write(join(tree.home, "config.yaml"), WITH_REF);
  const result = await tree.validate();
  assert.equal(result.valid, false);
  assert.deepEqual(result.issues, [{
    file: path,
    line: 4,
    key: "launchers.a.default_args[0]",
    message: "refers to environment variable NOT_SET, which is not set",
    severity: "error",
  }]);
  const loaded = await tree.load();
  assert.equal(loaded.warnings[0]?.severity, "warning", "loadConfig() only warns");
});

Deno.test("validateConfig() is valid with warnings only", async () => {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), "max_worker: 3\n");
  const result = await tree.validate();
  assert.equal(result.valid, true);
  assert.deepEqual(result.issues.map((i) => [i.severity, i.key]), [["warning", "max_worker"]]);
});

Deno.test("validateConfig() reports every error instead of throwing", async () => {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), "max_workers: many\nlauncher: {retries: -1}\n");
  await tree.write(join(tree.cwd, ".forge", "config.yaml"), "- not a mapping\n");
  const result = await tree.validate();
  assert.equal(result.valid, false);
  assert.deepEqual(result.files.map((f) => f.role), ["global", "workspace"]);
  assert.deepEqual(result.issues.map((i) => [i.line, i.key]), [
    [1, ""],
    [1, "max_workers"],
    [2, "launcher.retries"],
  ]);
});

Deno.test("validateConfig() checks a given file alone", async () => {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), "max_workers: nope\n");
  const other = await tree.write(join(tree.root, "other.yaml"), "max_workers: 3\n");
  const result = await tree.validate({ path: "../other.yaml", vars: { FORGE_MAX_WORKERS: "x" } });
  assert.deepEqual(result, { valid: true, files: [{ path: other, role: "global" }], issues: [] });
});

Deno.test("validateConfig() refuses a path that does not exist", async () => {
  await using tree = await configTree();
  const error = await rejection(tree.validate({ path: "nope.yaml" }));
  assert.ok(error instanceof NotFoundError);
  assert.match(
    error.message,
    /^Cannot validate configuration file ".*nope\.yaml": it does not exist$/,
  );
});

Deno.test("validateConfig() includes the environment overrides", async () => {
  await using tree = await configTree();
  const result = await tree.validate({ vars: { FORGE_LAUNCHER_TIMEOUT: "-3" } });
  assert.equal(result.valid, false);
  assert.deepEqual(result.issues.map((i) => [i.file, i.key]), [
    ["environment", "FORGE_LAUNCHER_TIMEOUT"],
  ]);
});
