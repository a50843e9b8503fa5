/**
 * The servers of the `forge serve` benchmark as child processes: `forge serve` from source as
 * `deno task forge` runs it (the child is the deno process itself, not a shell, so /proc/<pid>
 * is the server), and a trivial Deno.serve with the same V8 flags as the baseline. Both print
 * one JSON line with their URL once they listen.
 */
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
/** FORGE's entry point. */
export const MAIN = join(ROOT, "main.ts");
/** The flags `deno task forge` runs FORGE with. */
export const FORGE_FLAGS = ["-A", "--quiet", "--v8-flags=--max-semi-space-size=2"];

/** A child process that serves HTTP on 127.0.0.1. */
export interface BenchServer extends AsyncDisposable {
  readonly pid: number;
  readonly url: string;
  /** What the child wrote on stderr so far (the end of it). */
  stderr(): string;
  /** SIGTERM, then waits for the exit (a CPU profile is written then). */
  stop(): Promise<void>;
}

/**
 * Starts `forge serve --port 0 --json --workspace <ws>` and waits for its JSON line.
 *
 * @param state the home and workspace
 * @param options extra deno flags (`--cpu-prof` …) and how long to wait
 * @returns the server
 * @throws when it exits or prints nothing usable in time
 */
export function startForgeServe(
  state: { readonly env: Record<string, string>; readonly workspace: string },
  options: { readonly denoFlags?: readonly string[]; readonly timeoutMs?: number } = {},
): Promise<BenchServer> {
  const args = ["run", ...FORGE_FLAGS, ...(options.denoFlags ?? []), MAIN];
  return spawnServer(
    [...args, "serve", "--port", "0", "--json", "--workspace", state.workspace],
    { env: state.env, cwd: state.workspace, timeoutMs: options.timeoutMs ?? 60_000 },
  );
}

const LISTEN = `{ hostname: "127.0.0.1", port: 0, onListen: (a) =>
  console.log(JSON.stringify({ url: "http://127.0.0.1:" + a.port })) }`;

/** The floor of HTTP on Deno: no routing, no headers beyond the default, a constant body. */
const TRIVIAL_HTTP = `Deno.serve(${LISTEN}, () => new Response("ok"));`;

/**
 * The floor of event streams on Deno: the FORGE hub's shape without FORGE (a body that is a JS
 * ReadableStream pulled one message at a time, a first event about as long as FORGE's, one
 * shared heartbeat timer every 15 s).
 */
const TRIVIAL_SSE = `const enc = new TextEncoder();
const first = enc.encode("id: 1\\nevent: snapshot\\nretry: 3000\\ndata: " + "x".repeat(800) + "\\n\\n");
const beat = enc.encode(": heartbeat\\n\\n");
const clients = new Set();
setInterval(() => { for (const c of clients) { c.next = beat; c.wake?.(); } }, 15000);
Deno.serve(${LISTEN}, () => {
  const c = { next: first, wake: undefined, closed: false };
  return new Response(new ReadableStream({
    start() { clients.add(c); },
    async pull(ctl) {
      while (c.next === undefined && !c.closed) await new Promise((r) => (c.wake = r));
      if (c.closed) return;
      ctl.enqueue(c.next);
      c.next = undefined;
    },
    cancel() { clients.delete(c); c.closed = true; c.wake?.(); },
  }, { highWaterMark: 0 }), { headers: { "Content-Type": "text/event-stream" } });
});`;

/**
 * Starts a trivial Deno.serve in a child deno with FORGE's V8 flags, printing `{"url": …}` like
 * `forge serve --json`: `http` answers "ok", `sse` holds an event stream per request.
 *
 * @param env the environment
 * @param kind which server
 * @returns the server
 */
export function startTrivialServer(
  env: Record<string, string>,
  kind: "http" | "sse" = "http",
): Promise<BenchServer> {
  const code = kind === "http" ? TRIVIAL_HTTP : TRIVIAL_SSE;
  return spawnServer(["eval", ...FORGE_FLAGS.slice(1), code], {
    env,
    cwd: ROOT,
    timeoutMs: 30_000,
  });
}

async function spawnServer(
  args: readonly string[],
  options: { readonly env: Record<string, string>; readonly cwd: string; timeoutMs: number },
): Promise<BenchServer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [...args],
    env: options.env,
    clearEnv: true,
    cwd: options.cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let errText = "";
  const drain = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      errText = (errText + chunk).slice(-4_000);
    }
  })().catch(() => {});
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      child.kill("SIGTERM");
    } catch {
      // Already exited.
    }
    const timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch {
        // Exited meanwhile.
      }
    }, 10_000);
    await child.status;
    clearTimeout(timer);
    await drain;
  };
  try {
    const url = await firstJsonUrl(child, options.timeoutMs);
    const cmdline = await Deno.readTextFile(`/proc/${child.pid}/cmdline`);
    if (!cmdline.includes(Deno.execPath())) {
      throw new Error(`pid ${child.pid} is not the deno process: ${cmdline.replaceAll("\0", " ")}`);
    }
    return { pid: child.pid, url, stderr: () => errText, stop, [Symbol.asyncDispose]: stop };
  } catch (error) {
    await stop();
    throw new Error(`the server did not start: ${(error as Error).message}\n${errText}`, {
      cause: error,
    });
  }
}

async function firstJsonUrl(child: Deno.ChildProcess, timeoutMs: number): Promise<string> {
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no JSON line in ${timeoutMs} ms`)), timeoutMs);
  });
  let text = "";
  try {
    while (!text.includes("\n")) {
      const { value, done } = await Promise.race([reader.read(), timeout]);
      if (done) throw new Error(`it exited (${(await child.status).code}) before listening`);
      text += value;
    }
  } finally {
    clearTimeout(timer);
  }
  // The rest of stdout is not needed; keep the pipe drained.
  void (async () => {
    while (!(await reader.read()).done) { /* drain */ }
  })().catch(() => {});
  const line = JSON.parse(text.slice(0, text.indexOf("\n"))) as { url?: unknown };
  if (typeof line.url !== "string") throw new Error(`no url in ${text}`);
  return line.url;
}
