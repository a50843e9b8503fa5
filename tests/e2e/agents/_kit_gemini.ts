/**
 * The Gemini CLI against the scripted Gemini API: `GOOGLE_GEMINI_BASE_URL`, a fake key, and its
 * own HOME whose ~/.gemini/settings.json selects API-key auth (required headless with a base URL)
 * and turns off usage statistics, telemetry and update checks, its only outside calls. Two
 * attempts per model call keep failure tests short (it retries 429s and 500s up to 10 times).
 */
import { join } from "node:path";
import type { AgentKit } from "./_agent_kit.ts";
import { startFakeGemini } from "./fake_gemini.ts";

/** The Gemini CLI for the end-to-end tests. */
export const geminiKit: AgentKit = {
  name: "gemini",
  model: "gemini-2.5-pro",
  startServer: startFakeGemini,
  async prepare(setup) {
    const dir = join(setup.home, ".gemini");
    await Deno.mkdir(dir, { recursive: true });
    const settings = {
      security: { auth: { selectedType: "gemini-api-key" } },
      privacy: { usageStatisticsEnabled: false },
      telemetry: { enabled: false },
      general: { enableAutoUpdate: false, enableAutoUpdateNotification: false, maxAttempts: 2 },
    };
    await Deno.writeTextFile(join(dir, "settings.json"), JSON.stringify(settings, null, 2));
    // It writes a report per API error to the temp folder: keep those inside the sandbox.
    await Deno.mkdir(join(setup.home, "tmp"), { recursive: true });
    return {
      HOME: setup.home,
      TMPDIR: join(setup.home, "tmp"),
      GEMINI_BIN: setup.bin,
      GEMINI_API_KEY: "fake-gemini-key-for-tests",
      GOOGLE_GEMINI_BASE_URL: setup.serverUrl,
    };
  },
};
