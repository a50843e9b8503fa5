/**
 * The Processes port on Deno.Command: bounded output, hard timeouts that kill the whole process
 * group, and no hang when a child leaves a grandchild holding the pipes.
 */
import { delimiter, join } from "node:path";
import type { Processes, RunOptions, RunResult } from "../domain/mod.ts";
import { signalTree } from "./_signal_tree.ts";

const DEFAULT_MAX_OUTPUT = 1024 * 1024;
/** How long to keep reading pipes after the child exited (grandchildren may hold them). */
const DRAIN_MS = 200;
const KILL_GRACE_MS = 1_000;

class BoundedSink {
  readonly #chunks: Uint8Array[] = [];
  #kept = 0;
  dropped = 0;
  constructor(readonly max: number) {}
  push(chunk: Uint8Array): void {
    const room = this.max - this.#kept;
    if (room <= 0) {
      this.dropped += chunk.length;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.#chunks.push(part.slice());
    this.#kept += part.length;
    this.dropped += chunk.length - part.length;
  }
  text(): string {
    const all = new Uint8Array(this.#kept);
    let at = 0;
    for (const c of this.#chunks) {
      all.set(c, at);
      at += c.length;
    }
    const text = new TextDecoder().decode(all);
    return this.dropped > 0 ? `${text}\n[… ${this.dropped} more bytes dropped]` : text;
  }
}

async function pump(stream: ReadableStream<Uint8Array>, sink: BoundedSink, stop: Promise<void>) {
  const reader = stream.getReader();
  const stopped = stop.then(() => "stop" as const);
  try {
    while (true) {
      const next = await Promise.race([reader.read(), stopped]);
      if (next === "stop" || next.done) break;
      sink.push(next.value);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function spawnFailure(command: string, error: unknown, started: number): RunResult {
  const notFound = error instanceof Deno.errors.NotFound;
  const denied = error instanceof Deno.errors.PermissionDenied;
  const why = notFound
    ? "no such file or command"
    : denied
    ? "permission denied (is it executable?)"
    : String(error);
  return {
    code: notFound ? 127 : 126,
    signal: undefined,
    stdout: "",
    stderr: `Cannot start "${command}": ${why}`,
    timedOut: false,
    durationMs: Date.now() - started,
  };
}

async function run(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const started = Date.now();
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(command, {
      args: [...args],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: { ...options.env } }),
      clearEnv: options.clearEnv ?? false,
      stdin: options.stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
      detached: true,
    }).spawn();
  } catch (error) {
    return spawnFailure(command, error, started);
  }
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    writer.write(new TextEncoder().encode(options.stdin)).then(() => writer.close()).catch(
      () => {},
    );
  }
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const out = new BoundedSink(max);
  const err = new BoundedSink(max);
  let stopPipes = (): void => {};
  const pipesStop = new Promise<void>((resolve) => (stopPipes = resolve));
  const pumps = Promise.all([
    pump(child.stdout, out, pipesStop),
    pump(child.stderr, err, pipesStop),
  ]);

  let timedOut = false;
  const killGroup = (signal: Deno.Signal) => {
    try {
      Deno.kill(-child.pid, signal);
    } catch { /* already gone */ }
  };
  const timers: ReturnType<typeof setTimeout>[] = [];
  if (options.timeoutMs !== undefined) {
    timers.push(setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      timers.push(setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS));
    }, options.timeoutMs));
  }
  const onAbort = () => killGroup("SIGTERM");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const status = await child.status;
  options.signal?.removeEventListener("abort", onAbort);
  const drain = setTimeout(stopPipes, DRAIN_MS);
  await pumps;
  clearTimeout(drain);
  for (const t of timers) clearTimeout(t);
  return {
    code: status.signal !== null ? 128 + signalNumber(status.signal) : status.code,
    signal: status.signal ?? undefined,
    stdout: out.text(),
    stderr: err.text(),
    timedOut,
    durationMs: Date.now() - started,
  };
}

const SIGNAL_NUMBERS: Readonly<Record<string, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
};

function signalNumber(signal: string): number {
  return SIGNAL_NUMBERS[signal] ?? 0;
}

async function isAlive(pid: number): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const known = aliveFromProc(pid);
  if (known !== undefined) return known;
  const probe = await run("kill", ["-0", String(pid)], { timeoutMs: 2_000 });
  return probe.code === 0;
}

// Files under /proc are made by the kernel on read and never wait on a disk, so they are read
// synchronously: that skips the I/O thread round trip, and a fleet check reads hundreds of them.

/** Alive from /proc (a zombie is not); undefined where /proc cannot tell (not Linux). */
function aliveFromProc(pid: number): boolean | undefined {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // Field 3 (after the parenthesised command name) is the state; Z is a zombie.
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound && Deno.build.os === "linux") return false;
    return undefined;
  }
}

function kill(
  pid: number,
  options: { readonly signal?: string; readonly group?: boolean; readonly tree?: boolean } = {},
): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return Promise.resolve(false);
  const signal = (options.signal ?? "SIGTERM") as Deno.Signal;
  if (options.tree === true) return signalTree(pid, signal);
  try {
    Deno.kill(options.group === true ? -pid : pid, signal);
    return Promise.resolve(true);
  } catch {
    return Promise.resolve(false);
  }
}

async function which(name: string): Promise<string | undefined> {
  if (name.includes("/")) return (await isExecutable(name)) ? name : undefined;
  for (const dir of (Deno.env.get("PATH") ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    return info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

function rssBytes(pid: number): Promise<number | undefined> {
  let status: string;
  try {
    status = Deno.readTextFileSync(`/proc/${pid}/status`);
  } catch {
    return Promise.resolve(undefined);
  }
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return Promise.resolve(match?.[1] === undefined ? undefined : Number(match[1]) * 1024);
}

/** Processes backed by Deno. */
export const denoProcesses: Processes = { run, isAlive, kill, which, rssBytes };
