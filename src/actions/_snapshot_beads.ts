/**
 * Task queues for a snapshot without an engine in this process (the observer): each workspace's
 * beads are read with the project's readers at most every couple of seconds, and only when its
 * bead files changed (size, mtime or inode); a changed file is read reusing its unchanged lines
 * and only the beads that differ are applied to the workspace's task graph. A workspace whose
 * beads cannot be read keeps its last queue and says why.
 */
import { join } from "node:path";
import type { Bead, TaskQueue } from "../domain/mod.ts";
import { errorMessage } from "../domain/mod.ts";
import { BeadLineCache, diffBeads, readBeads, TaskGraph } from "../beads/mod.ts";
import type { ActionContext } from "./action_context.ts";

/** Bead files are looked at this often at most. */
export const BEADS_REFRESH_MS = 2_000;
/** Scores age and deferrals end: a queue is re-evaluated at least this often. */
const MAX_AGE_MS = 60_000;
/** The files a workspace's beads can come from (every format FORGE reads). */
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
  readonly graph: TaskGraph;
  readonly queue: TaskQueue;
  readonly lines: BeadLineCache;
}

/** Workspace queues read from the bead files. */
export class BeadQueues {
  readonly #ctx: Pick<ActionContext, "fs" | "clock" | "config">;
  readonly #entries = new Map<string, Entry>();
  readonly #problems = new Map<string, string>();
  #checkedAt: number | undefined;

  /** @param ctx file access, clock and configuration (scoring) */
  constructor(ctx: Pick<ActionContext, "fs" | "clock" | "config">) {
    this.#ctx = ctx;
  }

  /**
   * The queue of each workspace that could be read, at most a couple of seconds old.
   *
   * @param workspaces absolute paths, in the order the queues are wanted
   * @returns the queues, and a problem per workspace that could not be read this time
   */
  async load(
    workspaces: readonly string[],
  ): Promise<{ readonly queues: TaskQueue[]; readonly problems: string[] }> {
    const now = this.#ctx.clock.now();
    if (
      this.#checkedAt === undefined || now < this.#checkedAt ||
      now - this.#checkedAt >= BEADS_REFRESH_MS
    ) {
      this.#checkedAt = now;
      for (const ws of workspaces) await this.#refresh(ws, now);
    }
    const queues = workspaces.flatMap((ws) => {
      const entry = this.#entries.get(ws);
      return entry === undefined ? [] : [entry.queue];
    });
    const problems = workspaces.flatMap((ws) => {
      const problem = this.#problems.get(ws);
      return problem === undefined ? [] : [problem];
    });
    return { queues, problems };
  }

  async #refresh(ws: string, now: number): Promise<void> {
    try {
      const fingerprint = await this.#fingerprint(ws);
      const hit = this.#entries.get(ws);
      if (hit?.fingerprint === fingerprint) {
        if (now - hit.builtAt >= MAX_AGE_MS) {
          this.#entries.set(ws, { ...hit, builtAt: now, queue: hit.graph.apply([], { now }) });
        }
        return;
      }
      const lines = hit?.lines ?? new BeadLineCache();
      const snapshot = await readBeads(ws, {
        fs: this.#ctx.fs,
        clock: this.#ctx.clock,
        cache: lines,
      });
      const unreadable = snapshot.issues.find((i) => i.kind === "unreadable");
      if (unreadable !== undefined) {
        this.#fail(ws, `${unreadable.file}: ${unreadable.message}`);
        return;
      }
      const { beads } = snapshot;
      let graph: TaskGraph;
      let queue: TaskQueue;
      if (hit === undefined) {
        graph = new TaskGraph(ws, beads, { now, scoring: this.#ctx.config.scoring });
        queue = graph.queue;
      } else {
        graph = hit.graph;
        queue = graph.apply(diffBeads(hit.beads, beads), { now });
      }
      this.#entries.set(ws, { fingerprint, builtAt: now, beads, graph, queue, lines });
      this.#problems.delete(ws);
    } catch (error) {
      this.#fail(ws, errorMessage(error));
    }
  }

  #fail(ws: string, why: string): void {
    const kept = this.#entries.has(ws) ? "showing the tasks read before" : "no tasks shown for it";
    this.#problems.set(ws, `beads of ${ws}: ${why}; ${kept}`);
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
