import assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError, type SourceIssue } from "../../src/domain/mod.ts";
import { configTree, rejection } from "./_setup.ts";

function brief(issue: SourceIssue): [number | undefined, string, string, string] {
  return [issue.line, issue.key, issue.severity, issue.message];
}

async function loadError(text: string): Promise<ConfigError> {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), text);
  const error = await rejection(tree.load());
  assert.ok(error instanceof ConfigError, String(error));
  return error;
}

Deno.test("loadConfig() reports the line and key of a wrong type", async () => {
  const error = await loadError(
    "max_workers: 2\nlaunchers:\n  my-agent:\n    executable: 5\nlauncher:\n" +
      "  timeout_seconds: ten\n",
  );
  assert.deepEqual(error.issues.map(brief), [
    [6, "launcher.timeout_seconds", "error", 'expected a number, found the string "ten"'],
    [4, "launchers.my-agent.executable", "error", "expected a string, found the number 5"],
  ]);
  assert.equal(error.code, "CONFIG_INVALID");
});

Deno.test("loadConfig() reports a missing required key at its parent", async () => {
  const error = await loadError("launchers:\n  my-agent:\n    models: [a]\n");
  assert.deepEqual(error.issues.map(brief), [
    [2, "launchers.my-agent.executable", "error", "required; expected a string"],
  ]);
});

Deno.test("loadConfig() reports values out of range and bad names", async (t) => {
  const cases: [string, [number, string, string]][] = [
    ["max_workers: 0\n", [1, "max_workers", "expected a number greater than 0, found 0"]],
    ["max_workers: 2.5\n", [1, "max_workers", "expected a whole number, found the number 2.5"]],
    ["workspaces:\n  - path: ''\n", [
      2,
      "workspaces[0].path",
      'expected a non-empty string, found ""',
    ]],
    ["launchers:\n  bad name:\n    executable: x\n", [
      2,
      "launchers.bad name",
      'invalid name "bad name"',
    ]],
    ["max_workers:\n", [1, "max_workers", "expected a number, found an empty value"]],
  ];
  for (const [text, [line, key, message]] of cases) {
    await t.step(key, async () => {
      const issue = (await loadError(text)).issues[0];
      assert.equal(issue?.line, line);
      assert.equal(issue?.key, key);
      assert.ok(issue?.message.startsWith(message), issue?.message);
    });
  }
});

Deno.test("loadConfig() warns about unknown keys, suggests the near one and drops them", async () => {
  await using tree = await configTree();
  const path = await tree.write(
    join(tree.home, "config.yaml"),
    "max_workers: 3\nmaxworkers: 9\nlauncher:\n  retriez: 4\ncolour: blue\n",
  );
  const loaded = await tree.load();
  assert.equal(loaded.config.max_workers, 3);
  assert.equal(loaded.config.launcher.retries, 2);
  assert.equal("maxworkers" in loaded.config, false);
  assert.deepEqual(loaded.warnings.map((w) => [w.file, ...brief(w)]), [
    [path, 4, "launcher.retriez", "warning", 'unknown key; ignored (did you mean "retries"?)'],
    [path, 2, "maxworkers", "warning", 'unknown key; ignored (did you mean "max_workers"?)'],
    [path, 5, "colour", "warning", "unknown key; ignored"],
  ]);
});

Deno.test("loadConfig() lists an unknown key next to the error it explains", async () => {
  const error = await loadError("launchers:\n  a:\n    executabel: /bin/a\n");
  assert.deepEqual(error.issues.map(brief), [
    [2, "launchers.a.executable", "error", "required; expected a string"],
    [3, "launchers.a.executabel", "warning", 'unknown key; ignored (did you mean "executable"?)'],
  ]);
});

Deno.test("loadConfig() reports the line of a YAML syntax error", async () => {
  const error = await loadError("max_workers: 2\nlauncher: [1, 2\nretries: 3\n");
  assert.equal(error.issues.length, 1);
  const [line, key, severity, message] = brief(error.issues[0] as SourceIssue);
  assert.deepEqual([line, key, severity], [3, "", "error"]);
  assert.match(message, /flow sequence/i);
});

Deno.test("loadConfig() reports an alias to a missing anchor as an error", async () => {
  const error = await loadError("max_workers: *nope\n");
  assert.equal(error.issues.length, 1);
  assert.equal(error.issues[0]?.severity, "error");
  assert.match(error.issues[0]?.message ?? "", /unresolved alias/i);
});

Deno.test("loadConfig() reports a duplicate key as a syntax error", async () => {
  const error = await loadError("max_workers: 2\nmax_workers: 3\n");
  assert.equal(error.issues[0]?.line, 2);
});

Deno.test("loadConfig() accepts an empty file as the defaults", async (t) => {
  for (const text of ["", "\n# only a comment\n", "---\n"]) {
    await t.step(JSON.stringify(text), async () => {
      await using tree = await configTree();
      await tree.write(join(tree.home, "config.yaml"), text);
      const loaded = await tree.load();
      assert.equal(loaded.config.max_workers, 10);
      assert.equal(loaded.files.length, 1);
    });
  }
});

Deno.test("loadConfig() refuses a file whose top level is not a mapping", async (t) => {
  const cases: [string, string][] = [
    ["- a\n- b\n", "a list"],
    ["just text\n", 'the string "just text"'],
    ["42\n", "the number 42"],
  ];
  for (const [text, found] of cases) {
    await t.step(found, async () => {
      const error = await loadError(text);
      assert.deepEqual(error.issues.map(brief), [
        [1, "", "error", `expected a mapping of keys at the top level, found ${found}`],
      ]);
    });
  }
});

Deno.test("loadConfig() refuses a config_version newer than this FORGE", async () => {
  const error = await loadError("config_version: 2\nmax_workers: 2\n");
  assert.equal(error.issues.length, 1);
  const [line, key, severity, message] = brief(error.issues[0] as SourceIssue);
  assert.deepEqual([line, key, severity], [1, "config_version", "error"]);
  assert.match(message, /written by a newer FORGE/);
  assert.match(message, /update FORGE/);
});

Deno.test("loadConfig() refuses a config_version that is not a whole number", async () => {
  const error = await loadError("config_version: one\n");
  assert.deepEqual(error.issues.map(brief), [
    [1, "config_version", "error", 'expected a whole number of 0 or more, found the string "one"'],
  ]);
});

Deno.test("loadConfig() warns about a reference to an unset variable and keeps running", async () => {
  await using tree = await configTree();
  await tree.write(
    join(tree.home, "config.yaml"),
    "launchers:\n  a:\n    executable: /bin/a\n    default_args:\n" +
      '      - "--key=${env:MISSING_KEY}"\n      - "${SET_ONE}"\n      - "${keychain:svc/acct}"\n',
  );
  const loaded = await tree.load({ vars: { SET_ONE: "x" } });
  assert.deepEqual(loaded.config.launchers["a"]?.default_args[0], "--key=${env:MISSING_KEY}");
  assert.deepEqual(loaded.warnings.map(brief), [
    [
      5,
      "launchers.a.default_args[0]",
      "warning",
      "refers to environment variable MISSING_KEY, which is not set",
    ],
  ]);
});

Deno.test("loadConfig() warns when a file naming secrets is readable by others", async (t) => {
  await using tree = await configTree();
  const path = join(tree.home, "config.yaml");
  const withRef = "launchers:\n  a:\n    executable: /bin/a\n    default_args: ['${env:HOME}']\n";
  const vars = { HOME: "/home/u" };

  await t.step("mode 0644 with a secret reference warns", async () => {
    await tree.write(path, withRef, 0o644);
    const { warnings } = await tree.load({ vars });
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.file, path);
    assert.match(warnings[0]?.message ?? "", /readable by other users \(mode 644\)/);
    assert.ok(warnings[0]?.message.includes(`chmod 600 "${path}"`));
  });
  await t.step("a key named like a secret counts too", async () => {
    await tree.write(path, "api_token: abc\n", 0o640);
    const { warnings } = await tree.load();
    assert.ok(warnings.some((w) => /readable by other users/.test(w.message)));
  });
  await t.step("mode 0600 is quiet", async () => {
    await tree.write(path, withRef, 0o600);
    assert.deepEqual((await tree.load({ vars })).warnings, []);
  });
  await t.step("a file without secrets may be world-readable", async () => {
    await tree.write(path, "max_workers: 2\n", 0o644);
    assert.deepEqual((await tree.load()).warnings, []);
  });
});
