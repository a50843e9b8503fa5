/**
 * Task queues for a snapshot without an engine in this process (the observer): each workspace's
 * beads are read with the project's readers at most every couple of seconds, and only when its
 * bead files changed (size, mtime or inode); a changed file is read reusing its unchanged lines
 * and only the beads that differ are applied to the workspace's task graph. A workspace whose
 * beads cannot be read keeps its last queue and says why.
 */
import type { TaskQueue } from "../domain/mod.ts";
import { errorMessage } from "../domain/mod.ts";
import type { ActionContext } from "./action_context.ts";
import { QueueCache } from "./_queue_cache.ts";

/** Bead files are looked at this often at most. */
export const BEADS_REFRESH_MS = 2_000;

/** Workspace queues read from the bead files (the engine's own incremental cache, throttled). */
export class BeadQueues {
  readonly #ctx: Pick<ActionContext, "fs" | "clock" | "config">;
  readonly #cache: QueueCache;
  readonly #queues = new Map<string, TaskQueue>();
  readonly #problems = new Map<string, string>();
  #checkedAt: number | undefined;

  /** @param ctx file access, clock and configuration (scoring) */
  constructor(ctx: Pick<ActionContext, "fs" | "clock" | "config">) {
    this.#ctx = ctx;
    this.#cache = new QueueCache(ctx);
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
      for (const ws of workspaces) await this.#refresh(ws);
    }
    const queues = workspaces.flatMap((ws) => {
      const queue = this.#queues.get(ws);
      return queue === undefined ? [] : [queue];
    });
    const problems = workspaces.flatMap((ws) => {
      const problem = this.#problems.get(ws);
      return problem === undefined ? [] : [problem];
    });
    return { queues, problems };
  }

  async #refresh(ws: string): Promise<void> {
    try {
      const { queue, unreadable } = await this.#cache.loadOne(ws);
      if (unreadable !== undefined) {
        this.#fail(ws, unreadable);
        return;
      }
      this.#queues.set(ws, queue);
      this.#problems.delete(ws);
    } catch (error) {
      this.#fail(ws, errorMessage(error));
    }
  }

  #fail(ws: string, why: string): void {
    const kept = this.#queues.has(ws) ? "showing the tasks read before" : "no tasks shown for it";
    this.#problems.set(ws, `beads of ${ws}: ${why}; ${kept}`);
  }
}
