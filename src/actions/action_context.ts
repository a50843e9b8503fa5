/**
 * What every action needs: ports, the FORGE home, the configuration, who acts, how launchers call
 * FORGE back, how to reach a workspace's beads and where audit entries go. The CLI, the
 * dashboard, chat and HTTP all build one of these and call the same actions.
 */
import type {
  Actor,
  AuditSink,
  BeadStore,
  Clock,
  Config,
  Env,
  FileSystem,
  HomeLayout,
  Processes,
  SecretLookup,
} from "../domain/mod.ts";

/** The context of an action. */
export interface ActionContext {
  readonly fs: FileSystem;
  readonly processes: Processes;
  readonly clock: Clock;
  readonly env: Env;
  readonly layout: HomeLayout;
  readonly config: Config;
  readonly cwd: string;
  readonly actor: Actor;
  /** How a launcher calls FORGE (`$FORGE_BIN bead close …`). */
  readonly forgeBin: string;
  readonly secrets: SecretLookup;
  /** The bead store of a workspace (its beads tool, or the built-in JSONL one). */
  readonly beadStore: (workspace: string) => Promise<BeadStore>;
  readonly audit: AuditSink;
}
