/**
 * Serialises claims (and every other bead change FORGE makes) per workspace with a lock file,
 * `.beads/.forge-claim.lock`, shared by every FORGE process and launcher on the machine.
 *
 * Exclusive creation is built from the FileSystem port's append: a contender appends its token
 * to the lock file only when the file is absent, then reads it back; the writer of the first line
 * owns the lock. Appends are atomic for lines this short, so two contenders racing on a missing
 * file both read the same first line and exactly one wins, the same guarantee as
 * `O_CREAT|O_EXCL` without a new port method. A lock older than `staleMs` (its owner crashed) is
 * broken.
 */
import { join } from "node:path";
import type { Clock, FileSystem } from "../domain/mod.ts";
import { errorMessage, ForgeError } from "../domain/mod.ts";

/** The lock file's name inside `.beads/`. */
export const CLAIM_LOCK_FILE = ".forge-claim.lock";

/** Lock settings. */
export interface ClaimLockOptions {
  readonly fs: FileSystem;
  readonly clock: Clock;
  /** A lock held longer than this is taken as abandoned and broken (default 60 s). */
  readonly staleMs?: number;
  /** How long to wait for a live lock before giving up (default 90 s). */
  readonly waitMs?: number;
}

/**
 * Runs `body` while holding the workspace's claim lock.
 *
 * @param beadsDir the `.beads` directory (it must exist)
 * @param body the work to do under the lock
 * @param options file access, clock and timings
 * @returns what `body` returns
 * @throws {ForgeError} code CONFLICT when the lock stays held past `waitMs`
 */
export async function withClaimLock<T>(
  beadsDir: string,
  body: () => Promise<T>,
  options: ClaimLockOptions,
): Promise<T> {
  const path = join(beadsDir, CLAIM_LOCK_FILE);
  const token = await acquire(path, options);
  try {
    return await body();
  } finally {
    if ((await firstLine(options.fs, path)) === token) await options.fs.remove(path);
  }
}

async function acquire(path: string, options: ClaimLockOptions): Promise<string> {
  const { fs, clock } = options;
  const started = clock.now();
  let pause = 5;
  while (true) {
    const holder = await firstLine(fs, path);
    if (holder === undefined) {
      const token = `${clock.now()} ${crypto.randomUUID()}`;
      await fs.writeTextFile(path, `${token}\n`, { append: true }).catch((error: unknown) => {
        throw new ForgeError("IO", `Cannot lock beads "${path}": ${errorMessage(error)}`, {
          cause: error,
          hint: "Check that the workspace has a writable .beads/ directory.",
        });
      });
      if ((await firstLine(fs, path)) === token) return token;
    } else if (await isStale(path, holder, options)) {
      // Only remove the lock we judged stale, not one taken since.
      if ((await firstLine(fs, path)) === holder) await fs.remove(path);
      continue;
    }
    if (clock.now() - started > (options.waitMs ?? 90_000)) {
      throw new ForgeError(
        "CONFLICT",
        `Cannot lock beads "${path}": another claim has held it for over ${
          Math.round((clock.now() - started) / 1000)
        } s`,
        { hint: `If no FORGE or launcher is changing beads here, delete ${path}.` },
      );
    }
    await clock.sleep(pause);
    pause = Math.min(pause * 2, 100);
  }
}

/** The lock's first line (its owner's token), or undefined when there is no lock. */
async function firstLine(fs: FileSystem, path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await fs.readTextFile(path);
  } catch {
    return undefined;
  }
  const nl = text.indexOf("\n");
  return nl === -1 ? text : text.slice(0, nl);
}

async function isStale(path: string, holder: string, options: ClaimLockOptions): Promise<boolean> {
  let since = Number(holder.split(" ")[0]);
  if (!Number.isFinite(since) || holder === "") {
    since = (await options.fs.stat(path))?.mtimeMs ?? options.clock.now();
  }
  return options.clock.now() - since > (options.staleMs ?? 60_000);
}
