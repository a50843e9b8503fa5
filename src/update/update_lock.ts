/**
 * One update (or rollback) at a time: an exclusive advisory lock on `<stateDir>/update.lock`.
 * The OS drops it when the holder dies, so a killed update never blocks the next one; the file
 * says who holds it, for the refusal message.
 */
import { join } from "node:path";
import type { BinaryFiles, Clock, FileSystem, HeldLock } from "../domain/mod.ts";
import { describeOsError } from "./_os_error.ts";

/** Who takes the lock, for what. */
export interface UpdateLockOptions {
  /** FORGE's state directory (created if missing). */
  readonly stateDir: string;
  readonly files: BinaryFiles;
  readonly fs: FileSystem;
  readonly clock: Clock;
  /** This process. */
  readonly pid: number;
  /** Version installed now. */
  readonly from: string;
  /** Version being installed, when known. */
  readonly to?: string;
  /** Default "update". */
  readonly command?: "update" | "rollback";
}

/** What the lock file records about its holder. */
export interface LockHolder {
  readonly pid: number;
  readonly started_at: string;
  readonly from: string;
  readonly to?: string;
  readonly command: "update" | "rollback";
}

/** The held lock. */
export interface UpdateLock {
  /** Lets the next update in; calling it again does nothing. */
  release(): Promise<void>;
}

/** Taken, or the row 17 refusal (with the holder, when it could be read). */
export type UpdateLockResult =
  | { readonly ok: true; readonly lock: UpdateLock }
  | { readonly ok: false; readonly message: string; readonly holder: LockHolder | undefined };

/**
 * Path of the update lock.
 *
 * @param stateDir FORGE's state directory
 * @returns the lock file's path
 */
export function updateLockPath(stateDir: string): string {
  return join(stateDir, "update.lock");
}

/**
 * Takes the update lock without waiting.
 *
 * @param options state directory, ports and who is taking it
 * @returns the lock, or a refusal message naming the running update
 */
export async function acquireUpdateLock(options: UpdateLockOptions): Promise<UpdateLockResult> {
  const command = options.command ?? "update";
  const path = updateLockPath(options.stateDir);
  let held: HeldLock | undefined;
  try {
    await options.fs.mkdirp(options.stateDir, 0o700);
    held = await options.files.tryLock(path);
  } catch (error) {
    return {
      ok: false,
      message: `forge ${command}: cannot take the update lock ${path} (${describeOsError(error)}).`,
      holder: undefined,
    };
  }
  if (held === undefined) {
    const holder = await readHolder(options.fs, path);
    return { ok: false, message: busyMessage(command, holder, options.clock.now()), holder };
  }
  const record: LockHolder = {
    pid: options.pid,
    started_at: new Date(options.clock.now()).toISOString(),
    from: options.from,
    ...(options.to === undefined ? {} : { to: options.to }),
    command,
  };
  await held.writeContent(`${JSON.stringify(record)}\n`).catch(() => {});
  const lock = held;
  return { ok: true, lock: { release: () => lock.release() } };
}

async function readHolder(fs: FileSystem, path: string): Promise<LockHolder | undefined> {
  try {
    const value: unknown = JSON.parse(await fs.readTextFile(path));
    if (typeof value !== "object" || value === null) return undefined;
    const { pid, started_at, from, to, command } = value as Record<string, unknown>;
    if (typeof pid !== "number" || typeof started_at !== "string") return undefined;
    return {
      pid,
      started_at,
      from: typeof from === "string" ? from : "",
      ...(typeof to === "string" ? { to } : {}),
      command: command === "rollback" ? "rollback" : "update",
    };
  } catch {
    // Being written this instant, or unreadable while locked (Windows locks are mandatory).
    return undefined;
  }
}

function busyMessage(command: string, holder: LockHolder | undefined, now: number): string {
  const running = `forge ${command}: another forge ${
    holder?.command ?? "update"
  } is already running`;
  const rest = "Wait for it to finish and try again.";
  if (holder === undefined) return `${running}. ${rest}`;
  const started = Date.parse(holder.started_at);
  const when = Number.isNaN(started) ? "" : `, started ${ago(now - started)}`;
  return `${running} (pid ${holder.pid}${when}). ${rest}`;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}
