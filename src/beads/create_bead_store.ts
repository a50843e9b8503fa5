/**
 * The one way to get a workspace's BeadStore: detect the tool, then build its adapter.
 */
import type { BeadStore, Clock, Env, FileSystem, Processes } from "../domain/mod.ts";
import { cliBeadStore } from "./cli_bead_store.ts";
import { detectBeadStore } from "./detect_bead_store.ts";
import { jsonlBeadStore } from "./jsonl_bead_store.ts";

/** The ports a store needs. */
export interface CreateBeadStoreOptions {
  readonly fs: FileSystem;
  readonly processes: Processes;
  readonly env: Env;
  readonly clock: Clock;
  /** Per CLI command (default 30 s). */
  readonly timeoutMs?: number;
}

/**
 * Creates the store of a workspace (see `detectBeadStore` for the rule).
 *
 * @param workspace the workspace directory
 * @param options ports and timeout
 * @returns the store
 * @throws {UsageError} when FORGE_BEAD_STORE names no known store
 */
export async function createBeadStore(
  workspace: string,
  options: CreateBeadStoreOptions,
): Promise<BeadStore> {
  const choice = await detectBeadStore(workspace, options);
  if (choice.kind === "jsonl") return jsonlBeadStore(workspace, options);
  return cliBeadStore(choice.kind, workspace, {
    ...options,
    beadsDir: choice.beadsDir,
    ...(choice.command === undefined ? {} : { command: choice.command }),
  });
}
