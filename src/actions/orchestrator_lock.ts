/**
 * One orchestrator per FORGE home: a lock file holding the owner's pid. A lock whose pid is gone
 * is stale and taken over; after writing, the file is read back, so of two orchestrators starting
 * at the same moment only one keeps running.
 */
import { join } from "node:path";
import type { Clock, FileSystem, HomeLayout, Processes } from "../domain/mod.ts";
import { ForgeError } from "../domain/mod.ts";

/** A held orchestrator lock. */
export interface OrchestratorLock {
  readonly path: string;
  release(): Promise<void>;
}

/**
 * The pid of the orchestrator running on this home, if one is.
 *
 * @param ctx ports and the FORGE home
 * @returns its pid, or undefined
 */
export async function runningOrchestrator(
  ctx: { readonly fs: FileSystem; readonly processes: Processes; readonly layout: HomeLayout },
): Promise<number | undefined> {
  const text = await ctx.fs.readTextFile(join(ctx.layout.state, "orchestrator.lock")).catch(() =>
    ""
  );
  const pid = Number(text.trim().split(/\s+/)[0]);
  return Number.isInteger(pid) && pid > 0 && await ctx.processes.isAlive(pid) ? pid : undefined;
}

/**
 * Takes the lock or explains who holds it.
 *
 * @param ctx ports, the FORGE home and this process's pid
 * @returns the lock
 * @throws {ForgeError} CONFLICT when another live orchestrator holds it
 */
export async function acquireOrchestratorLock(
  ctx: {
    readonly fs: FileSystem;
    readonly processes: Processes;
    readonly clock: Clock;
    readonly layout: HomeLayout;
    readonly pid: number;
  },
): Promise<OrchestratorLock> {
  const path = join(ctx.layout.state, "orchestrator.lock");
  const conflict = (pid: number) =>
    new ForgeError(
      "CONFLICT",
      `Cannot start the orchestrator on "${ctx.layout.home}": another one runs (pid ${pid})`,
      {
        hint:
          `stop it first (\`kill ${pid}\`), or follow it with \`forge workers\`, \`forge tasks\` and \`forge alerts\``,
      },
    );
  const holder = await runningOrchestrator(ctx);
  if (holder !== undefined && holder !== ctx.pid) throw conflict(holder);
  await ctx.fs.mkdirp(ctx.layout.state);
  await ctx.fs.writeFileAtomic(path, `${ctx.pid} ${ctx.clock.now()}\n`);
  await ctx.clock.sleep(50);
  const after = Number((await ctx.fs.readTextFile(path)).trim().split(/\s+/)[0]);
  if (after !== ctx.pid) throw conflict(after);
  return {
    path,
    async release() {
      const current = Number(
        (await ctx.fs.readTextFile(path).catch(() => "")).trim().split(/\s+/)[0],
      );
      if (current === ctx.pid) await ctx.fs.remove(path);
    },
  };
}
