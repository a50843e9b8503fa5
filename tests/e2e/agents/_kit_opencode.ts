/**
 * OpenCode against the scripted Chat Completions server: a provider "fake"
 * (`@ai-sdk/openai-compatible`, bundled in the binary) declared in the config with its model and
 * prices, so no models.dev catalog is needed; its own HOME, with the global config folder seeded
 * (`node_modules/` and a `package-lock.json` that lists the plugin) so that OpenCode skips its
 * background `npm install @opencode-ai/plugin`.
 */
import { join } from "node:path";
import type { AgentKit } from "./_agent_kit.ts";
import { startFakeOpenAIChat } from "./fake_openai_chat.ts";

/** The provider and model names in the config; the worker's model is `fake/fake-model`. */
const PROVIDER = "fake";
const MODEL = "fake-model";
/**
 * OpenCode's JSON lines never name the model, so FORGE counts their tokens under the worker's
 * model (`fake/fake-model`). The model's API id is set to that same name, so that the server's
 * ledger is kept under the name FORGE shows (by default OpenCode would send `fake-model`).
 */
const WORKER_MODEL = `${PROVIDER}/${MODEL}`;

/** OpenCode for the end-to-end tests. */
export const opencodeKit: AgentKit = {
  name: "opencode",
  model: WORKER_MODEL,
  startServer: startFakeOpenAIChat,
  async prepare(setup) {
    const dir = join(setup.home, ".config", "opencode");
    await Deno.mkdir(join(dir, "node_modules"), { recursive: true });
    await Deno.writeTextFile(
      join(dir, "package-lock.json"),
      JSON.stringify({ packages: { "": { dependencies: { "@opencode-ai/plugin": "*" } } } }),
    );
    const config = {
      $schema: "https://opencode.ai/config.json",
      provider: {
        [PROVIDER]: {
          npm: "@ai-sdk/openai-compatible",
          name: "Fake",
          options: {
            baseURL: `${setup.serverUrl}/v1`,
            apiKey: "sk-fake-for-tests",
            // A stalled stream fails after 10 s instead of 5 minutes (then it is retried five
            // times with 2 s to 32 s pauses, so a hang still ends with exit 1 after ~2 minutes).
            chunkTimeout: 10_000,
          },
          models: {
            [MODEL]: {
              id: WORKER_MODEL,
              name: "Fake Model",
              // USD per million tokens, so that OpenCode reports a cost per step.
              cost: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 },
              limit: { context: 200000, output: 32000 },
            },
          },
        },
      },
      model: WORKER_MODEL,
      // The session title is asked of this model too, without tools: the server answers it
      // with no usage.
      small_model: WORKER_MODEL,
      autoupdate: false,
      share: "disabled",
      snapshot: false,
      permission: { bash: "allow", edit: "allow", external_directory: "allow" },
    };
    await Deno.writeTextFile(join(dir, "opencode.json"), JSON.stringify(config, null, 2));
    const env = {
      HOME: setup.home,
      OPENCODE_BIN: setup.bin,
      OPENCODE_DISABLE_MODELS_FETCH: "1",
      OPENCODE_DISABLE_AUTOUPDATE: "1",
    };
    // Two OpenCode processes starting together on a fresh HOME race to create its database and
    // one fails ("CREATE TABLE … already exists"); run it once first, as a user's machine has.
    const warm = await new Deno.Command(setup.bin, {
      args: ["session", "list"],
      cwd: setup.home,
      env: { ...env, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
      clearEnv: true,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!warm.success) {
      throw new Error(`opencode session list failed: ${new TextDecoder().decode(warm.stderr)}`);
    }
    return env;
  },
};
