/**
 * The Codex CLI against the scripted Responses server. Codex ignores `OPENAI_BASE_URL`, so its
 * `config.toml` (in its own `CODEX_HOME`) declares a custom model provider on the server, with few
 * retries and no WebSocket attempt, and turns off the plugin sync that would reach GitHub.
 */
import { join } from "node:path";
import type { AgentKit } from "./_agent_kit.ts";
import { startFakeOpenAIResponses } from "./fake_openai_responses.ts";

/** The environment variable that holds the fake key (the provider's `env_key`). */
const KEY_VAR = "FORGE_TEST_OPENAI_KEY";

/**
 * Codex's settings for a scripted server.
 *
 * @param serverUrl the server (`http://127.0.0.1:<port>`)
 * @returns the text of config.toml
 */
export function codexConfig(serverUrl: string): string {
  return [
    'model_provider = "scripted"',
    "check_for_update_on_startup = false",
    "",
    "[analytics]",
    "enabled = false",
    "",
    "[features]",
    // The curated plugin sync runs `git ls-remote` on github.com and calls api.github.com.
    "plugins = false",
    // Otherwise codex waits for the network forever when the server is gone.
    "unbounded_connection_retries = false",
    "",
    "[model_providers.scripted]",
    'name = "scripted"',
    `base_url = ${JSON.stringify(`${serverUrl}/v1`)}`,
    `env_key = ${JSON.stringify(KEY_VAR)}`,
    'wire_api = "responses"',
    // Two quick retries of a 500 or a refused connection, as the Claude Code kit allows; a 429 is
    // only retried as a broken stream, and broken streams are not retried at all.
    "request_max_retries = 2",
    "stream_max_retries = 0",
    "supports_websockets = false",
    "",
  ].join("\n");
}

/** The Codex CLI for the end-to-end tests. */
export const codexKit: AgentKit = {
  name: "codex",
  // In codex's bundled model catalogue, so it prints no "model metadata not found" warning.
  model: "gpt-5.5",
  startServer: startFakeOpenAIResponses,
  async prepare(setup) {
    const codexHome = join(setup.home, ".codex");
    await Deno.mkdir(codexHome, { recursive: true });
    await Deno.writeTextFile(join(codexHome, "config.toml"), codexConfig(setup.serverUrl));
    return {
      HOME: setup.home,
      CODEX_HOME: codexHome,
      CODEX_BIN: setup.bin,
      [KEY_VAR]: "sk-fake-for-tests",
    };
  },
};
