/**
 * Streams a release asset into a new staged file beside the install, hashing as it goes, and
 * refuses it on any deviation from the signed manifest (size, SHA-256), endless data or a stall.
 * The staged file is removed on every failure; retries happen only before the body starts.
 */
import { createHash } from "node:crypto";
import { dirname } from "node:path";
import type { BinaryFiles, Clock, Env, FileSystem, NewFile } from "../domain/mod.ts";
import * as say from "./_download_messages.ts";
import { hasCode } from "./_os_error.ts";

/** What to download, where to, and with what limits. */
export interface DownloadAssetOptions {
  /** Absolute URL of the asset (redirects are followed; no credentials are ever sent). */
  readonly url: string;
  /** Exact size in bytes from the signed manifest. */
  readonly size: number;
  /** SHA-256 (hex) from the signed manifest. */
  readonly sha256: string;
  /** Version being downloaded, for messages. */
  readonly version: string;
  /** New file to create in the install directory (see `stagedName`). */
  readonly stagedPath: string;
  readonly fetch: typeof fetch;
  readonly files: BinaryFiles;
  readonly fs: FileSystem;
  /** Read for the proxy named in network errors. */
  readonly env?: Env;
  /** Waits between retries (plain timers by default). */
  readonly clock?: Clock;
  /** No byte for this long aborts (default 30 s; the caller reads FORGE_UPDATE_STALL_TIMEOUT). */
  readonly stallTimeoutMs?: number;
  /** No response headers for this long counts as a failed attempt (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Extra attempts after a network error or 5xx before the body starts (default 2). */
  readonly retries?: number;
  /** First pause between attempts, doubled each time (default 1 s). */
  readonly retryDelayMs?: number;
  readonly onProgress?: (received: number, total: number) => void;
  /** Cancels the download (e.g. Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** Why a download was refused. */
export type DownloadFailureCode =
  | "verification"
  | "network"
  | "too-large"
  | "stalled"
  | "io"
  | "cancelled";

/** The outcome: a verified staged file, or why there is none. */
export type DownloadResult =
  | { readonly ok: true; readonly bytes: number; readonly sha256: string }
  | { readonly ok: false; readonly code: DownloadFailureCode; readonly message: string };

type Failure = Extract<DownloadResult, { ok: false }>;

function fail(code: DownloadFailureCode, message: string): Failure {
  return { ok: false, code, message };
}

interface Opened {
  readonly ok: true;
  readonly response: Response;
  readonly abort: AbortController;
}

const CANCELLED: Failure = {
  ok: false,
  code: "cancelled",
  message: "forge update: the download was cancelled; nothing was installed.",
};

/**
 * Downloads and verifies a release asset into `stagedPath` (created new, mode 0o700, fsynced).
 *
 * @param options URL, expected size and hash, staged path, ports and limits
 * @returns ok with the hash, or a failure whose message is ready for the user
 */
export async function downloadAsset(options: DownloadAssetOptions): Promise<DownloadResult> {
  const opened = await openResponse(options);
  if (!opened.ok) return opened;
  const declared = Number(opened.response.headers.get("content-length") ?? Number.NaN);
  if (declared > options.size) {
    await drop(opened);
    return fail("too-large", say.tooLargeMessage(options.version, options.size));
  }
  let file: NewFile;
  try {
    file = await options.files.createNew(options.stagedPath, 0o700);
  } catch (error) {
    await drop(opened);
    // Someone else's file of that name is not ours to remove.
    if (!hasCode(error, "EEXIST")) await options.fs.remove(options.stagedPath).catch(() => {});
    return ioFailure(options, error);
  }
  let result: DownloadResult;
  try {
    result = await streamInto(options, opened, file);
  } finally {
    file.close();
  }
  if (!result.ok) await options.fs.remove(options.stagedPath).catch(() => {});
  return result;
}

/** Abandons a response without reading its body. */
async function drop(opened: Opened): Promise<void> {
  opened.abort.abort();
  await opened.response.body?.cancel().catch(() => {});
}

function ioFailure(options: DownloadAssetOptions, error: unknown): Failure {
  return fail("io", say.writeFailedMessage(dirname(options.stagedPath), error));
}

async function openResponse(options: DownloadAssetOptions): Promise<Opened | Failure> {
  const retries = options.retries ?? 2;
  for (let attempt = 1;; attempt++) {
    if (options.signal?.aborted) return CANCELLED;
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, options.connectTimeoutMs ?? 10_000);
    const signal = options.signal === undefined
      ? abort.signal
      : AbortSignal.any([abort.signal, options.signal]);
    try {
      const response = await options.fetch(options.url, { signal, redirect: "follow" });
      if (response.ok) return { ok: true, response, abort };
      await response.body?.cancel().catch(() => {});
      if (response.status < 500 || attempt > retries) {
        const status = {
          status: response.status,
          statusText: response.statusText,
          attempts: attempt,
        };
        return fail("network", say.httpStatusMessage(options.url, status));
      }
    } catch (error) {
      if (options.signal?.aborted) return CANCELLED;
      if (attempt > retries) {
        const reason = timedOut
          ? `no response within ${say.seconds(options.connectTimeoutMs ?? 10_000)} s`
          : say.networkReason(error);
        const url = say.failedUrl(error, options.url);
        const proxy = options.env === undefined ? undefined : say.proxyFor(url, options.env);
        return fail("network", say.unreachableMessage(url, reason, proxy));
      }
    } finally {
      clearTimeout(timer);
    }
    await pause(options, (options.retryDelayMs ?? 1_000) * 2 ** (attempt - 1));
  }
}

async function pause(options: DownloadAssetOptions, ms: number): Promise<void> {
  if (options.clock !== undefined) {
    await options.clock.sleep(ms, options.signal).catch(() => {});
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, ms));
}

type Read = ReadableStreamReadResult<Uint8Array> | "stalled";

/** One read, or "stalled" when no bytes came within `ms`. */
async function readOrStall(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
): Promise<Read> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<"stalled">((resolve) => {
    timer = setTimeout(() => resolve("stalled"), ms);
  });
  const read = reader.read();
  read.catch(() => {}); // a read left pending by a stall rejects when the request is aborted
  try {
    return await Promise.race([read, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/** The next chunk, "end", or why the download stops here. */
async function nextChunk(
  options: DownloadAssetOptions,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  received: number,
): Promise<Uint8Array | "end" | Failure> {
  const { url, size } = options;
  const stallMs = options.stallTimeoutMs ?? 30_000;
  let next: Read;
  try {
    next = await readOrStall(reader, stallMs);
  } catch (error) {
    if (options.signal?.aborted) return CANCELLED;
    const progress = { received, size, reason: say.networkReason(error) };
    return fail("network", say.brokeOffMessage(url, progress));
  }
  if (next === "stalled") {
    return fail("stalled", say.stalledMessage(url, { stallMs, received, size }));
  }
  if (next.done) return "end";
  if (received + next.value.length > size) {
    return fail("too-large", say.tooLargeMessage(options.version, size));
  }
  return next.value;
}

async function streamInto(
  options: DownloadAssetOptions,
  opened: Opened,
  file: NewFile,
): Promise<DownloadResult> {
  const reader = opened.response.body?.getReader();
  const hash = createHash("sha256");
  let received = 0;
  try {
    while (reader !== undefined) {
      const chunk = await nextChunk(options, reader, received);
      if (chunk === "end") break;
      if (!(chunk instanceof Uint8Array)) return chunk;
      hash.update(chunk);
      received += chunk.length;
      await file.write(chunk);
      options.onProgress?.(received, options.size);
    }
    await file.sync();
  } catch (error) {
    return ioFailure(options, error);
  } finally {
    opened.abort.abort();
    await reader?.cancel().catch(() => {});
  }
  return verdict(options, received, hash.digest("hex"));
}

/** Size and SHA-256 against the signed manifest. */
function verdict(options: DownloadAssetOptions, received: number, actual: string): DownloadResult {
  const { url, size } = options;
  if (received !== size) {
    return fail("verification", say.shortBodyMessage(url, received, size));
  }
  const expected = options.sha256.toLowerCase();
  if (actual !== expected) {
    return fail("verification", say.checksumMessage(url, expected, actual));
  }
  return { ok: true, bytes: received, sha256: actual };
}
