/**
 * The BeadStore on a beads CLI (`br`, `bd` or `bead`). Every change runs under the workspace's
 * claim lock and is verified by reading the bead back: br silently skips ids it will not close,
 * and no tool's claim is a hard compare-and-set, so the read-back is the truth.
 */
import type {
  Bead,
  BeadId,
  BeadStore,
  ClaimResult,
  Clock,
  Env,
  FileSystem,
  Processes,
} from "../domain/mod.ts";
import { BeadStoreError, ForgeError, NotFoundError } from "../domain/mod.ts";
import { claimOutcome, claimPrecheck, isFinished } from "./_claim_flow.ts";
import {
  type CliTool,
  type CliVerb,
  parseJsonOutput,
  runTool,
  type ToolContext,
} from "./_cli_tool.ts";
import { isRecord, type JsonRecord } from "./_fields.ts";
import { toBead } from "./_to_bead.ts";
import { withClaimLock } from "./with_claim_lock.ts";

/** What a CLI store needs. */
export interface CliBeadStoreOptions {
  readonly fs: FileSystem;
  readonly processes: Processes;
  readonly env: Env;
  readonly clock: Clock;
  /** The `.beads` directory holding the claim lock. */
  readonly beadsDir: string;
  /** Absolute path of the tool, or its bare name (default: the tool's name). */
  readonly command?: string;
  /** Per command (default 30 s). */
  readonly timeoutMs?: number;
}

/**
 * Creates a store that drives a beads CLI.
 *
 * @param tool `br`, `bd` or `bead`
 * @param workspace the workspace directory (the tool's working directory)
 * @param options ports, lock directory, command and timeout
 * @returns the store
 */
export function cliBeadStore(
  tool: CliTool,
  workspace: string,
  options: CliBeadStoreOptions,
): BeadStore {
  const ctx: ToolContext = {
    tool,
    command: options.command ?? tool,
    workspace,
    processes: options.processes,
    env: options.env,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
  const locked = <T>(body: () => Promise<T>): Promise<T> =>
    withClaimLock(options.beadsDir, body, { fs: options.fs, clock: options.clock });
  return {
    kind: tool,
    workspace,
    show: (id) => showBead(ctx, id, "show"),
    claim: (id, assignee) => locked(() => claim(ctx, id, assignee)),
    release: (id) => locked(() => release(ctx, id)),
    close: (id, { reason }) => locked(() => close(ctx, id, reason)),
  };
}

async function showBead(ctx: ToolContext, id: string, verb: CliVerb): Promise<Bead | undefined> {
  checkId(ctx.tool, id, verb);
  const run = await runTool(ctx, verb, { kind: "show", id });
  if (run.kind === "not-found") return undefined;
  if (run.kind === "failed") throw run.error;
  const raw = firstIssue(parseJsonOutput(run.stdout));
  if (raw === null) return undefined;
  const bead = raw === undefined ? undefined : toBead(raw, () => {});
  if (bead === undefined || bead.id !== id) {
    const got = bead === undefined ? run.stdout.trim().slice(0, 120) : `bead "${bead.id}"`;
    throw new BeadStoreError(
      `Cannot ${verb} bead "${id}" with ${ctx.tool}: \`${ctx.tool} show --json\` printed ${
        got === "" ? "nothing" : got
      }, not that bead`,
      { tool: ctx.tool, exitCode: 0 },
      { hint: `FORGE expects a JSON array of issues; check \`${ctx.tool} --version\`.` },
    );
  }
  return bead;
}

/**
 * The issue in `show --json` output: an array (element 0), an object, or either inside bd's
 * `{"data": …}` envelope. `null` means "no such bead" (`[]`, `{}`), undefined an unknown shape.
 */
function firstIssue(value: unknown): JsonRecord | null | undefined {
  let v = value;
  if (isRecord(v) && v["id"] === undefined && v["data"] !== undefined) v = v["data"];
  if (isRecord(v) && v["id"] === undefined && Array.isArray(v["issues"])) v = v["issues"];
  if (Array.isArray(v)) {
    if (v.length === 0) return null;
    v = v[0];
  }
  if (!isRecord(v)) return undefined;
  if (v["id"] !== undefined) return v;
  return Object.keys(v).length === 0 ? null : undefined;
}

async function claim(ctx: ToolContext, id: BeadId, assignee: string): Promise<ClaimResult> {
  if (assignee.trim() === "") {
    throw new ForgeError(
      "USAGE",
      `Cannot claim bead "${id}" with ${ctx.tool}: the assignee is empty`,
    );
  }
  const check = claimPrecheck(await showBead(ctx, id, "claim"), assignee);
  if (check.kind !== "proceed") return check;
  const run = await runTool(ctx, "claim", { kind: "claim", id, assignee });
  if (run.kind === "failed" && (run.error.timedOut || run.error.exitCode === 127)) throw run.error;
  const after = await showBead(ctx, id, "claim");
  const outcome = claimOutcome(after, assignee);
  // A refused update (br exit 4, bd "already claimed") is a lost race when someone else holds it.
  if (run.kind === "ok" || outcome.kind === "taken" || after === undefined) return outcome;
  throw run.error;
}

async function release(ctx: ToolContext, id: BeadId): Promise<void> {
  const before = await showBead(ctx, id, "release");
  if (before === undefined) throw notFound(ctx, id, "release");
  if (isFinished(before) || (before.status === "open" && before.assignee === undefined)) return;
  const run = await runTool(ctx, "release", { kind: "release", id });
  if (run.kind === "not-found") throw notFound(ctx, id, "release");
  if (run.kind === "failed") throw run.error;
  const after = await showBead(ctx, id, "release");
  if (after === undefined) throw notFound(ctx, id, "release");
  if (after.status !== "open" || after.assignee !== undefined) {
    const who = after.assignee === undefined ? "" : ` and assigned to ${after.assignee}`;
    throw new BeadStoreError(
      `Cannot release bead "${id}" with ${ctx.tool}: it is still ${after.status}${who} afterwards`,
      { tool: ctx.tool, exitCode: 0 },
      { hint: `Check \`${ctx.tool} show ${id}\`; set it open and unassigned by hand if needed.` },
    );
  }
}

async function close(ctx: ToolContext, id: BeadId, reason: string): Promise<void> {
  const before = await showBead(ctx, id, "close");
  if (before === undefined) throw notFound(ctx, id, "close");
  if (before.status === "closed") return;
  const run = await runTool(ctx, "close", { kind: "close", id, reason });
  if (run.kind === "not-found") throw notFound(ctx, id, "close");
  if (run.kind === "failed") throw run.error;
  const after = await showBead(ctx, id, "close");
  if (after === undefined) throw notFound(ctx, id, "close");
  if (after.status !== "closed") {
    throw new BeadStoreError(
      `Cannot close bead "${id}" with ${ctx.tool}: it is still ${after.status} after ` +
        `\`${ctx.tool} close\` (the tool skipped it)`,
      { tool: ctx.tool, exitCode: run.code },
      { hint: CLOSE_HINTS[ctx.tool](id) },
    );
  }
}

const CLOSE_HINTS: Readonly<Record<CliTool, (id: string) => string>> = {
  br: (id) =>
    `br refuses to close a bead blocked by open dependencies: close those first, or run \`br close ${id} --force\`.`,
  bd: (id) => `Pinned beads and gates need \`bd close ${id} --force\`.`,
  bead: (id) => `Check \`bead show ${id} --json\` for the bead's state.`,
};

function notFound(ctx: ToolContext, id: string, verb: CliVerb): NotFoundError {
  return new NotFoundError(
    `Cannot ${verb} bead "${id}": ${ctx.tool} has no such bead in ${ctx.workspace}`,
    { hint: `List the beads with \`${ctx.tool} list\` in ${ctx.workspace}.` },
  );
}

function checkId(tool: CliTool, id: string, verb: CliVerb): void {
  if (id.startsWith("-")) {
    throw new ForgeError(
      "USAGE",
      `Cannot ${verb} bead "${id}" with ${tool}: an id starting with "-" would be read as an option`,
    );
  }
}
