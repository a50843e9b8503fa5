/**
 * Finds the agent CLIs on PATH, their versions, and whether they offer the headless mode the
 * launchers use.
 */
import type { Processes } from "../domain/mod.ts";

/** A supported agent CLI and how to recognise its headless mode in `--help`. */
interface AgentSpec {
  readonly worker: string;
  readonly command: string;
  readonly headless: readonly string[];
}

const AGENTS: readonly AgentSpec[] = [
  {
    worker: "claude-code",
    command: "claude",
    headless: ["--output-format", "--dangerously-skip-permissions"],
  },
  { worker: "codex", command: "codex", headless: ["exec"] },
  { worker: "opencode", command: "opencode", headless: ["run"] },
  { worker: "aider", command: "aider", headless: ["--message"] },
  { worker: "gemini", command: "gemini", headless: ["--output-format"] },
];

/** What was found for one agent. */
export interface DetectedAgent {
  /** The worker config (and launcher) name. */
  readonly worker: string;
  readonly command: string;
  readonly path: string | undefined;
  readonly version: string | undefined;
  /** True when `--help` mentions every headless flag the launcher needs. */
  readonly headless: boolean;
}

/**
 * Looks for every supported agent CLI.
 *
 * @param processes how to find and run them
 * @param options an override of the command per worker (e.g. from CLAUDE_BIN)
 * @returns one entry per supported agent, found or not
 */
export async function detectAgents(
  processes: Processes,
  options: { readonly commands?: Readonly<Record<string, string>> } = {},
): Promise<DetectedAgent[]> {
  return await Promise.all(AGENTS.map(async (agent) => {
    const command = options.commands?.[agent.worker] ?? agent.command;
    const path = await processes.which(command);
    if (path === undefined) {
      return { worker: agent.worker, command, path, version: undefined, headless: false };
    }
    const [version, help] = await Promise.all([
      processes.run(path, ["--version"], { timeoutMs: 10_000, maxOutputBytes: 4096 }),
      processes.run(path, ["--help"], { timeoutMs: 10_000, maxOutputBytes: 256 * 1024 }),
    ]);
    const helpText = `${help.stdout}\n${help.stderr}`;
    return {
      worker: agent.worker,
      command,
      path,
      version: (version.stdout.trim() || version.stderr.trim()).split("\n")[0] || undefined,
      headless: agent.headless.every((flag) => helpText.includes(flag)),
    };
  }));
}
