import assert from "node:assert/strict";
import { join } from "node:path";
import { homeLayout, type SourceIssue } from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { loadWorkerConfigs, parseWorkerConfig } from "../../src/workers/mod.ts";
import { tempDir } from "../helpers/temp.ts";

const VALID = "name: mine\nlauncher: sim\nmodel: sim\ntier: budget\n";

function brief(issues: readonly SourceIssue[]): [number | undefined, string, string][] {
  return issues.map((i) => [i.line, i.key, i.severity]);
}

Deno.test("parseWorkerConfig() returns a valid config without issues", async () => {
  const { config, issues } = await parseWorkerConfig(VALID, "/h/workers/mine.yaml");
  assert.deepEqual(issues, []);
  assert.equal(config?.name, "mine");
  assert.equal(config?.tier, "budget");
});

Deno.test("parseWorkerConfig() warns about unknown keys with their line and still loads", async () => {
  const { config, issues } = await parseWorkerConfig(
    `${VALID}colour: blue\nhealth_check:\n  enabled: true\n  intervall_seconds: 5\n`,
    "/h/workers/mine.yaml",
  );
  assert.ok(config !== undefined);
  assert.equal("colour" in config, false, "the unknown key is dropped");
  const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  assert.deepEqual(brief(sorted), [
    [5, "colour", "warning"],
    [8, "health_check.intervall_seconds", "warning"],
  ]);
  assert.match(sorted[0]?.message ?? "", /^unknown key; ignored/);
  assert.equal(sorted.every((i) => i.file === "/h/workers/mine.yaml"), true);
});

Deno.test("parseWorkerConfig() reports wrong types as errors with line and key", async (t) => {
  const cases: [string, string, [number, string][]][] = [
    ["a tier outside the enum", VALID.replace("budget", "gold"), [[4, "tier"]]],
    ["a string for a number", `${VALID}max_context_tokens: lots\n`, [[5, "max_context_tokens"]]],
    ["a number in spawn_args", `${VALID}spawn_args: ["--x", 3]\n`, [[5, "spawn_args.1"]]],
    ["a list for environment", `${VALID}environment: [A]\n`, [[5, "environment"]]],
    ["a nested wrong type", `${VALID}cost_per_million_tokens:\n  input: 3\n  output: free\n`, [
      [7, "cost_per_million_tokens.output"],
    ]],
    ["a missing required key", "name: mine\nlauncher: sim\ntier: free\n", [[1, "model"]]],
  ];
  for (const [name, text, expected] of cases) {
    await t.step(name, async () => {
      const { config, issues } = await parseWorkerConfig(text, "/h/workers/mine.yaml");
      assert.equal(config, undefined);
      assert.deepEqual(
        issues.map((i) => [i.line, i.key, i.severity]),
        expected.map(([line, key]) => [line, key, "error"]),
      );
    });
  }
});

Deno.test("parseWorkerConfig() words a type error with what it expected and found", async () => {
  const { issues } = await parseWorkerConfig(`${VALID}supports_tools: "yes"\n`, "w.yaml");
  assert.equal(issues.length, 1);
  assert.match(issues[0]?.message ?? "", /expected .*found the string "yes"/);
});

Deno.test("parseWorkerConfig() warns about a literal secret in environment", async (t) => {
  const cases: [string, string][] = [
    ["an OpenAI-style key", "sk-abcdef123456"],
    ["a token- value", "token-123"],
    ["a secret- value", "Secret-xyz"],
    ["a key- value", "key-abc"],
  ];
  for (const [name, value] of cases) {
    await t.step(name, async () => {
      const { config, issues } = await parseWorkerConfig(
        `${VALID}environment:\n  API_KEY: "${value}"\n`,
        "/h/workers/mine.yaml",
      );
      assert.ok(config !== undefined, "a warning does not reject the config");
      assert.deepEqual(issues, [{
        file: "/h/workers/mine.yaml",
        line: 6,
        key: "environment.API_KEY",
        message:
          "looks like a literal secret; use ${env:API_KEY} and keep the value out of the file",
        severity: "warning",
      }]);
    });
  }
  await t.step("a reference is not a literal", async () => {
    const { issues } = await parseWorkerConfig(
      `${VALID}environment:\n  API_KEY: "\${env:MY_SK_KEY}"\n  MODE: fast\n`,
      "/h/workers/mine.yaml",
    );
    assert.deepEqual(issues, []);
  });
});

Deno.test("parseWorkerConfig() warns when a log or status path is shared by every worker", async () => {
  const { issues } = await parseWorkerConfig(
    `${VALID}log_path: /var/log/forge.log\nstatus_path: /s/\${worker_id}.json\n`,
    "/h/workers/mine.yaml",
  );
  assert.deepEqual(brief(issues), [[5, "log_path", "warning"]]);
  assert.equal(issues[0]?.message, "has no ${worker_id}; every worker would share one file");
});

Deno.test("parseWorkerConfig() warns when the name differs from the file name", async () => {
  const { config, issues } = await parseWorkerConfig(VALID, "/h/workers/other.yml");
  assert.equal(config?.name, "mine");
  assert.deepEqual(issues.map((i) => [i.line, i.key, i.message]), [
    [1, "name", '"mine" differs from the file name "other"; the name is used'],
  ]);
  assert.deepEqual((await parseWorkerConfig(VALID, "<stdin>")).issues, []);
});

Deno.test("parseWorkerConfig() reports a YAML syntax error with its line", async () => {
  const { config, issues } = await parseWorkerConfig(`${VALID}tier: free\n`, "mine.yaml");
  assert.equal(config, undefined);
  assert.deepEqual(brief(issues), [[5, "", "error"]]);
});

Deno.test("loadWorkerConfigs() loads the built-ins without any issue", async () => {
  await using dir = await tempDir();
  const set = await loadWorkerConfigs({ fs: denoFs, layout: homeLayout(dir.path) });
  assert.deepEqual(set.issues, []);
  assert.deepEqual([...set.entries.keys()].sort(), [
    "aider",
    "claude-code",
    "codex",
    "gemini",
    "opencode",
    "sim",
  ]);
  const sim = set.entries.get("sim");
  assert.equal(sim?.source, "builtin");
  assert.match(sim?.path ?? "", /manifests\/workers\/sim\.yaml$/);
});

Deno.test("loadWorkerConfigs() lets FORGE_HOME/workers override a built-in by name and add new ones", async () => {
  await using dir = await tempDir();
  const layout = homeLayout(dir.path);
  await Deno.mkdir(layout.workers, { recursive: true });
  await Deno.writeTextFile(
    join(layout.workers, "sim.yaml"),
    "name: sim\nlauncher: sim\nmodel: sim-fast\ntier: free\n",
  );
  await Deno.writeTextFile(join(layout.workers, "extra.yml"), VALID.replace("mine", "extra"));
  await Deno.writeTextFile(join(layout.workers, "notes.txt"), "not a config");
  await Deno.mkdir(join(layout.workers, "folder.yaml"));
  const set = await loadWorkerConfigs({ fs: denoFs, layout });
  assert.deepEqual(set.issues, []);
  const sim = set.entries.get("sim");
  assert.equal(sim?.source, "home");
  assert.equal(sim?.config.model, "sim-fast");
  assert.equal(sim?.path, join(layout.workers, "sim.yaml"));
  assert.equal(set.entries.get("extra")?.source, "home");
  assert.equal(set.entries.get("claude-code")?.source, "builtin");
  assert.equal(set.entries.size, 7);
});

Deno.test("loadWorkerConfigs() reports a broken file and skips it", async () => {
  await using dir = await tempDir();
  const layout = homeLayout(dir.path);
  await Deno.mkdir(layout.workers, { recursive: true });
  const path = join(layout.workers, "broken.yaml");
  await Deno.writeTextFile(path, "name: broken\nlauncher: sim\nmodel: sim\ntier: 5\n");
  const set = await loadWorkerConfigs({ fs: denoFs, layout });
  assert.equal(set.entries.has("broken"), false);
  assert.deepEqual(set.issues.map((i) => [i.file, i.line, i.key, i.severity]), [
    [path, 4, "tier", "error"],
  ]);
});
