/**
 * The few tmux operations FORGE needs, on the Processes port. Targets use `=name` so a session
 * name never matches another by prefix.
 */
import type { Processes } from "../domain/mod.ts";

const TIMEOUT_MS = 5_000;

/** tmux, bound to a Processes implementation. */
export class Tmux {
  readonly #processes: Processes;

  /** @param processes how to run tmux */
  constructor(processes: Processes) {
    this.#processes = processes;
  }

  /** True when tmux is installed. */
  async available(): Promise<boolean> {
    return (await this.#processes.which("tmux")) !== undefined;
  }

  /** True when a session with exactly this name exists. */
  async hasSession(name: string): Promise<boolean> {
    const r = await this.#processes.run("tmux", ["has-session", "-t", `=${name}`], {
      timeoutMs: TIMEOUT_MS,
    });
    return r.code === 0;
  }

  /** Kills a session; false when there was none. */
  async killSession(name: string): Promise<boolean> {
    const r = await this.#processes.run("tmux", ["kill-session", "-t", `=${name}`], {
      timeoutMs: TIMEOUT_MS,
    });
    return r.code === 0;
  }

  /** Names of all sessions on the server (empty when no server runs). */
  async listSessions(): Promise<string[]> {
    const r = await this.#processes.run("tmux", ["list-sessions", "-F", "#{session_name}"], {
      timeoutMs: TIMEOUT_MS,
    });
    if (r.code !== 0) return [];
    return r.stdout.split("\n").map((s) => s.trim()).filter((s) => s !== "");
  }

  /** Pid of the session's first pane, or undefined. */
  async panePid(name: string): Promise<number | undefined> {
    const r = await this.#processes.run("tmux", [
      "list-panes",
      "-t",
      `=${name}`,
      "-F",
      "#{pane_pid}",
    ], {
      timeoutMs: TIMEOUT_MS,
    });
    const first = Number(r.stdout.split("\n")[0]);
    return r.code === 0 && Number.isInteger(first) && first > 0 ? first : undefined;
  }
}
