import assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError, defaultConfig, type SourceIssue } from "../../src/domain/mod.ts";
import { configTree, rejection } from "./_setup.ts";

function brief(issue: SourceIssue): [number | undefined, string, string] {
  return [issue.line, issue.key, issue.message];
}

async function issuesOf(text: string): Promise<SourceIssue[]> {
  await using tree = await configTree();
  await tree.write(join(tree.home, "config.yaml"), text);
  const error = await rejection(tree.load());
  assert.ok(error instanceof ConfigError, String(error));
  return [...error.issues];
}

Deno.test("chat settings default to no backend and the documented limits", async () => {
  const { chat } = await defaultConfig();
  assert.equal(chat.backend, "none");
  assert.deepEqual(chat.rate_limit, { per_minute: 10, per_hour: 100 });
  assert.equal(chat.timeout_seconds, 30);
  assert.equal(chat.max_retries, 3);
  assert.equal(chat.confirm_cost_usd, 10);
});

Deno.test("chat settings name what a backend lacks, by line and key", async () => {
  assert.deepEqual((await issuesOf("chat:\n  backend: command\n")).map(brief), [
    [
      1,
      "chat.command",
      "backend: command needs command: the program to run, e.g. my-backend --json",
    ],
  ]);
  const model = (await issuesOf("chat:\n  backend: openai\n")).map(brief);
  assert.equal(model[0]?.[1], "chat.model");
  assert.match(model[0]?.[2] ?? "", /needs model \(e\.g\. gpt-4o-mini, or llama3\.1 on Ollama\)/);
});

Deno.test("a literal API key is refused without being repeated", async () => {
  const key = "sk-proj-" + "Q".repeat(40);
  const issues = await issuesOf(`chat:\n  backend: openai\n  model: m\n  api_key: ${key}\n`);
  assert.deepEqual(issues.map((i) => [i.line, i.key]), [[4, "chat.api_key"]]);
  assert.match(issues[0]?.message ?? "", /\$\{env:NAME\} or \$\{keychain:service\/account\} only/);
  assert.ok(!JSON.stringify(issues).includes(key));
});

Deno.test("chat settings accept references and reject a wrong backend name", async () => {
  await using tree = await configTree();
  await tree.write(
    join(tree.home, "config.yaml"),
    "chat:\n  backend: anthropic\n  model: claude-sonnet-4-5\n  api_key: ${env:ANTHROPIC_API_KEY}\n",
  );
  assert.equal((await tree.load()).config.chat.api_key, "${env:ANTHROPIC_API_KEY}");
  const wrong = await issuesOf("chat:\n  backend: gpt\n");
  assert.match(wrong[0]?.message ?? "", /expected one of none, command, openai, anthropic/);
});
