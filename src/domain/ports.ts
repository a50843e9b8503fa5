/**
 * Ports: the only ways features reach the outside world. Implementations backed by Deno live in
 * `src/platform/`; tests pass fakes or the real ones. Features never call `Deno.*` themselves.
 */

/** Wall clock and waiting, injected so tests control time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What `stat` tells about a path. */
export interface FileInfo {
  readonly kind: "file" | "directory" | "symlink" | "other";
  readonly size: number;
  readonly mtimeMs: number | undefined;
  /** Inode number (Unix), used to notice log rotation. */
  readonly ino: number | undefined;
  /** Permission bits (Unix). */
  readonly mode: number | undefined;
}

/** One entry of a directory listing. */
export interface DirEntry {
  readonly name: string;
  readonly kind: "file" | "directory" | "symlink" | "other";
}

/** A slice of a file read from a byte offset, with the identity of the file actually read. */
export interface FileChunk {
  readonly bytes: Uint8Array;
  readonly ino: number | undefined;
  /** Size of the file when it was read. */
  readonly size: number;
}

/** File access. Missing paths are `undefined`/empty where noted, other failures throw. */
export interface FileSystem {
  /** Follows symlinks; `undefined` when the path does not exist. */
  stat(path: string): Promise<FileInfo | undefined>;
  /** Does not follow symlinks; `undefined` when the path does not exist. */
  lstat(path: string): Promise<FileInfo | undefined>;
  readTextFile(path: string): Promise<string>;
  readFile(path: string): Promise<Uint8Array>;
  /** Reads at most `maxBytes` from `offset`; an empty chunk at end of file. */
  readChunk(path: string, offset: number, maxBytes: number): Promise<FileChunk>;
  /** Entries sorted by name; empty when the directory does not exist. */
  readDir(path: string): Promise<readonly DirEntry[]>;
  /** Writes to a temporary file in the same directory, fsyncs, then renames over `path`. */
  writeFileAtomic(path: string, data: string | Uint8Array, options?: WriteOptions): Promise<void>;
  writeTextFile(path: string, text: string, options?: WriteOptions): Promise<void>;
  /** Creates the directory and its parents; fine when it exists. */
  mkdirp(path: string, mode?: number): Promise<void>;
  /** Removes a file or (with `recursive`) a tree; fine when it does not exist. */
  remove(path: string, options?: { readonly recursive?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  /** Creates a fresh temporary directory. */
  makeTempDir(prefix: string): Promise<string>;
  /**
   * Takes an exclusive advisory lock (flock) on a lock file, creating it, waiting while another
   * process holds it, at most `timeoutMs` (default 10 s): a holder that hangs must not hang FORGE.
   * Compatible with `flock(1)`, which launchers use.
   *
   * @throws {ForgeError} code IO when the lock stays taken past the timeout
   */
  lock(path: string, options?: { readonly timeoutMs?: number }): Promise<FileLock>;
}

/** A held advisory lock. */
export interface FileLock {
  release(): Promise<void>;
}

/** Options for writes. */
export interface WriteOptions {
  readonly mode?: number;
  readonly append?: boolean;
}

/** How to run a child process. */
export interface RunOptions {
  readonly cwd?: string;
  /** Environment of the child. With `clearEnv` it is the whole environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly clearEnv?: boolean;
  /** Hard limit; the process group is terminated, then killed, when it passes. */
  readonly timeoutMs?: number;
  /** Text written to stdin (then closed); stdin is /dev/null otherwise. */
  readonly stdin?: string;
  /** Bytes of stdout and of stderr kept; the rest is counted and dropped. Default 1 MiB. */
  readonly maxOutputBytes?: number;
  readonly signal?: AbortSignal;
}

/** The outcome of a finished child process. */
export interface RunResult {
  /** Exit code; 128+n when killed by signal n; 127 when the command was not found. */
  readonly code: number;
  readonly signal: string | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

/** Child processes and signals. */
export interface Processes {
  /** Runs to completion (or timeout). Never throws for a non-zero exit. */
  run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** True when the pid exists and is not a zombie. */
  isAlive(pid: number): Promise<boolean>;
  /**
   * Sends a signal to a pid; with `group`, to its process group; with `tree`, to the pid and all
   * its descendants (not the rest of its group). False when it is gone.
   */
  kill(
    pid: number,
    options?: { readonly signal?: string; readonly group?: boolean; readonly tree?: boolean },
  ): Promise<boolean>;
  /** Absolute path of an executable on PATH, or undefined. */
  which(name: string): Promise<string | undefined>;
  /** Resident memory of a pid in bytes (Linux), or undefined. */
  rssBytes(pid: number): Promise<number | undefined>;
}

/** Read-only view of the environment. */
export interface Env {
  get(name: string): string | undefined;
  toObject(): Readonly<Record<string, string>>;
}

/** A source of randomness in [0, 1), injected for jitter and names. */
export interface Random {
  next(): number;
}

/** Notifies about changes under some paths, coalesced (file events are lossy: rescan anyway). */
export interface FileWatcher {
  /**
   * Resolves at the next (coalesced) change with the paths that changed since the last call
   * (empty when the platform could not say), or rejects when the signal aborts.
   */
  next(signal?: AbortSignal): Promise<readonly string[]>;
  close(): void;
}

/** Starts watching paths that exist (missing ones are skipped); `coalesceMs` groups bursts. */
export type WatchPaths = (
  paths: readonly string[],
  options: { readonly coalesceMs: number },
) => FileWatcher;
