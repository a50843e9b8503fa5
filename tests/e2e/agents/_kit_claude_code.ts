/**
 * Claude Code against the scripted Anthropic server: `ANTHROPIC_BASE_URL`, a fake key, its own
 * HOME (it writes ~/.claude.json and ~/.claude/), and few retries so a 429 test ends quickly.
 */
import type { AgentKit } from "./_agent_kit.ts";
import { startFakeAnthropic } from "./fake_anthropic.ts";

/** Claude Code for the end-to-end tests. */
export const claudeCodeKit: AgentKit = {
  name: "claude-code",
  model: "sonnet",
  startServer: startFakeAnthropic,
  prepare(setup) {
    return Promise.resolve({
      HOME: setup.home,
      CLAUDE_BIN: setup.bin,
      ANTHROPIC_BASE_URL: setup.serverUrl,
      ANTHROPIC_API_KEY: "sk-ant-fake-for-tests",
      CLAUDE_CODE_MAX_RETRIES: "2",
    });
  },
};
