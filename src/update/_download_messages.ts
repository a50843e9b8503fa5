/**
 * The words of `downloadAsset()`'s failures (spec/self-update.md §5 rows 4, 5, 6, 11 and 25):
 * each says what happened, with the numbers, and that nothing was installed.
 */
import type { Env } from "../domain/mod.ts";
import { describeOsError } from "./_os_error.ts";

/** How the offline alternative is spelled in network errors. */

/**
 * Formats a byte count for people: "12.4 MiB", "3.0 KiB", "512 bytes".
 *
 * @param bytes a count
 * @returns the text
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/**
 * Formats a duration in seconds: "30" for 30 000 ms, "0.3" for 300 ms.
 *
 * @param ms milliseconds
 * @returns the number of seconds as text
 */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function shortHash(hex: string): string {
  return `${hex.slice(0, 8)}…`;
}

/** The asset's file name, for messages: the last path segment of its URL. */
export function assetName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split("/").pop() ?? url) || url;
}

/** Row 5: more bytes than the manifest declares. */
export function tooLargeMessage(version: string, size: number): string {
  return `forge update: the server sent more data than the manifest declares for forge ${version} ` +
    `(limit ${size.toLocaleString("en-US")} bytes). Download aborted; nothing was installed.`;
}

/** Row 6: no bytes for the stall timeout. */
export function stalledMessage(
  url: string,
  progress: { readonly stallMs: number; readonly received: number; readonly size: number },
): string {
  return `forge update: download stalled for ${seconds(progress.stallMs)} s at ${
    formatBytes(progress.received)
  } of ${
    formatBytes(progress.size)
  } (${url}). Check your connection and retry; nothing was installed.`;
}

/** Row 4: the bytes are not the ones the manifest signed. */
export function checksumMessage(url: string, expected: string, actual: string): string {
  return `forge update: checksum mismatch for ${assetName(url)} (expected ${
    shortHash(expected)
  }, ` +
    `got ${shortHash(actual)}). The download was discarded; nothing was installed.`;
}

/** Row 4 (size): the body ended before the declared size. */
export function shortBodyMessage(url: string, received: number, size: number): string {
  return `forge update: size mismatch for ${assetName(url)} (expected ${
    size.toLocaleString("en-US")
  } bytes, got ${
    received.toLocaleString("en-US")
  }). The download was discarded; nothing was installed.`;
}

/** Row 11: the staged file could not be written. */
export function writeFailedMessage(dir: string, error: unknown): string {
  return `forge update: could not write to ${dir} (${
    describeOsError(error)
  }). Nothing was installed; temporary files were removed.`;
}

/** The connection broke after the body started (never resumed: the file is unverified). */
export function brokeOffMessage(
  url: string,
  progress: { readonly received: number; readonly size: number; readonly reason: string },
): string {
  return `forge update: the download of ${url} broke off at ${formatBytes(progress.received)} of ${
    formatBytes(progress.size)
  } (${progress.reason}). Check your connection and retry; nothing was installed.`;
}

/** The server answered with an error status. */
export function httpStatusMessage(
  url: string,
  response: { readonly status: number; readonly statusText: string; readonly attempts: number },
): string {
  const text = response.statusText === "" ? "" : ` ${response.statusText}`;
  const tries = response.attempts > 1 ? ` after ${response.attempts} attempts` : "";
  const busy = response.status >= 500 ? " The server may be busy; retry later." : "";
  return `forge update: could not download ${url} (HTTP ${response.status}${text}${tries}).${busy} ` +
    `Nothing was installed.`;
}

/** Row 25: no connection; names the host and the proxy in use. */
export function unreachableMessage(url: string, reason: string, proxy: string | undefined): string {
  const via = proxy === undefined ? "" : ` via proxy ${proxy}`;
  return `forge update: could not reach ${new URL(url).origin} (${reason}${via}). ` +
    `Check your network or HTTPS_PROXY; behind a TLS-inspecting proxy set ` +
    `DENO_TLS_CA_STORE=system. Offline: forge update --from-file <binary> --manifest ` +
    `<manifest.json>`;
}

/**
 * Says why a fetch failed in a few words, from the error and its causes.
 *
 * @param error what fetch threw
 * @returns e.g. "connection refused", "host not found"
 */
export function networkReason(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 5;) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  const text = parts.join(": ");
  if (/connection refused/i.test(text)) return "connection refused";
  if (/dns error|failed to lookup|name or service not known|no such host/i.test(text)) {
    return "host not found";
  }
  if (/certificate/i.test(text)) return "TLS certificate not trusted";
  if (/tls|ssl|handshake/i.test(text)) return "TLS handshake failed";
  if (/reset/i.test(text)) return "connection reset";
  if (/timed? ?out/i.test(text)) return "timed out";
  const last = parts[parts.length - 1] ?? "unknown error";
  return last.length > 120 ? `${last.slice(0, 117)}…` : last;
}

/**
 * The URL a failed `fetch` was sending to, which after a redirect is not the one asked for (a
 * release page that redirects to a blocked CDN must not be reported as unreachable itself).
 *
 * @param error what fetch threw (Deno names the URL in the cause)
 * @param requested the URL asked for, when the error names none
 * @returns the URL that could not be reached
 */
export function failedUrl(error: unknown, requested: string): string {
  let e: unknown = error;
  for (let depth = 0; e !== undefined && depth < 5; depth++) {
    const text = e instanceof Error ? e.message : String(e);
    const named = /error sending request for url \((\S+?)\)/.exec(text)?.[1];
    if (named !== undefined && URL.canParse(named)) return new URL(named).href;
    e = e instanceof Error ? e.cause : undefined;
  }
  return requested;
}

/**
 * The proxy `fetch` uses for a URL (HTTPS_PROXY/HTTP_PROXY, honouring NO_PROXY), without any
 * credentials in it, for messages.
 *
 * @param url the request URL
 * @param env the environment
 * @returns the proxy URL, or undefined when none applies
 */
export function proxyFor(url: string, env: Pick<Env, "get">): string | undefined {
  const target = new URL(url);
  const names = target.protocol === "https:"
    ? ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
    : ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];
  const proxy = names.map((n) => env.get(n)).find((v) => v !== undefined && v !== "");
  if (proxy === undefined) return undefined;
  const noProxy = (env.get("NO_PROXY") ?? env.get("no_proxy") ?? "").split(",").map((s) =>
    s.trim().toLowerCase()
  ).filter((s) => s !== "");
  const host = target.hostname.toLowerCase();
  const bypass = noProxy.some((entry) =>
    entry === "*" || host === entry.replace(/^\./, "") ||
    host.endsWith(`.${entry.replace(/^\./, "")}`)
  );
  if (bypass) return undefined;
  try {
    const parsed = new URL(proxy);
    parsed.username = "";
    parsed.password = "";
    return parsed.href.replace(/\/$/, "");
  } catch {
    return "(unparsable proxy setting)";
  }
}
