/**
 * Builds a chat session's dependencies for the CLI and the dashboard: the configured backend,
 * the fleet data queries read, the action layer (audited as `chat`), and what the fast path
 * checks names against.
 */
import { basename } from "node:path";
import { type ActionContext, createChatData, performAction } from "../../actions/mod.ts";
import { type ChatBackend, type ChatDeps, createBackend } from "../../chat/mod.ts";
import type { FleetSnapshot } from "../../domain/mod.ts";
import { systemRandom } from "../../platform/mod.ts";
import type { Store } from "../../store/mod.ts";
import { type WorkerNames, workerNames } from "./_worker_names.ts";

/** Where the session runs. */
export interface ChatDepsOptions {
  readonly surface: "cli" | "tui";
  /** The fleet now (the CLI gathers once; the dashboard hands its latest snapshot). */
  readonly gather: () => Promise<FleetSnapshot>;
  /** Workspaces the request may name (paths). */
  readonly workspaces: readonly string[];
  readonly store?: Store;
  readonly currentView?: string;
  readonly readOnly?: boolean;
  /** The spawnable worker configs, when the caller has read them already. */
  readonly names?: WorkerNames;
  /**
   * When given, settings that cannot make a backend are reported here and the deps have none
   * (the fast path still answers) instead of throwing: the dashboard opens all the same.
   */
  readonly onBackendError?: (error: unknown) => void;
}

/**
 * The dependencies of chat requests.
 *
 * @param actions the action context
 * @param options surface, snapshot source and workspaces
 * @returns the deps (the backend is created, not contacted)
 * @throws {ForgeError} when the chat settings cannot make a backend (without `onBackendError`)
 */
export async function createChatDeps(
  actions: ActionContext,
  options: ChatDepsOptions,
): Promise<ChatDeps> {
  const names = options.names ?? await workerNames(actions);
  const configured = actions.config.workspaces.map((w) => ({
    path: w.path,
    name: w.name ?? basename(w.path),
  }));
  const known = new Map(configured.map((w) => [w.path, w]));
  for (const path of options.workspaces) {
    if (!known.has(path)) known.set(path, { path, name: basename(path) });
  }
  return {
    fs: actions.fs,
    clock: actions.clock,
    layout: actions.layout,
    settings: actions.config.chat,
    backend: configuredBackend(actions, options.onBackendError),
    data: createChatData(actions, {
      gather: options.gather,
      ...(options.store === undefined ? {} : { store: options.store }),
    }),
    perform: (request) =>
      performAction(actions, request, {
        interface: "chat",
        ...(options.store === undefined ? {} : { store: options.store }),
        workspaces: options.workspaces,
      }),
    audit: actions.audit,
    actor: actions.actor,
    surface: options.surface,
    workerTypes: names.workerModels,
    defaultWorker: names.defaultWorker,
    workspaces: [...known.values()],
    ...(options.currentView === undefined ? {} : { currentView: options.currentView }),
    ...(options.readOnly === undefined ? {} : { readOnly: options.readOnly }),
  };
}

function configuredBackend(
  actions: ActionContext,
  onError: ((error: unknown) => void) | undefined,
): ChatBackend | undefined {
  try {
    return createBackend(actions.config.chat, {
      processes: actions.processes,
      fetch: globalThis.fetch,
      secrets: actions.secrets,
      clock: actions.clock,
      random: systemRandom,
      sleep: (ms: number, signal?: AbortSignal) => actions.clock.sleep(ms, signal),
      cwd: actions.cwd,
    });
  } catch (error) {
    if (onError === undefined) throw error;
    onError(error);
    return undefined;
  }
}
