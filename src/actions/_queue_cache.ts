/**
 * Task queues per workspace, kept up to date incrementally: when a workspace's bead source changes
 * (size, mtime or inode of its files) its file is read again, reusing every unchanged line, and only
 * the beads that differ are applied to the workspace's task graph; once a minute the graph is moved
 * to the current time (scores age, deferrals end). A quiet fleet costs almost nothing, and a busy
 * one pays for the lines that changed.
 */
import { join } from "node:path";
import type { Bead, Clock, Config, FileSystem, TaskQueue } from "../domain/mod.ts";
import { BeadLineCache, diffBeads, readBeads, TaskGraph } from "../beads/mod.ts";

const MAX_AGE_MS = 60_000;
const WATCHED = [
  "issues.jsonl",
  "beads.jsonl",
  "metadata.json",
  "checkpoint/current.json",
  "redirect",
];

interface Entry {
  readonly fingerprint: string;
  readonly builtAt: number;
  readonly beads: readonly Bead[];
  readonly queue: TaskQueue;
  readonly graph: TaskGraph;
  readonly lines: BeadLineCache;
}

/** Cached queues. */
export class QueueCache {
  readonly #ctx: { readonly fs: FileSystem; readonly clock: Clock; readonly config: Config };
  readonly #cache = new Map<string, Entry>();

  /** @param ctx file access, clock and the configuration (scoring) */
  constructor(ctx: { readonly fs: FileSystem; readonly clock: Clock; readonly config: Config }) {
    this.#ctx = ctx;
  }

  /**
   * The queue of each workspace, fresh where its files changed.
   *
   * @param workspaces absolute paths
   * @returns one queue per workspace
   */
  async load(workspaces: readonly string[]): Promise<TaskQueue[]> {
    const out: TaskQueue[] = [];
    for (const ws of workspaces) out.push((await this.loadOne(ws)).queue);
    return out;
  }

  /**
   * One workspace's queue, fresh if its files changed. When its bead file cannot be read at all,
   * the queue read before is kept (if any) and `unreadable` says why.
   *
   * @param ws an absolute workspace path
   * @returns the queue (undefined only when it never could be read) and the reason it is old
   */
  async loadOne(ws: string): Promise<{ readonly queue: TaskQueue; readonly unreadable?: string }> {
    const now = this.#ctx.clock.now();
    const fingerprint = await this.#fingerprint(ws);
    const hit = this.#cache.get(ws);
    if (hit?.fingerprint === fingerprint && now - hit.builtAt < MAX_AGE_MS) {
      return { queue: hit.queue };
    }
    if (hit?.fingerprint === fingerprint) {
      const queue = hit.graph.apply([], { now }); // only the time moved
      this.#cache.set(ws, { ...hit, builtAt: now, queue });
      return { queue };
    }
    const lines = hit?.lines ?? new BeadLineCache();
    const { fs, clock } = this.#ctx;
    const read = await readBeads(ws, { fs, clock, cache: lines });
    const unreadable = read.issues.find((i) => i.kind === "unreadable");
    if (unreadable !== undefined && hit !== undefined) {
      return { queue: hit.queue, unreadable: `${unreadable.file}: ${unreadable.message}` };
    }
    const { beads } = read;
    let graph: TaskGraph;
    let queue: TaskQueue;
    if (hit === undefined) {
      graph = new TaskGraph(ws, beads, { now, scoring: this.#ctx.config.scoring });
      queue = graph.queue;
    } else {
      graph = hit.graph;
      queue = graph.apply(diffBeads(hit.beads, beads), { now });
    }
    this.#cache.set(ws, { fingerprint, builtAt: now, beads, queue, graph, lines });
    return unreadable === undefined
      ? { queue }
      : { queue, unreadable: `${unreadable.file}: ${unreadable.message}` };
  }

  async #fingerprint(ws: string): Promise<string> {
    const parts: string[] = [];
    for (const f of WATCHED) {
      const info = await this.#ctx.fs.stat(join(ws, ".beads", f));
      parts.push(info === undefined ? "-" : `${info.size}:${info.mtimeMs}:${info.ino}`);
    }
    return parts.join("|");
  }
}
