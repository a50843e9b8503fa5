/**
 * Builds the action layer's context for a CLI run: configuration, how launchers call FORGE back
 * (`FORGE_BIN`), secret lookup, bead stores and the audit sink.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ActionContext } from "../actions/mod.ts";
import type { AuditEntry, AuditSink } from "../domain/mod.ts";
import { ForgeError } from "../domain/mod.ts";
import { createSecretLookup } from "../platform/mod.ts";
import type { CliContext } from "./context.ts";

/**
 * Makes sure FORGE_HOME and its folders exist and can be written: the one fatal condition.
 *
 * @param ctx the CLI context
 * @throws {ForgeError} HOME_NOT_WRITABLE with what to do
 */
export async function ensureHome(ctx: CliContext): Promise<void> {
  const { layout } = ctx;
  try {
    for (
      const dir of [
        layout.home,
        layout.status,
        layout.logs,
        layout.state,
        layout.launchers,
        layout.workers,
      ]
    ) {
      await ctx.fs.mkdirp(dir);
    }
    const probe = join(layout.state, `.write-test-${ctx.runtime.pid}`);
    await ctx.fs.writeTextFile(probe, "ok");
    await ctx.fs.remove(probe);
  } catch (error) {
    throw new ForgeError(
      "HOME_NOT_WRITABLE",
      `Cannot use FORGE home "${layout.home}": ${(error as Error).message}`,
      {
        cause: error,
        hint: "fix its permissions, or point FORGE elsewhere with --home or FORGE_HOME",
      },
    );
  }
}

/**
 * How launchers call FORGE: the binary itself when compiled, else a small wrapper script that
 * runs this checkout with Deno.
 *
 * @param ctx the CLI context
 * @returns an executable path for `FORGE_BIN`
 */
export async function forgeBinPath(ctx: CliContext): Promise<string> {
  if (ctx.runtime.compiled) return ctx.runtime.execPath;
  const main = fileURLToPath(new URL("../../main.ts", import.meta.url));
  // Launchers run with a cleared environment (and tests with another HOME): pin the Deno cache
  // FORGE itself runs from, so `forge bead close` never has to download anything.
  const script =
    `#!/bin/sh\nDENO_DIR=${shellQuote(denoDir(ctx))} exec ${shellQuote(ctx.runtime.execPath)} ` +
    `run -A --quiet ${shellQuote(main)} "$@"\n`;
  const path = join(ctx.layout.state, "forge-bin");
  const current = await ctx.fs.readTextFile(path).catch(() => undefined);
  if (current !== script) {
    // `forge validate launcher` gets here without ensureHome(): the folder may not exist yet.
    await ctx.fs.mkdirp(ctx.layout.state);
    await ctx.fs.writeFileAtomic(path, script, { mode: 0o755 });
  }
  return path;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}

/** The Deno cache directory in use: DENO_DIR, else Deno's default for this OS. */
function denoDir(ctx: CliContext): string {
  const explicit = ctx.env.get("DENO_DIR");
  if (explicit !== undefined && explicit !== "") return explicit;
  const home = ctx.env.get("HOME") ?? ctx.cwd;
  if (ctx.runtime.os === "darwin") return join(home, "Library", "Caches", "deno");
  if (ctx.runtime.os === "windows") return join(ctx.env.get("LOCALAPPDATA") ?? home, "deno");
  return join(ctx.env.get("XDG_CACHE_HOME") ?? join(home, ".cache"), "deno");
}

/**
 * The action context of this run.
 *
 * @param ctx the CLI context
 * @returns everything actions need
 */
export async function createActionContext(ctx: CliContext): Promise<ActionContext> {
  await ensureHome(ctx);
  const loaded = await ctx.config();
  for (const w of loaded.warnings) {
    ctx.out.warn(`${w.file}${w.line === undefined ? "" : `:${w.line}`}: ${w.key}: ${w.message}`);
  }
  return {
    fs: ctx.fs,
    processes: ctx.processes,
    clock: ctx.clock,
    env: ctx.env,
    layout: ctx.layout,
    config: loaded.config,
    cwd: ctx.cwd,
    actor: ctx.actor,
    forgeBin: await forgeBinPath(ctx),
    secrets: createSecretLookup(ctx.env, ctx.processes),
    beadStore: async (workspace) => {
      // Loaded only when a bead is involved: most commands never touch beads.
      const { createBeadStore } = await import("../beads/mod.ts");
      return await createBeadStore(workspace, {
        fs: ctx.fs,
        processes: ctx.processes,
        env: ctx.env,
        clock: ctx.clock,
      });
    },
    audit: await auditSink(ctx),
  };
}

/**
 * Audit entries go to FORGE's log and to the store's audit table. The store is opened at the first
 * entry and kept open until the process ends: an orchestrator records thousands of entries, and
 * opening SQLite for each cost a few milliseconds and left native memory behind until the next
 * garbage collection. (WAL mode: an open connection does not hold other processes up.)
 * A failed write is a warning, never the action's failure: the action has already happened.
 */
async function auditSink(ctx: CliContext): Promise<AuditSink> {
  const { getLogger } = await import("@logtape/logtape");
  const auditLog = getLogger(["forge", "audit"]);
  let store: import("../store/mod.ts").Store | undefined;
  return async (entry: AuditEntry) => {
    auditLog.info("{action} {target} by {who}: {outcome}", { ...entry, who: entry.actor.who });
    try {
      const { recordAudit, Store } = await import("../store/mod.ts");
      if (store === undefined) {
        const opened = Store.open(ctx.layout.database);
        store = opened;
        globalThis.addEventListener("unload", () => opened.close(), { once: true });
      }
      recordAudit(store, entry, { now: ctx.clock.now() });
    } catch (error) {
      ctx.out.warn(
        `Cannot record "${entry.action} ${entry.target}" in the audit trail: ${
          (error as Error).message
        } (it is in FORGE's log)`,
      );
    }
  };
}
