/**
 * Task queues per workspace, rebuilt only when the workspace's bead source changed (size, mtime or
 * inode of its files) or a minute passed (scores age), so a quiet fleet costs almost nothing.
 */
import { join } from "node:path";
import type { Clock, Config, FileSystem, TaskQueue } from "../domain/mod.ts";
import { buildTaskQueue, readBeads } from "../beads/mod.ts";

const MAX_AGE_MS = 60_000;
const WATCHED = [
  "issues.jsonl",
  "beads.jsonl",
  "metadata.json",
  "checkpoint/current.json",
  "redirect",
];

/** Cached queues. */
export class QueueCache {
  readonly #ctx: { readonly fs: FileSystem; readonly clock: Clock; readonly config: Config };
  readonly #cache = new Map<string, { fingerprint: string; builtAt: number; queue: TaskQueue }>();

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
    for (const ws of workspaces) {
      const now = this.#ctx.clock.now();
      const fingerprint = await this.#fingerprint(ws);
      const hit = this.#cache.get(ws);
      if (hit !== undefined && hit.fingerprint === fingerprint && now - hit.builtAt < MAX_AGE_MS) {
        out.push(hit.queue);
        continue;
      }
      const snapshot = await readBeads(ws, { fs: this.#ctx.fs, clock: this.#ctx.clock });
      const queue = buildTaskQueue(snapshot, { now, scoring: this.#ctx.config.scoring });
      this.#cache.set(ws, { fingerprint, builtAt: now, queue });
      out.push(queue);
    }
    return out;
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
