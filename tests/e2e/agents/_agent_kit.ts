/**
 * What the end-to-end tests need to run one real agent CLI as a FORGE worker against its
 * scripted model server: the server, and an isolated home plus the worker config's environment
 * (base URL, fake key, `HOME`, the CLI's path). The shipped launcher and worker config are used
 * unchanged otherwise.
 */
import type { Scenarios } from "./_scenario.ts";
import type { ScriptedServer } from "./_scripted_server.ts";
import type { AgentName } from "./install_agents.ts";

/** Where an agent runs in a test. */
export interface AgentSetup {
  /** A fresh folder for the agent's HOME (created, empty). */
  readonly home: string;
  /** The scripted server's url (`http://127.0.0.1:<port>`). */
  readonly serverUrl: string;
  /** The installed CLI (absolute path). */
  readonly bin: string;
  /** The model the worker runs (`--model=`). */
  readonly model: string;
}

/** One agent CLI, ready for tests. */
export interface AgentKit {
  /** Built-in worker config and launcher name. */
  readonly name: AgentName;
  /** The model the tests give the worker. */
  readonly model: string;
  /** Starts the scripted server speaking this agent's API. */
  startServer(scenarios: Scenarios): ScriptedServer;
  /**
   * Writes what the agent needs into `setup.home` (settings that keep it off the network) and
   * returns the worker config's `environment:`.
   */
  prepare(setup: AgentSetup): Promise<Record<string, string>>;
}
