/**
 * Fetches the signed release metadata: `manifest.json` and its `.sig`, and `keys.json` (+ `.sig`)
 * beside it when published. Uses the ETag / Last-Modified of the last fetch (a 304 reuses the
 * cached copy, which is verified again like a fresh one), reads at most 1 MiB per file, times out,
 * backs off on a rate limit until its reset, and names the host and proxy when the network fails.
 */
import { failedUrl, networkReason, proxyFor, unreachableMessage } from "./_download_messages.ts";
import type { UpdateState } from "./update_state.ts";

/** The metadata as fetched (not yet verified). */
export interface FetchedRelease {
  readonly url: string;
  /** The exact bytes the signature covers. */
  readonly manifest: Uint8Array;
  readonly signature: string;
  readonly keys?: Uint8Array;
  readonly keysSignature?: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly fromCache: boolean;
}

/** Why nothing usable came back. */
export type FetchFailure = {
  readonly ok: false;
  readonly kind: "network" | "http" | "rate-limited" | "too-large";
  readonly message: string;
  readonly rateLimitedUntil?: number;
};

/** What fetchRelease() needs. */
export interface FetchReleaseOptions {
  readonly url: string;
  readonly fetch: typeof fetch;
  readonly cache: UpdateState["cache"];
  /** Proxy variables, for messages (fetch itself honours them). */
  readonly env: (name: string) => string | undefined;
  readonly now: number;
  readonly timeoutMs?: number;
}

/** Largest metadata file read. */
export const MAX_METADATA_BYTES = 1024 * 1024;

class Stop extends Error {
  constructor(readonly failure: FetchFailure) {
    super(failure.message);
  }
}

/**
 * Fetches the manifest, its signature and the key set.
 *
 * @param options URL, fetch, cache, environment and clock
 * @returns the files, or why not
 */
export async function fetchRelease(
  options: FetchReleaseOptions,
): Promise<{ readonly ok: true; readonly release: FetchedRelease } | FetchFailure> {
  try {
    return { ok: true, release: await fetchAll(options) };
  } catch (error) {
    if (error instanceof Stop) return error.failure;
    throw error;
  }
}

async function fetchAll(o: FetchReleaseOptions): Promise<FetchedRelease> {
  const cache = o.cache?.url === o.url ? o.cache : undefined;
  const headers: Record<string, string> = {};
  if (cache?.etag !== undefined) headers["if-none-match"] = cache.etag;
  if (cache?.lastModified !== undefined) headers["if-modified-since"] = cache.lastModified;
  const response = await get(o, o.url, headers);
  if (response.status === 304 && cache !== undefined) {
    await response.body?.cancel();
    return {
      url: o.url,
      manifest: fromBase64(cache.manifest),
      signature: cache.signature,
      ...(cache.keys === undefined ? {} : { keys: fromBase64(cache.keys) }),
      ...(cache.keysSignature === undefined ? {} : { keysSignature: cache.keysSignature }),
      ...(cache.etag === undefined ? {} : { etag: cache.etag }),
      ...(cache.lastModified === undefined ? {} : { lastModified: cache.lastModified }),
      fromCache: true,
    };
  }
  const manifest = await bodyOf(o, o.url, response);
  const signature = text(await bodyOf(o, `${o.url}.sig`, await get(o, `${o.url}.sig`, {})));
  const keysUrl = new URL("keys.json", o.url).href;
  const keysResponse = await get(o, keysUrl, {}, { missingOk: true });
  const keys = keysResponse === undefined ? undefined : await bodyOf(o, keysUrl, keysResponse);
  const keysSignature = keys === undefined
    ? undefined
    : text(await bodyOf(o, `${keysUrl}.sig`, await get(o, `${keysUrl}.sig`, {})));
  const etag = response.headers.get("etag") ?? undefined;
  const lastModified = response.headers.get("last-modified") ?? undefined;
  return {
    url: o.url,
    manifest,
    signature,
    ...(keys === undefined ? {} : { keys }),
    ...(keysSignature === undefined ? {} : { keysSignature }),
    ...(etag === undefined ? {} : { etag }),
    ...(lastModified === undefined ? {} : { lastModified }),
    fromCache: false,
  };
}

async function get(
  o: FetchReleaseOptions,
  url: string,
  headers: Record<string, string>,
): Promise<Response>;
async function get(
  o: FetchReleaseOptions,
  url: string,
  headers: Record<string, string>,
  options: { readonly missingOk: true },
): Promise<Response | undefined>;
async function get(
  o: FetchReleaseOptions,
  url: string,
  headers: Record<string, string>,
  options: { readonly missingOk?: boolean } = {},
): Promise<Response | undefined> {
  let response: Response;
  try {
    response = await o.fetch(url, {
      headers,
      redirect: "follow",
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new Stop({ ok: false, kind: "network", message: networkMessage(o, url, error) });
  }
  if (response.status === 304) return response;
  if ((response.status === 403 || response.status === 429) && rateLimited(response)) {
    await response.body?.cancel();
    throw new Stop(rateLimitFailure(o, response));
  }
  if (options.missingOk === true && response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Stop({
      ok: false,
      kind: "http",
      message:
        `forge update: ${url} answered HTTP ${response.status} ${response.statusText}`.trim() +
        ". Nothing was downloaded; try again later, or check FORGE_UPDATE_BASE_URL if you set it.",
    });
  }
  return response;
}

async function bodyOf(
  o: FetchReleaseOptions,
  url: string,
  response: Response,
): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_METADATA_BYTES) {
        await reader.cancel();
        throw new Stop({
          ok: false,
          kind: "too-large",
          message:
            `forge update: ${url} is larger than 1 MiB; release metadata never is, so it was not read. Nothing was downloaded.`,
        });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Stop) throw error;
    throw new Stop({ ok: false, kind: "network", message: networkMessage(o, url, error) });
  }
  return concat(chunks, size);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function rateLimited(response: Response): boolean {
  return response.headers.get("x-ratelimit-remaining") === "0" || response.status === 429;
}

function rateLimitFailure(o: FetchReleaseOptions, response: Response): FetchFailure {
  const reset = Number(response.headers.get("x-ratelimit-reset"));
  const after = Number(response.headers.get("retry-after"));
  const until = Number.isFinite(reset) && reset > 0
    ? reset * 1000
    : o.now + (Number.isFinite(after) && after > 0 ? after * 1000 : 3_600_000);
  const minutes = Math.max(1, Math.ceil((until - o.now) / 60_000));
  const clock = new Date(until).toISOString().slice(11, 16);
  return {
    ok: false,
    kind: "rate-limited",
    rateLimitedUntil: until,
    message:
      `forge update: the release server's rate limit was reached (HTTP ${response.status}). It resets at ${clock} UTC (in ${minutes} min); forge will not ask again before then.`,
  };
}

function networkMessage(o: FetchReleaseOptions, url: string, error: unknown): string {
  const failed = failedUrl(error, url);
  const timedOut = error instanceof DOMException && error.name === "TimeoutError";
  const proxy = proxyFor(failed, { get: o.env });
  return unreachableMessage(failed, timedOut ? "timed out" : networkReason(error), proxy);
}

/** A signature file's text (they are small JSON documents; a bad one fails verification). */
function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/**
 * Base64 of bytes, for keeping the exact manifest in the state file.
 *
 * @param bytes the bytes
 * @returns base64
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(); // a damaged cache fails verification and is fetched again next time
  }
}
