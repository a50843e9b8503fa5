/**
 * Everything an update or rollback needs from the running program: facts about this build, the
 * keys it trusts, where its state is, and the ports it works through. The CLI builds the real
 * one; tests (and only tests) pass their own keys, exec path, clock and phase hook.
 */
import type { BinaryFiles, Clock, Env, FileSystem, Processes } from "../domain/mod.ts";
import type { TrustedKey } from "./trusted_keys.ts";

/** Points in an update where a test build may fail or pause (fault injection). */
export type UpdateCheckpoint =
  | "after_download"
  | "after_backup"
  | "before_swap"
  | "after_swap";

/** How failures are classified (the CLI maps them to exit codes). */
export type UpdateFailure =
  | "usage"
  | "no-build"
  | "verification"
  | "refused"
  | "network"
  | "locked"
  | "self-test"
  | "swap-failed"
  | "restore-failed"
  | "cancelled";

/** The running program, as the updater sees it. */
export interface UpdateRuntime {
  /** `Deno.execPath()`, captured at startup. */
  readonly execPath: string;
  /** False when running from source. */
  readonly standalone: boolean;
  /** `Deno.build.target`. */
  readonly target: string;
  readonly platform: "unix" | "windows";
  readonly currentVersion: string;
  readonly roots: readonly TrustedKey[];
  /** Packagers turn self-update off at build time. */
  readonly selfUpdateDisabled: boolean;
  readonly pid: number;
  /** FORGE_HOME/state. */
  readonly stateDir: string;
  readonly fs: FileSystem;
  readonly files: BinaryFiles;
  readonly processes: Processes;
  readonly clock: Clock;
  readonly env: Env;
  readonly fetch: typeof fetch;
  /** A random file-name part. */
  readonly random: () => string;
  /** Test builds: runs at each checkpoint; may throw (a fault) or block (to be killed). */
  readonly checkpoint?: (at: UpdateCheckpoint) => Promise<void>;
  /** Download progress, for a bar on a terminal. */
  readonly onProgress?: (received: number, total: number) => void;
}

/** How an update or rollback ended. */
export type UpdateOutcome =
  | {
    readonly ok: true;
    readonly status: "up-to-date" | "available" | "updated" | "rolled-back" | "dry-run";
    readonly from: string;
    readonly to: string | undefined;
    readonly target: string | undefined;
    readonly message: string;
    readonly warnings: readonly string[];
  }
  | {
    readonly ok: false;
    readonly failure: UpdateFailure;
    readonly from: string;
    readonly to: string | undefined;
    readonly target: string | undefined;
    readonly message: string;
    readonly warnings: readonly string[];
  };
