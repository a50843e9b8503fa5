import assert from "node:assert/strict";
import { forgeSandbox } from "../helpers/forge_env.ts";

Deno.test("forge version prints the version, channel and runtime in text and JSON", async () => {
  await using sb = await forgeSandbox("version");
  const json = await sb.forge(["version", "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const info = JSON.parse(json.stdout);
  assert.deepEqual(Object.keys(info).sort(), ["channel", "compiled", "deno", "target", "version"]);
  assert.match(info.version, /^\d+\.\d+\.\d+/);
  assert.equal(typeof info.channel, "string");
  assert.equal(info.deno, Deno.version.deno);
  assert.equal(info.target, Deno.build.target);
  assert.equal(info.compiled, false);

  const text = await sb.forge(["version"]);
  assert.equal(text.code, 0, text.stderr);
  assert.equal(
    text.stdout,
    `forge ${info.version} (${info.channel}, deno ${info.deno}, ${info.target}, from source)\n`,
  );
});

Deno.test("forge completions writes bash, zsh and fish scripts from the command tree", async (t) => {
  await using sb = await forgeSandbox("completions");
  for (const shell of ["bash", "zsh", "fish"]) {
    await t.step(shell, async () => {
      const run = await sb.forge(["completions", shell]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /\bspawn\b/);
      assert.match(run.stdout, shell === "fish" ? /-l 'json'/ : /--json/);
      assert.match(run.stdout, shell === "fish" ? /complete -c forge/ : /complete -F _forge forge/);
    });
  }
  await t.step("an unknown shell is a usage error", async () => {
    const run = await sb.forge(["completions", "tcsh"]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /shell "tcsh".*bash, zsh and fish/);
  });
});

Deno.test("forge rejects unknown commands and options with exit 2 and says why", async (t) => {
  await using sb = await forgeSandbox("usage");
  await t.step("unknown command", async () => {
    const run = await sb.forge(["frobnicate"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown command 'frobnicate'/);
    assert.equal(run.stdout, "");
  });
  await t.step("unknown option", async () => {
    const run = await sb.forge(["workers", "--bogus"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown option '--bogus'/);
  });
  await t.step("--help", async () => {
    const run = await sb.forge(["--help"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: forge /);
    for (const command of ["spawn", "workers", "kill", "doctor", "validate", "init"]) {
      assert.match(run.stdout, new RegExp(`\\n  ${command}\\b`));
    }
  });
});
