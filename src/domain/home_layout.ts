/**
 * Where everything lives inside FORGE_HOME (default `~/.forge`).
 */
import { join } from "node:path";
import type { WorkerId } from "./ids.ts";

/** Paths inside one FORGE home. */
export interface HomeLayout {
  readonly home: string;
  readonly config: string;
  /** User launchers (executables). */
  readonly launchers: string;
  /** Worker configs (`<name>.yaml`). */
  readonly workers: string;
  readonly status: string;
  readonly logs: string;
  /** FORGE's own log file. */
  readonly forgeLog: string;
  readonly database: string;
  /** FORGE's private state: locks, built-in launcher copies, the source-run wrapper. */
  readonly state: string;
  /** Built-in launchers as FORGE last wrote them (owned by FORGE, refreshed on change). */
  readonly builtinLaunchers: string;
  /** Chat exchanges, one JSON object a line (size-capped). */
  readonly chatHistory: string;
  /** When requests went to the chat backend (for its rate limit). */
  readonly chatRate: string;
}

/**
 * Computes the layout of a FORGE home.
 *
 * @param home absolute path of FORGE_HOME
 * @returns every path FORGE uses inside it
 */
export function homeLayout(home: string): HomeLayout {
  const state = join(home, "state");
  return {
    home,
    config: join(home, "config.yaml"),
    launchers: join(home, "launchers"),
    workers: join(home, "workers"),
    status: join(home, "status"),
    logs: join(home, "logs"),
    forgeLog: join(home, "logs", "forge.log"),
    database: join(home, "forge.db"),
    state,
    builtinLaunchers: join(state, "builtin-launchers"),
    chatHistory: join(state, "chat-history.jsonl"),
    chatRate: join(state, "chat-rate.json"),
  };
}

/** Path of a worker's status file. */
export function statusPath(layout: HomeLayout, id: WorkerId): string {
  return join(layout.status, `${id}.json`);
}

/** Path of a worker's log file. */
export function logPath(layout: HomeLayout, id: WorkerId): string {
  return join(layout.logs, `${id}.log`);
}
