/**
 * The update journal (`<stateDir>/update-journal.json`, written atomically) records how far an
 * update or rollback got, so the next start can finish or undo one that was killed: before the
 * swap the old binary is intact (drop the staged file); after a Unix swap the target is whole
 * (check which version it is); on Windows between the two renames the target is missing (rename
 * the aside back, or print how to).
 */
import { basename, join } from "node:path";
import type { BinaryFiles, FileSystem } from "../domain/mod.ts";
import { sha256OfFile } from "./_file_hash.ts";
import { windowsReason } from "./_os_error.ts";
import { updateLockPath } from "./update_lock.ts";

/** How far an update got: staged (downloaded, verified), swap (renaming), swapped, done. */
export type UpdatePhase = "staged" | "swap" | "swapped" | "done";

/** One update or rollback in progress. */
export interface UpdateJournal {
  readonly phase: UpdatePhase;
  readonly command: "update" | "rollback";
  readonly platform: "unix" | "windows";
  readonly from: string;
  readonly to: string;
  /** The real file being replaced. */
  readonly target: string;
  readonly staged: string;
  /** Windows: where the old binary is moved (named before the first rename). */
  readonly aside?: string;
  /** The kept copy of the old binary. */
  readonly backup: string;
  /** SHA-256 of the new binary. */
  readonly sha256: string;
  /** SHA-256 of the old binary. */
  readonly from_sha256: string;
  readonly pid: number;
  /** ISO 8601. */
  readonly started_at: string;
}

/** What startup repair did. */
export type RepairOutcome =
  | { readonly kind: "none" }
  | { readonly kind: "busy" }
  | { readonly kind: "repaired" | "finished"; readonly installed: string; readonly message: string }
  | { readonly kind: "discarded" | "failed"; readonly message: string };

/**
 * Path of the journal.
 *
 * @param stateDir FORGE's state directory
 * @returns the journal's path
 */
export function journalPath(stateDir: string): string {
  return join(stateDir, "update-journal.json");
}

/**
 * Records a phase (atomically: a reader sees the old or the new record, never half).
 *
 * @param fs file access
 * @param entry FORGE's state directory and the record
 */
export async function writeJournal(
  fs: FileSystem,
  entry: { readonly stateDir: string; readonly journal: UpdateJournal },
): Promise<void> {
  const { stateDir, journal } = entry;
  await fs.mkdirp(stateDir, 0o700);
  await fs.writeFileAtomic(journalPath(stateDir), `${JSON.stringify(journal, null, 2)}\n`, {
    mode: 0o600,
  });
}

/**
 * Deletes the journal (the update is over); fine when there is none.
 *
 * @param fs file access
 * @param stateDir FORGE's state directory
 */
export async function deleteJournal(fs: FileSystem, stateDir: string): Promise<void> {
  await fs.remove(journalPath(stateDir));
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Reads the journal.
 *
 * @param fs file access
 * @param stateDir FORGE's state directory
 * @returns the record, undefined when there is none, or "invalid" when it cannot be understood
 */
export async function readJournal(
  fs: FileSystem,
  stateDir: string,
): Promise<UpdateJournal | undefined | "invalid"> {
  let value: unknown;
  try {
    value = JSON.parse(await fs.readTextFile(journalPath(stateDir)));
  } catch {
    return (await fs.stat(journalPath(stateDir))) === undefined ? undefined : "invalid";
  }
  if (typeof value !== "object" || value === null) return "invalid";
  const j = value as Record<string, unknown>;
  const strings = ["from", "to", "target", "staged", "backup", "started_at"].every((k) =>
    typeof j[k] === "string"
  );
  const valid = strings && ["staged", "swap", "swapped", "done"].includes(j.phase as string) &&
    (j.command === "update" || j.command === "rollback") &&
    (j.platform === "unix" || j.platform === "windows") &&
    (j.aside === undefined || typeof j.aside === "string") && typeof j.pid === "number" &&
    HEX64.test(String(j.sha256)) && HEX64.test(String(j.from_sha256));
  return valid ? (value as UpdateJournal) : "invalid";
}

/** How to repair. */
export interface RepairOptions {
  readonly stateDir: string;
  readonly fs: FileSystem;
  readonly files: BinaryFiles;
  /** True when the caller already holds the update lock (e.g. `forge update` itself). */
  readonly lockHeld?: boolean;
}

/**
 * Finishes or undoes an interrupted update at startup. Does nothing while another update holds
 * the lock. A journal that cannot be acted on is kept, so the next start tries again.
 *
 * @param options state directory and ports
 * @returns what was found and done, with the message to print
 */
export async function repairUpdate(options: RepairOptions): Promise<RepairOutcome> {
  const { fs, stateDir } = options;
  if ((await fs.stat(journalPath(stateDir))) === undefined) return { kind: "none" };
  const lock = options.lockHeld === true
    ? undefined
    : await options.files.tryLock(updateLockPath(stateDir));
  if (options.lockHeld !== true && lock === undefined) return { kind: "busy" };
  try {
    // Read under the lock: an update that just finished may have changed or removed it.
    const journal = await readJournal(fs, stateDir);
    if (journal === undefined) return { kind: "none" };
    if (journal === "invalid") {
      await deleteJournal(fs, stateDir);
      return {
        kind: "discarded",
        message:
          `forge: removed an unreadable update journal (${journalPath(stateDir)}). If forge ` +
          "misbehaves, reinstall it.",
      };
    }
    const outcome = journal.phase === "done"
      ? { kind: "none" as const }
      : journal.phase === "staged"
      ? "old"
      : journal.platform === "windows"
      ? await inspectWindows(fs, journal)
      : await inspectUnix(fs, journal);
    if (typeof outcome !== "string") {
      if (outcome.kind !== "failed") await deleteJournal(fs, stateDir);
      return outcome;
    }
    await fs.remove(journal.staged).catch(() => {});
    await deleteJournal(fs, stateDir);
    return outcome === "old" ? repaired(journal) : finished(journal);
  } finally {
    await lock?.release();
  }
}

function what(j: UpdateJournal): string {
  return `an interrupted ${j.command} (${j.from} → ${j.to})`;
}

function repaired(j: UpdateJournal): RepairOutcome {
  return {
    kind: "repaired",
    installed: j.from,
    message: `forge: repaired ${what(j)} at startup; forge ${j.from} is installed. Run 'forge ` +
      `${j.command}' to try again.`,
  };
}

function finished(j: UpdateJournal): RepairOutcome {
  return {
    kind: "finished",
    installed: j.to,
    message: `forge: finished ${what(j)} at startup; forge ${j.to} is installed.`,
  };
}

/** Unix: rename is atomic, so the target is one version or the other; the hash says which. */
async function inspectUnix(
  fs: FileSystem,
  j: UpdateJournal,
): Promise<"old" | "new" | RepairOutcome> {
  const hash = await sha256OfFile(fs, j.target).catch(() => undefined);
  if (hash === j.sha256) return "new";
  if (hash === j.from_sha256) return "old";
  return {
    kind: "failed",
    message:
      `forge: ${what(j)} left ${j.target} ${
        hash === undefined ? "missing" : "matching neither version"
      }. ` +
      `Manual recovery: copy ${j.backup} to ${j.target}`,
  };
}

/** Windows: the target may be missing between the two renames; put the old one back. */
async function inspectWindows(
  fs: FileSystem,
  j: UpdateJournal,
): Promise<"old" | "new" | RepairOutcome> {
  if ((await fs.stat(j.target)) !== undefined) {
    return (await fs.stat(j.staged)) === undefined ? "new" : "old";
  }
  const name = basename(j.target);
  if (j.aside === undefined || (await fs.stat(j.aside)) === undefined) {
    return {
      kind: "failed",
      message: `forge: ${what(j)} left ${j.target} missing. Manual recovery: rename ${j.staged} ` +
        `to ${name}, or copy ${j.backup} to ${j.target}`,
    };
  }
  try {
    await fs.rename(j.aside, j.target);
    return "old";
  } catch (error) {
    return {
      kind: "failed",
      message: `forge: ${what(j)} left ${j.target} missing, and putting it back failed ` +
        `(${windowsReason(error)}). Manual recovery: rename ${j.aside} to ${name}`,
    };
  }
}
