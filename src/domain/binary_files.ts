/**
 * The BinaryFiles port: the few file operations that replacing FORGE's own binary needs and the
 * `FileSystem` port lacks (exclusive creation with fsync, directory fsync, a non-blocking lock
 * whose holder can describe itself, ownership). Implemented on Deno in `src/platform/`.
 *
 * Failures are thrown as the platform's errors, which carry a POSIX-style `code` ("EACCES",
 * "EEXIST", "ENOSPC", …) and a message naming the OS error; callers classify them by that.
 */

/** A file this process just created and alone writes to. */
export interface NewFile {
  /** Writes all of `bytes` at the current end. */
  write(bytes: Uint8Array): Promise<void>;
  /** Flushes the data and metadata to the disk (fsync). */
  sync(): Promise<void>;
  /** Closes the file; calling it again does nothing. */
  close(): void;
}

/** An exclusive advisory lock held through an open file; the OS drops it when the process dies. */
export interface HeldLock {
  /**
   * Replaces the lock file's content in place (same inode, so later takers still contend for
   * the same lock), e.g. with who holds it.
   */
  writeContent(text: string): Promise<void>;
  /** Empties the lock file, unlocks and closes it; calling it again does nothing. */
  release(): Promise<void>;
}

/** Who owns a path and how many names it has. Fields are undefined where the OS has no notion. */
export interface FileOwnership {
  readonly uid: number | undefined;
  readonly gid: number | undefined;
  /** Number of hard links (names) of the file. */
  readonly nlink: number | undefined;
}

/** File operations for installing, keeping and swapping executables. */
export interface BinaryFiles {
  /**
   * Resolves every symlink and relative part of a path.
   *
   * @throws the platform's error (code ENOENT, …) when a part is missing
   */
  realPath(path: string): Promise<string>;
  /**
   * Creates a file that must not exist yet, with permission bits `mode` (Unix).
   *
   * @throws the platform's error (code EEXIST when it exists, EACCES, EROFS, ENOSPC, …)
   */
  createNew(path: string, mode: number): Promise<NewFile>;
  /**
   * Flushes a directory's entries to disk (after a rename into it). Best effort.
   *
   * @returns false where the platform or file system cannot (Windows, some network mounts)
   */
  syncDir(path: string): Promise<boolean>;
  /**
   * Takes an exclusive advisory lock on a lock file (created if missing) without waiting.
   *
   * @returns the held lock, or undefined when another holder has it
   */
  tryLock(path: string): Promise<HeldLock | undefined>;
  /** Owner and link count of a path (following symlinks); undefined when it does not exist. */
  ownership(path: string): Promise<FileOwnership | undefined>;
  /** The user id of this process; undefined on Windows. */
  uid(): number | undefined;
  /**
   * Changes a file's owner. Best effort: only root may, and only on Unix.
   *
   * @returns whether it changed
   */
  chown(path: string, uid: number, gid: number): Promise<boolean>;
}
