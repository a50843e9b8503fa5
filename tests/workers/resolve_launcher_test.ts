import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type Config,
  defaultConfig,
  ForgeError,
  homeLayout,
  NotFoundError,
} from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { resolveLauncher, type ResolveLauncherOptions } from "../../src/workers/mod.ts";
import { tempDir } from "../helpers/temp.ts";

async function setup(root: string, launchers: Config["launchers"] = {}) {
  const layout = homeLayout(join(root, "home"));
  await Deno.mkdir(layout.launchers, { recursive: true });
  const cwd = join(root, "cwd");
  await Deno.mkdir(cwd, { recursive: true });
  const options: ResolveLauncherOptions = {
    fs: denoFs,
    layout,
    config: { ...await defaultConfig(), launchers },
    cwd,
  };
  return { layout, cwd, options };
}

async function script(path: string, mode = 0o755): Promise<string> {
  await Deno.writeTextFile(path, "#!/bin/sh\nexit 0\n");
  await Deno.chmod(path, mode);
  return path;
}

Deno.test("resolveLauncher() takes anything with a slash as a path", async (t) => {
  await using dir = await tempDir();
  const { cwd, options } = await setup(dir.path);
  const abs = await script(join(dir.path, "mine.sh"));
  await script(join(cwd, "local.sh"));
  await t.step("absolute", async () => {
    assert.deepEqual(await resolveLauncher(abs, options), {
      name: abs,
      path: abs,
      source: "path",
      defaultArgs: [],
    });
  });
  await t.step("relative to the working directory", async () => {
    const resolved = await resolveLauncher("./local.sh", options);
    assert.equal(resolved.path, join(cwd, "local.sh"));
    assert.equal(resolved.source, "path");
  });
});

Deno.test("resolveLauncher() refuses a missing launcher", async () => {
  await using dir = await tempDir();
  const { options } = await setup(dir.path);
  const path = join(dir.path, "missing.sh");
  await assert.rejects(() => resolveLauncher(path, options), (error: unknown) => {
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.message, `Cannot run launcher "${path}": "${path}" does not exist`);
    return true;
  });
});

Deno.test("resolveLauncher() refuses a launcher that is not executable", async () => {
  await using dir = await tempDir();
  const { options } = await setup(dir.path);
  const path = await script(join(dir.path, "plain.sh"), 0o644);
  await assert.rejects(() => resolveLauncher(path, options), (error: unknown) => {
    assert.ok(error instanceof ForgeError);
    assert.equal(error.code, "LAUNCHER_FAILED");
    assert.equal(error.message, `Cannot run launcher "${path}": "${path}" is not executable`);
    assert.equal(error.hint, `chmod +x ${path}`);
    return true;
  });
});

Deno.test("resolveLauncher() refuses a directory", async () => {
  await using dir = await tempDir();
  const { options } = await setup(dir.path);
  await assert.rejects(
    () => resolveLauncher(dir.path, options),
    { message: `Cannot run launcher "${dir.path}": "${dir.path}" is not a file` },
  );
});

Deno.test("resolveLauncher() uses a launchers: entry, relative to FORGE_HOME/launchers", async () => {
  await using dir = await tempDir();
  const { layout, options } = await setup(dir.path, {
    mine: { executable: "mine-v2.sh", models: [], default_args: ["--fast"] },
  });
  await script(join(layout.launchers, "mine-v2.sh"));
  assert.deepEqual(await resolveLauncher("mine", options), {
    name: "mine",
    path: join(layout.launchers, "mine-v2.sh"),
    source: "config",
    defaultArgs: ["--fast"],
  });
});

Deno.test("resolveLauncher() checks the executable of a launchers: entry", async () => {
  await using dir = await tempDir();
  const { options } = await setup(dir.path, {
    mine: { executable: "/nowhere/mine.sh", models: [], default_args: [] },
  });
  await assert.rejects(() => resolveLauncher("mine", options), NotFoundError);
});

Deno.test("resolveLauncher() prefers FORGE_HOME/launchers/<name> to a built-in", async () => {
  await using dir = await tempDir();
  const { layout, options } = await setup(dir.path);
  const own = await script(join(layout.launchers, "sim"));
  assert.deepEqual(await resolveLauncher("sim", options), {
    name: "sim",
    path: own,
    source: "home",
    defaultArgs: [],
  });
});

Deno.test("resolveLauncher() installs a built-in launcher on first use", async () => {
  await using dir = await tempDir();
  const { layout, options } = await setup(dir.path);
  const resolved = await resolveLauncher("gemini", options);
  assert.deepEqual(resolved, {
    name: "gemini",
    path: join(layout.builtinLaunchers, "gemini"),
    source: "builtin",
    defaultArgs: [],
  });
  assert.equal((await Deno.stat(resolved.path)).mode! & 0o111, 0o111);
});

Deno.test("resolveLauncher() names the known launchers when nothing matches", async () => {
  await using dir = await tempDir();
  const { layout, options } = await setup(dir.path, {
    zeta: { executable: "/x", models: [], default_args: [] },
  });
  await assert.rejects(() => resolveLauncher("nope", options), (error: unknown) => {
    assert.ok(error instanceof NotFoundError);
    assert.equal(
      error.message,
      `Cannot find launcher "nope": not in config, not in ${layout.launchers}, not built in`,
    );
    assert.equal(
      error.hint,
      "known launchers: aider, claude-code, codex, gemini, opencode, sim, zeta; or pass a path to an executable",
    );
    return true;
  });
});
