/**
 * Drives Debian's Chromium headless over the DevTools protocol, with no npm dependency: starts
 * `chromium` (or `chromium-browser`) on a throw-away profile with the DevTools port on 0, reads
 * the DevTools WebSocket address from its stderr, and speaks CDP over Deno's own WebSocket
 * (one connection, flattened sessions). Waiting is polling with a timeout, never a fixed sleep.
 * Disposing the browser closes it, kills it when it does not go, and removes the profile.
 *
 * Without a Chromium binary, launchChromium() fails with a message saying how to get one: the
 * browser tests must fail on a machine without it, never skip silently.
 */
import { join } from "node:path";
import { waitFor } from "../helpers/wait.ts";
import { Cdp, CdpError, type Listener, type Params } from "./_cdp.ts";

export { CdpError };

const NAMES = ["chromium", "chromium-browser"];

/** Where to look for Chromium: PATH, and CHROMIUM_BIN which wins when set. */
export interface ChromiumLookup {
  readonly PATH?: string | undefined;
  readonly CHROMIUM_BIN?: string | undefined;
}

/**
 * Finds the Chromium binary: CHROMIUM_BIN when set, else chromium or chromium-browser on PATH.
 *
 * @param env where to look (default: this process's environment)
 * @returns its path
 * @throws {Error} when there is none, saying how to install it
 */
export async function findChromium(env: ChromiumLookup = Deno.env.toObject()): Promise<string> {
  if (env.CHROMIUM_BIN !== undefined && env.CHROMIUM_BIN !== "") return env.CHROMIUM_BIN;
  for (const dir of (env.PATH ?? "").split(":").filter((d) => d !== "")) {
    for (const name of NAMES) {
      const path = join(dir, name);
      const info = await Deno.stat(path).catch(() => undefined);
      if (info?.isFile === true) return path;
    }
  }
  throw new Error(
    "Cannot start Chromium for the status page's browser tests: neither chromium nor " +
      "chromium-browser is on PATH. .ci/run installs it (apt package chromium); on a dev " +
      "machine run: sudo apt-get install chromium (or set CHROMIUM_BIN to a Chromium binary)",
  );
}

/** How long one wait may take unless told otherwise. */
const DEFAULT_TIMEOUT_MS = 15_000;

/** A tab of the headless browser. */
export interface BrowserPage {
  /** Loads a URL and waits for its load event. */
  navigate(url: string, options?: { readonly timeoutMs?: number }): Promise<void>;
  /** Evaluates an expression in the page (promises awaited) and returns its value as JSON. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Polls an expression until it is truthy; fails with `what` after the timeout. */
  waitFor<T = unknown>(
    expression: string,
    options: { readonly what: string; readonly timeoutMs?: number },
  ): Promise<T>;
  /** A PNG of the viewport, or of the whole page. */
  screenshot(options?: { readonly fullPage?: boolean }): Promise<Uint8Array>;
  /** Emulates a screen: CSS pixels, and whether it is a phone. */
  setViewport(width: number, height: number, mobile?: boolean): Promise<void>;
  /** Turns the page's JavaScript off (or on again); takes effect on the next load. */
  setScriptsEnabled(enabled: boolean): Promise<void>;
  /** Emulates `prefers-color-scheme`. */
  setColorScheme(scheme: "light" | "dark"): Promise<void>;
  /** Console messages, uncaught exceptions and browser log entries (CSP violations, failed loads). */
  readonly log: readonly string[];
  /** Any other CDP command, in this page's session. */
  send(method: string, params?: Params): Promise<Params>;
}

/** A running headless Chromium; `await using` closes it and removes its profile. */
export interface Chromium extends AsyncDisposable {
  /** The browser's product and version, e.g. `Chrome/150.0.7871.100`. */
  readonly version: string;
  /** Opens a new tab on about:blank. */
  newPage(): Promise<BrowserPage>;
}

async function openPage(cdp: Cdp): Promise<BrowserPage> {
  const { targetId } = await cdp.send("Target.createTarget", { params: { url: "about:blank" } });
  const attached = await cdp.send("Target.attachToTarget", {
    params: { targetId, flatten: true },
  });
  const session = String(attached.sessionId);
  const send = (method: string, params: Params = {}) =>
    cdp.send(method, { params, sessionId: session });
  const log: string[] = [];
  const mine = (fn: Listener): Listener => (p, s) => s === session && fn(p, s);
  cdp.on(
    "Runtime.consoleAPICalled",
    mine((p) => {
      const args = (p.args as { value?: unknown; description?: string }[] | undefined) ?? [];
      log.push(`console.${p.type}: ${args.map((a) => String(a.value ?? a.description)).join(" ")}`);
    }),
  );
  cdp.on(
    "Runtime.exceptionThrown",
    mine((p) => {
      const d = p.exceptionDetails as { text?: string; exception?: { description?: string } };
      log.push(`exception: ${d.exception?.description ?? d.text}`);
    }),
  );
  cdp.on(
    "Log.entryAdded",
    mine((p) => {
      const e = p.entry as { level: string; source: string; text: string; url?: string };
      log.push(`${e.source} ${e.level}: ${e.text}${e.url ? ` (${e.url})` : ""}`);
    }),
  );
  await Promise.all([send("Page.enable"), send("Runtime.enable"), send("Log.enable")]);
  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await send("Runtime.evaluate", {
      expression,
      returnByValue: true,
      awaitPromise: true,
    });
    const ex = r.exceptionDetails as { text?: string; exception?: { description?: string } };
    if (ex !== undefined) {
      throw new CdpError(`${expression}: ${ex.exception?.description ?? ex.text ?? "threw"}`);
    }
    return (r.result as { value?: T }).value as T;
  };
  return {
    log,
    send,
    evaluate,
    async navigate(url, options = {}) {
      let loaded = false;
      const off = cdp.on("Page.loadEventFired", mine(() => loaded = true));
      try {
        const r = await send("Page.navigate", { url });
        if (typeof r.errorText === "string") {
          throw new CdpError(`Cannot load ${url}: ${r.errorText}`);
        }
        await waitFor(() => loaded, {
          timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          what: `the load event of ${url}`,
        });
      } finally {
        off();
      }
    },
    waitFor: <T>(expression: string, options: { what: string; timeoutMs?: number }) =>
      waitFor(() => evaluate<T>(expression), {
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        intervalMs: 50,
        what: options.what,
      }) as Promise<T>,
    async screenshot(options = {}) {
      const r = await send("Page.captureScreenshot", {
        format: "png",
        captureBeyondViewport: options.fullPage === true,
      });
      return Uint8Array.from(atob(String(r.data)), (c) => c.charCodeAt(0));
    },
    async setViewport(width, height, mobile = false) {
      await send("Emulation.setDeviceMetricsOverride", {
        width,
        height,
        mobile,
        deviceScaleFactor: mobile ? 2 : 1,
      });
    },
    async setScriptsEnabled(enabled) {
      await send("Emulation.setScriptExecutionDisabled", { value: !enabled });
    },
    async setColorScheme(scheme) {
      await send("Emulation.setEmulatedMedia", {
        features: [{ name: "prefers-color-scheme", value: scheme }],
      });
    },
  };
}

function readDevToolsUrl(
  stderr: ReadableStream<Uint8Array>,
  lines: string[],
): { url: Promise<string>; drained: Promise<void> } {
  let found: (url: string) => void = () => {};
  let missing: (e: Error) => void = () => {};
  const url = new Promise<string>((resolve, reject) => [found, missing] = [resolve, reject]);
  const drained = (async () => {
    let rest = "";
    // Chromium writes to stderr for as long as it runs: keep reading, or it would block on a
    // full pipe. Only the last lines are kept, for error messages.
    for await (const chunk of stderr.pipeThrough(new TextDecoderStream())) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) {
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(line);
        if (m?.[1] !== undefined) found(m[1]);
        lines.push(line);
        if (lines.length > 50) lines.shift();
      }
    }
    missing(new Error(`Chromium exited before it opened DevTools:\n${lines.join("\n")}`));
  })();
  return { url, drained };
}

/**
 * Starts headless Chromium.
 *
 * @returns the browser; use with `await using`
 * @throws {Error} when there is no Chromium (saying how to install it) or it does not start
 */
export async function launchChromium(): Promise<Chromium> {
  const bin = await findChromium();
  const profile = await Deno.makeTempDir({ prefix: "forge_chromium_" });
  const child = new Deno.Command(bin, {
    args: [
      "--headless=new",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-extensions",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--mute-audio",
      "--hide-scrollbars",
      "about:blank",
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr: string[] = [];
  const { url, drained } = readDevToolsUrl(child.stderr, stderr);
  const status = child.status;
  let cdp: Cdp | undefined;
  const dispose = async () => {
    if (cdp !== undefined) {
      await cdp.send("Browser.close").catch(() => {});
      await cdp.close();
    }
    const gone = await Promise.race([status.then(() => true), wait(5_000).then(() => false)]);
    if (!gone) child.kill("SIGKILL");
    await status;
    await drained;
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  };
  try {
    const wsUrl = await Promise.race([
      url,
      wait(30_000).then(() => {
        throw new Error(`Chromium did not open DevTools in 30 s:\n${stderr.join("\n")}`);
      }),
    ]);
    cdp = await Cdp.open(wsUrl);
    const info = await cdp.send("Browser.getVersion");
    const open = cdp;
    return {
      version: String(info.product),
      newPage: () => openPage(open),
      [Symbol.asyncDispose]: dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** A timer that never keeps the process alive. */
function wait(ms: number): Promise<void> {
  return new Promise((resolve) => Deno.unrefTimer(setTimeout(resolve, ms)));
}
