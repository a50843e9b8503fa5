import assert from "node:assert/strict";
import { createBackend } from "../../../src/chat/backends/mod.ts";
import { type ChatSettings, ForgeError } from "../../../src/domain/mod.ts";
import { caught, chatSettings, testDeps } from "./_backend_fixture.ts";

Deno.test("createBackend() builds the backend chat.backend names", async (t) => {
  await t.step("none: no backend", async () => {
    assert.equal(createBackend(await chatSettings({}), testDeps()), undefined);
  });
  const cases: [raw: Record<string, unknown>, name: string][] = [
    [{ backend: "command", command: "my-backend --headless" }, "command"],
    [
      { backend: "openai", model: "llama3.1", url: "http://localhost:11434/v1" },
      "openai (llama3.1)",
    ],
    [
      { backend: "openai", model: "gpt-4o-mini", api_key: "${env:OPENAI_API_KEY}" },
      "openai (gpt-4o-mini)",
    ],
    [
      { backend: "anthropic", model: "claude-sonnet-4-5", api_key: "${keychain:forge/anthropic}" },
      "anthropic (claude-sonnet-4-5)",
    ],
  ];
  for (const [raw, name] of cases) {
    await t.step(name, async () => {
      assert.equal(createBackend(await chatSettings(raw), testDeps())?.name, name);
    });
  }
});

Deno.test("createBackend() refuses settings that cannot work, naming the setting", async (t) => {
  const base = await chatSettings({ backend: "openai", model: "m", url: "http://127.0.0.1:1/v1" });
  const literalKey = "sk-live-0123456789abcdefghij";
  const cases: [name: string, settings: ChatSettings, message: RegExp][] = [
    ["an empty command", { ...base, backend: "command", command: "  " }, /chat\.command is empty/],
    ["no command", { ...base, backend: "command", command: undefined }, /chat\.command is empty/],
    ["no model", { ...base, model: undefined }, /chat\.model is not set/],
    ["a blank model", { ...base, backend: "anthropic", model: " " }, /chat\.model is not set/],
    [
      "a URL that is not http",
      { ...base, url: "ftp://example.com/v1" },
      /chat\.url is not an http or https URL/,
    ],
    ["a URL that does not parse", { ...base, url: "localhost:11434" }, /chat\.url is not an http/],
    [
      "credentials in the URL",
      { ...base, url: "https://user:pw@example.com/v1" },
      /chat\.url holds credentials/,
    ],
    [
      "a key in place of a reference",
      { ...base, api_key: literalKey },
      /chat\.api_key must be a reference, not the key itself/,
    ],
    [
      "a reference with text around it",
      { ...base, api_key: "Bearer ${env:K}" },
      /must be a reference/,
    ],
    [
      "no key for OpenAI's own API",
      { ...base, url: undefined },
      /chat\.api_key is not set, and OpenAI's API needs a key/,
    ],
    [
      "no key for Anthropic's own API",
      { ...base, backend: "anthropic", url: undefined },
      /Anthropic's API needs a key/,
    ],
    ["a timeout of 0", { ...base, timeout_seconds: 0 }, /chat\.timeout_seconds is 0/],
    ["negative retries", { ...base, max_retries: -1 }, /chat\.max_retries is -1/],
    ["no tokens", { ...base, max_tokens: 0 }, /chat\.max_tokens is 0/],
  ];
  for (const [name, settings, message] of cases) {
    await t.step(name, () => {
      const error = caught(() => createBackend(settings, testDeps()));
      assert.ok(error instanceof ForgeError);
      assert.equal(error.code, "CONFIG_INVALID");
      assert.match(error.message, /^Cannot use chat backend "(command|openai|anthropic)": /);
      assert.match(error.message, message);
      assert.ok(error.hint !== undefined && error.hint.length > 0, "a hint says what to do");
      assert.ok(!error.message.includes(literalKey) && !error.hint.includes(literalKey));
    });
  }
});
