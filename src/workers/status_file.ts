/**
 * Status files (`FORGE_HOME/status/<worker_id>.json`): a tolerant reader that turns anything a
 * launcher may write into a WorkerStatus (or an `error` worker with the reason), and an atomic
 * read-modify-write that keeps every key FORGE does not own.
 */
import {
  type FileSystem,
  ForgeError,
  type WorkerState,
  type WorkerStatus,
  WRITABLE_WORKER_STATES,
} from "../domain/mod.ts";
import { parseTimestamp, toIso, toWorkerId, WORKER_STATES } from "../domain/mod.ts";

/** Status files larger than this are refused as corrupt. */
export const MAX_STATUS_BYTES = 1024 * 1024;

/** The outcome of reading one status file. */
export type StatusRead =
  | { readonly kind: "ok"; readonly status: WorkerStatus; readonly warnings: readonly string[] }
  | { readonly kind: "error"; readonly status: WorkerStatus; readonly reason: string };

type Fields = Record<string, unknown>;

/**
 * Parses a status file's text. Never throws: unreadable content becomes an `error` worker named
 * after the file.
 *
 * @param text the file's contents
 * @param stem the file name without `.json` (the worker id)
 * @returns the status and warnings, or the error
 */
export function parseStatusFile(text: string, stem: string): StatusRead {
  if (text.trim() === "") return failed(stem, "status file is empty");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return failed(stem, `status file is not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return failed(stem, `status file must hold a JSON object, found ${describe(value)}`);
  }
  const raw = value as Fields;
  const warnings: string[] = [];
  const state = readState(raw, warnings);
  if (typeof state !== "string") return failed(stem, state.error, raw);
  readWorkerId(raw, stem, warnings);
  return {
    kind: "ok",
    status: {
      workerId: toWorkerId(stem),
      state,
      model: readString(raw, "model", warnings),
      workspace: readString(raw, "workspace", warnings),
      pid: readCount(raw, "pid", warnings),
      startedAt: readTime(raw, "started_at", warnings),
      lastActivity: readTime(raw, "last_activity", warnings) ??
        readTime(raw, "last_update", warnings),
      currentTask: readTask(raw, warnings),
      tasksCompleted: readCount(raw, "tasks_completed", warnings) ?? 0,
      pausedAt: readTime(raw, "paused_at", warnings),
      pauseReason: readString(raw, "pause_reason", warnings),
      stoppedAt: readTime(raw, "stopped_at", warnings),
      error: undefined,
      raw,
    },
    warnings,
  };
}

function readState(raw: Fields, warnings: string[]): WorkerState | { error: string } {
  const value = raw["status"];
  if (value === undefined || value === null) {
    warnings.push('status: missing, read as "idle"');
    return "idle";
  }
  if (typeof value !== "string") {
    return { error: `status must be a string, found ${describe(value)}` };
  }
  const lower = value.trim().toLowerCase();
  if (lower === "spawned") {
    warnings.push('status: "spawned" is a launcher output value, read as "starting"');
    return "starting";
  }
  if ((WRITABLE_WORKER_STATES as readonly string[]).includes(lower)) {
    if (lower !== value) warnings.push(`status: "${value}" should be lowercase "${lower}"`);
    return lower as WorkerState;
  }
  return {
    error: `unknown status "${value}" (expected one of ${WRITABLE_WORKER_STATES.join(", ")})`,
  };
}

function readWorkerId(raw: Fields, stem: string, warnings: string[]): void {
  const id = raw["worker_id"];
  if (id === undefined) warnings.push("worker_id: missing, the file name is used");
  else if (typeof id !== "string") {
    warnings.push(`worker_id: expected a string, found ${describe(id)}`);
  } else if (id !== stem) {
    warnings.push(`worker_id: "${id}" differs from the file name "${stem}"; the file name is used`);
  }
}

function readString(raw: Fields, key: string, warnings: string[]): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  warnings.push(`${key}: expected a string, found ${describe(value)}; ignored`);
  return undefined;
}

function readCount(raw: Fields, key: string, warnings: string[]): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) {
    warnings.push(`${key}: expected an integer, found the string "${value}"`);
    return Number(value);
  }
  warnings.push(`${key}: expected a non-negative integer, found ${describe(value)}; ignored`);
  return undefined;
}

function readTime(raw: Fields, key: string, warnings: string[]): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") {
    warnings.push(`${key}: expected an RFC 3339 timestamp, found ${describe(value)}; ignored`);
    return undefined;
  }
  const parsed = parseTimestamp(value);
  if (parsed === undefined) {
    warnings.push(`${key}: "${value}" is not an RFC 3339 timestamp; ignored`);
    return undefined;
  }
  if (parsed.naive) warnings.push(`${key}: "${value}" has no UTC offset; read as UTC`);
  return parsed.ms;
}

function readTask(raw: Fields, warnings: string[]): string | undefined {
  const value = raw["current_task"];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "object" && !Array.isArray(value)) {
    const id = (value as Fields)["bead_id"];
    if (typeof id === "string" && id !== "") return id;
    warnings.push("current_task: an object without a string bead_id; ignored");
    return undefined;
  }
  warnings.push(`current_task: expected null, a bead id or an object, found ${describe(value)}`);
  return undefined;
}

function failed(stem: string, reason: string, raw: Fields = {}): StatusRead {
  return { kind: "error", reason, status: errorStatus(stem, reason, raw) };
}

/**
 * An `error` worker for a status file that cannot be read.
 *
 * @param stem the file name without `.json`
 * @param reason why it cannot be read
 * @param raw what could be read of it
 * @returns a status in state `error`
 */
export function errorStatus(stem: string, reason: string, raw: Fields = {}): WorkerStatus {
  return {
    workerId: toWorkerId(stem),
    state: "error",
    model: typeof raw["model"] === "string" ? raw["model"] : undefined,
    workspace: typeof raw["workspace"] === "string" ? raw["workspace"] : undefined,
    pid: typeof raw["pid"] === "number" && raw["pid"] > 0 ? raw["pid"] : undefined,
    startedAt: undefined,
    lastActivity: undefined,
    currentTask: undefined,
    tasksCompleted: 0,
    pausedAt: undefined,
    pauseReason: undefined,
    stoppedAt: undefined,
    error: reason,
    raw,
  };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string "${value.slice(0, 40)}"`;
  return `a ${typeof value}`;
}

/**
 * Reads one status file, bounded in size.
 *
 * @param fs file access
 * @param path the file
 * @param stem its worker id
 * @returns the parsed status (an `error` status when unreadable)
 */
export async function readStatusFile(
  fs: FileSystem,
  path: string,
  stem: string,
): Promise<StatusRead> {
  return (await readStatusFileIfAny(fs, path, stem)) ??
    failed(stem, "status file does not exist");
}

/**
 * Reads one status file, bounded in size, when it exists.
 *
 * @param fs file access
 * @param path the file
 * @param stem its worker id
 * @returns the parsed status (an `error` status when unreadable), undefined when there is no file
 */
export async function readStatusFileIfAny(
  fs: FileSystem,
  path: string,
  stem: string,
): Promise<StatusRead | undefined> {
  try {
    const info = await fs.stat(path);
    if (info === undefined) return undefined;
    if (info.size > MAX_STATUS_BYTES) {
      return failed(
        stem,
        `status file is ${info.size} bytes, over the ${MAX_STATUS_BYTES}-byte limit`,
      );
    }
    return parseStatusFile(await fs.readTextFile(path), stem);
  } catch (error) {
    return failed(stem, `cannot read status file: ${(error as Error).message}`);
  }
}

/** Keys a rewrite never leaves as `null`. */
const NEVER_NULL = ["model", "workspace", "tasks_completed"] as const;

/** Changes FORGE makes to a status file; `null` removes a key. */
export type StatusPatch = Readonly<Record<string, string | number | null>>;

/**
 * The lock file that serialises writers of one status file: FORGE here, the built-in launchers
 * with `flock(1)` on the same file, so a pause is never lost to a worker's own rewrite.
 *
 * @param path the status file
 * @returns `<dir>/.<id>.lock`
 */
export function statusLockPath(path: string): string {
  const slash = path.lastIndexOf("/");
  return `${path.slice(0, slash + 1)}.${path.slice(slash + 1).replace(/\.json$/, "")}.lock`;
}

/**
 * Rewrites a status file atomically (temp + rename) under its lock, keeping unknown keys,
 * refreshing `last_activity`, and never writing nulls into required fields.
 *
 * @param fs file access
 * @param path the status file
 * @param options the changes and the current time
 * @throws {ForgeError} when the file is unreadable (FORGE will not overwrite what it cannot read)
 */
export async function updateStatusFile(
  fs: FileSystem,
  path: string,
  options: { readonly patch: StatusPatch; readonly now: number },
): Promise<void> {
  const lock = await fs.lock(statusLockPath(path));
  try {
    await rewriteStatus(fs, path, options);
  } finally {
    await lock.release();
  }
}

async function rewriteStatus(
  fs: FileSystem,
  path: string,
  options: { readonly patch: StatusPatch; readonly now: number },
): Promise<void> {
  const text = await fs.readTextFile(path);
  let raw: Fields;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new Error("not an object");
    }
    raw = { ...(parsed as Fields) };
  } catch (error) {
    throw new ForgeError("IO", `Cannot update status file "${path}": it is not a JSON object`, {
      cause: error,
      hint: "fix or delete the file; `forge validate status <file>` shows what is wrong",
    });
  }
  for (const [key, value] of Object.entries(options.patch)) {
    if (value === null) delete raw[key];
    else raw[key] = value;
  }
  // Readers of the reference implementation fail on null in these; absent is read as a default.
  for (const key of NEVER_NULL) if (raw[key] === null) delete raw[key];
  raw["last_activity"] = toIso(options.now);
  await fs.writeFileAtomic(path, `${JSON.stringify(raw, null, 2)}\n`);
}

/** Every status value, for help texts. */
export const STATUS_VALUES: readonly string[] = WORKER_STATES;
