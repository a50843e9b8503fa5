/**
 * `forge bead show|prompt|close|release <id>`: one bead, through whatever store the workspace
 * uses (br, bd, bead, or FORGE's own JSONL editor). Launchers call `"$FORGE_BIN" bead close …`
 * after their agent succeeds, so this works in a workspace with nothing but
 * `.beads/issues.jsonl`.
 */
import { isAbsolute, resolve } from "node:path";
import type { Bead, BeadId, BeadStore } from "../../domain/mod.ts";
import { BeadStoreError, NotFoundError, toBeadId, toIso, UsageError } from "../../domain/mod.ts";
import { buildTaskPrompt, createBeadStore, priorityLabel, readBeads } from "../../beads/mod.ts";
import type { CliContext } from "../context.ts";
import type { Output } from "../output.ts";

/** The parsed `forge bead …` invocation. */
export interface BeadCommandInput {
  readonly verb: "show" | "prompt" | "close" | "release";
  readonly id: string;
  /** `--workspace`; default `$FORGE_WORKSPACE`, then the current directory. */
  readonly workspace: string | undefined;
  readonly reason?: string | undefined;
}

/**
 * Runs `forge bead <verb> <id>`.
 *
 * @param ctx the command context
 * @param input verb, id, workspace and reason
 * @returns exit code 0
 * @throws {NotFoundError} when the workspace or the bead does not exist (exit 3)
 * @throws {BeadStoreError} when the workspace's beads tool fails (exit 1)
 */
export async function runBead(ctx: CliContext, input: BeadCommandInput): Promise<number> {
  const workspace = await workspaceOf(ctx, input.workspace);
  const id = beadIdOf(input.id);
  const store = await createBeadStore(workspace, {
    fs: ctx.fs,
    processes: ctx.processes,
    env: ctx.env,
    clock: ctx.clock,
  });
  switch (input.verb) {
    case "show": {
      const bead = await showBead(ctx, store, id);
      if (ctx.globals.json) ctx.out.printJson(bead);
      else printBead(ctx.out, bead);
      return 0;
    }
    case "prompt": {
      const bead = await showBead(ctx, store, id);
      const prompt = buildTaskPrompt(bead, { workspace, workerId: ctx.env.get("FORGE_WORKER_ID") });
      if (ctx.globals.json) ctx.out.printJson({ id, prompt });
      else ctx.out.write(prompt);
      return 0;
    }
    case "close": {
      const reason = input.reason ?? "Completed";
      await store.close(id, { reason });
      confirm(ctx, { id, status: "closed" }, `Closed ${id} (${reason})`);
      return 0;
    }
    case "release":
      await releaseBead(ctx, store, { id, reason: input.reason });
      return 0;
    default: {
      const never: never = input.verb;
      throw new UsageError(`Cannot run "forge bead ${String(never)}": unknown command`);
    }
  }
}

async function releaseBead(
  ctx: CliContext,
  store: BeadStore,
  input: { readonly id: BeadId; readonly reason: string | undefined },
): Promise<void> {
  const { id, reason } = input;
  await store.release(id, reason === undefined ? {} : { reason });
  const status = (await store.show(id))?.status ?? "open";
  const line = status === "open"
    ? `Released ${id}: open and unassigned`
    : `Left ${id} as it is: it is ${status}`;
  confirm(ctx, { id, status }, line);
}

async function workspaceOf(ctx: CliContext, flag: string | undefined): Promise<string> {
  const chosen = flag ?? ctx.env.get("FORGE_WORKSPACE") ?? "";
  const dir = chosen === "" ? ctx.cwd : isAbsolute(chosen) ? chosen : resolve(ctx.cwd, chosen);
  if ((await ctx.fs.stat(dir))?.kind !== "directory") {
    throw new NotFoundError(`Cannot use workspace "${dir}": it is not a directory`, {
      hint: "Pass --workspace DIR (the directory holding .beads/) or set FORGE_WORKSPACE.",
    });
  }
  return dir;
}

function beadIdOf(value: string): BeadId {
  try {
    return toBeadId(value);
  } catch (error) {
    throw new UsageError(`Cannot use bead id "${value}": it is empty`, { cause: error });
  }
}

/** Reads through the store; a read-only command falls back to the files when the CLI is missing. */
async function showBead(ctx: CliContext, store: BeadStore, id: BeadId): Promise<Bead> {
  let bead: Bead | undefined;
  try {
    bead = await store.show(id);
  } catch (error) {
    if (!(error instanceof BeadStoreError && error.exitCode === 127)) throw error;
    const snapshot = await readBeads(store.workspace, { fs: ctx.fs, clock: ctx.clock });
    if (snapshot.source === undefined) throw error;
    ctx.out.warn(`${error.message}; read ${snapshot.source} instead`);
    bead = snapshot.beads.find((b) => b.id === id);
  }
  if (bead === undefined) {
    throw new NotFoundError(`Cannot find bead "${id}" in ${store.workspace}`, {
      hint: `Check the id; the workspace's beads are managed by ${store.kind}.`,
    });
  }
  return bead;
}

function confirm(ctx: CliContext, result: { id: BeadId; status: string }, line: string): void {
  if (ctx.globals.json) ctx.out.printJson(result);
  else ctx.out.print(line);
}

function printBead(out: Output, bead: Bead): void {
  const time = (ms: number | undefined) => (ms === undefined ? "-" : toIso(ms));
  const deps = bead.dependencies.map((d) => `${d.target} (${d.type})`);
  const rows: [string, string][] = [
    ["status", bead.status],
    ["priority", priorityLabel(bead.priority)],
    ["type", bead.issueType],
    ["assignee", bead.assignee ?? "-"],
    ["labels", bead.labels.length === 0 ? "-" : bead.labels.join(", ")],
    ["depends on", deps.length === 0 ? "-" : deps.join(", ")],
    ["created", time(bead.createdAt)],
    ["updated", time(bead.updatedAt)],
  ];
  if (bead.closedAt !== undefined) rows.push(["closed", time(bead.closedAt)]);
  if (bead.closeReason !== undefined) rows.push(["close reason", bead.closeReason]);
  out.print(`${out.style("bold", bead.id)}  ${bead.title}`);
  for (const [key, value] of rows) out.print(`  ${out.style("gray", key.padEnd(12))} ${value}`);
  if (bead.description.trim() !== "") out.print(`\n${bead.description.trim()}`);
  if (bead.acceptanceCriteria !== undefined) {
    out.print(`\nAcceptance criteria:\n${bead.acceptanceCriteria.trim()}`);
  }
}
