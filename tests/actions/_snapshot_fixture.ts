/**
 * A FORGE home for snapshot tests: real status files, logs and an SQLite store in a temporary
 * directory, a private tmux server (liveness asks it about workers without a live pid), a
 * manual clock, and a file system that counts reads and can be told to fail some of them.
 */
import { join } from "node:path";
import type { ActionContext } from "../../src/actions/mod.ts";
import type { FileSystem, HomeLayout } from "../../src/domain/mod.ts";
import { defaultConfig, homeLayout } from "../../src/domain/mod.ts";
import { denoFs, envFrom } from "../../src/platform/mod.ts";
import { Store } from "../../src/store/mod.ts";
import { ManualClock } from "../helpers/manual_clock.ts";
import { tmuxSandbox } from "../workers/_tmux_sandbox.ts";

/** Wednesday 25 November 2026, 12:30 UTC: half way through an hour. */
export const NOW = Date.UTC(2026, 10, 25, 12, 30);

/** A read the file system saw. */
export interface Read {
  readonly path: string;
  readonly offset: number;
}

/** The fixture. */
export interface SnapshotHome extends AsyncDisposable {
  readonly root: string;
  /** The private tmux server's folder (TMUX_TMPDIR). */
  readonly tmuxDir: string;
  readonly layout: HomeLayout;
  readonly clock: ManualClock;
  readonly ctx: ActionContext;
  /** Chunk and whole-file reads, in order. */
  readonly reads: Read[];
  /** Paths whose whole-file reads fail with EIO while listed. */
  readonly failing: Set<string>;
  /** Commands run (`tmux list-sessions` …), in order. */
  readonly runs: string[];
  /** Writes a status file. */
  status(id: string, fields: Record<string, unknown>): Promise<void>;
  /** Appends text to a worker's log. */
  log(id: string, text: string): Promise<void>;
}

function countingFs(reads: Read[], failing: ReadonlySet<string>): FileSystem {
  return {
    ...denoFs,
    readChunk: (path, offset, maxBytes) => {
      reads.push({ path, offset });
      return denoFs.readChunk(path, offset, maxBytes);
    },
    readFile: (path) => {
      reads.push({ path, offset: 0 });
      if (failing.has(path)) return Promise.reject(new Error("EIO: input/output error"));
      return denoFs.readFile(path);
    },
  };
}

/**
 * Creates a home.
 *
 * @returns the fixture; use with `await using`
 */
export async function snapshotHome(): Promise<SnapshotHome> {
  const root = await Deno.makeTempDir({ prefix: "forge_snapshot_" });
  const tmux = await tmuxSandbox();
  const layout = homeLayout(join(root, "home"));
  for (const dir of [layout.status, layout.logs, layout.state]) {
    await Deno.mkdir(dir, { recursive: true });
  }
  Store.open(layout.database).close(); // a home FORGE has run in: its store exists
  const clock = new ManualClock(NOW);
  const reads: Read[] = [];
  const failing = new Set<string>();
  const runs: string[] = [];
  const ctx: ActionContext = {
    fs: countingFs(reads, failing),
    processes: {
      ...tmux.processes,
      run: (command, args, options) => {
        runs.push([command, ...args].join(" "));
        return tmux.processes.run(command, args, options);
      },
    },
    clock,
    env: envFrom({}),
    layout,
    config: await defaultConfig(),
    cwd: root,
    actor: { who: "tester@host", via: "cli" },
    forgeBin: "/bin/false",
    secrets: () => Promise.resolve(undefined),
    beadStore: () => Promise.reject(new Error("snapshot tests change no bead")),
    audit: () => Promise.resolve(),
  };
  return {
    root,
    tmuxDir: tmux.dir,
    layout,
    clock,
    ctx,
    reads,
    failing,
    runs,
    status: (id, fields) =>
      Deno.writeTextFile(
        join(layout.status, `${id}.json`),
        JSON.stringify({ worker_id: id, model: "sim", ...fields }),
      ),
    log: (id, text) => Deno.writeTextFile(join(layout.logs, `${id}.log`), text, { append: true }),
    async [Symbol.asyncDispose]() {
      await tmux[Symbol.asyncDispose]();
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
  };
}

/**
 * One FORGE JSONL log line.
 *
 * @param fields the event's fields (timestamp defaults to NOW)
 * @returns the line with its newline
 */
export function logLine(fields: Record<string, unknown>): string {
  return `${
    JSON.stringify({ timestamp: new Date(NOW).toISOString(), level: "info", ...fields })
  }\n`;
}
