/**
 * The built-in BeadStore for workspaces with no beads CLI (and the demo): edits the classic
 * `issues.jsonl` itself. Each change happens under the workspace's claim lock, touches only the
 * bead's own line (other lines keep their bytes, order and unknown fields), and replaces the file
 * atomically, so readers see the old file or the new one, never half of it.
 */
import type { Bead, BeadId, BeadStore, ClaimResult, Clock, FileSystem } from "../domain/mod.ts";
import { BeadStoreError, ForgeError, NotFoundError, toIso } from "../domain/mod.ts";
import { claimOutcome, claimPrecheck, isFinished } from "./_claim_flow.ts";
import { editJsonFields, type FieldUpdate } from "./_json_line_edit.ts";
import { findBeadLine, replaceLine } from "./_jsonl_lines.ts";
import { discoverBeadSource } from "./discover_bead_source.ts";
import { readBeads } from "./read_beads.ts";
import { withClaimLock } from "./with_claim_lock.ts";

/** What the JSONL store needs. */
export interface JsonlBeadStoreOptions {
  readonly fs: FileSystem;
  readonly clock: Clock;
}

/** A change decided from the bead's current state: write fields, or nothing to do. */
type Plan<T> =
  | {
    readonly kind: "write";
    readonly updates: readonly FieldUpdate[];
    then(after: Bead | undefined): T;
  }
  | { readonly kind: "done"; readonly value: T };

/**
 * Creates the built-in store over a workspace's classic JSONL file.
 *
 * @param workspace the workspace directory
 * @param options file access and clock
 * @returns the store
 */
export function jsonlBeadStore(workspace: string, options: JsonlBeadStoreOptions): BeadStore {
  const show = async (id: BeadId): Promise<Bead | undefined> =>
    (await readBeads(workspace, options)).beads.find((b) => b.id === id);
  return {
    kind: "jsonl",
    workspace,
    show,
    claim: (id, assignee) =>
      edit(workspace, id, options, (bead, now) => claimPlan(bead, assignee, now)),
    release: (id) =>
      edit(workspace, id, options, (bead, now) => {
        if (bead === undefined) throw notFound(workspace, id, "release");
        if (isFinished(bead) || (bead.status === "open" && bead.assignee === undefined)) {
          return { kind: "done", value: undefined };
        }
        const updates: FieldUpdate[] = [["status", "open"], ["assignee", undefined], [
          "updated_at",
          now,
        ]];
        return { kind: "write", updates, then: (after) => verify(after, "open", id, "release") };
      }),
    close: (id, { reason }) =>
      edit(workspace, id, options, (bead, now) => {
        if (bead === undefined) throw notFound(workspace, id, "close");
        if (bead.status === "closed") return { kind: "done", value: undefined };
        const updates: FieldUpdate[] = [
          ["status", "closed"],
          ["closed_at", now],
          ["close_reason", reason],
          ["updated_at", now],
        ];
        return { kind: "write", updates, then: (after) => verify(after, "closed", id, "close") };
      }),
  };
}

function claimPlan(bead: Bead | undefined, assignee: string, now: string): Plan<ClaimResult> {
  if (assignee.trim() === "") {
    throw new ForgeError("USAGE", `Cannot claim bead "${bead?.id ?? ""}": the assignee is empty`);
  }
  const check = claimPrecheck(bead, assignee);
  if (check.kind !== "proceed") return { kind: "done", value: check };
  return {
    kind: "write",
    updates: [["status", "in_progress"], ["assignee", assignee], ["updated_at", now]],
    then: (after) => claimOutcome(after, assignee),
  };
}

/** Reads, decides, writes and re-reads one bead under the lock. */
async function edit<T>(
  workspace: string,
  id: BeadId,
  options: JsonlBeadStoreOptions,
  decide: (bead: Bead | undefined, now: string) => Plan<T>,
): Promise<T> {
  const { fs, clock } = options;
  const source = await discoverBeadSource(workspace, { fs });
  if (source.kind === "none") return decideMissing(decide, clock, workspace, id);
  if (source.kind === "checkpoint") {
    throw new BeadStoreError(
      `Cannot change bead "${id}" in ${workspace}: it uses a bead-rs checkpoint, which only \`bead\` may write`,
      { tool: "jsonl" },
      { hint: "Install bead-rs (`bead`) and put it on PATH." },
    );
  }
  return await withClaimLock(source.beadsDir, async () => {
    const bytes = await fs.readFile(source.path);
    const line = findBeadLine(bytes, id);
    const plan = decide(line?.bead, toIso(clock.now()));
    if (plan.kind === "done" || line === undefined) {
      return plan.kind === "done" ? plan.value : plan.then(undefined);
    }
    const text = editJsonFields(line.text, plan.updates);
    const mode = (await fs.stat(source.path))?.mode;
    await fs.writeFileAtomic(source.path, replaceLine(bytes, line, text), {
      ...(mode === undefined ? {} : { mode: mode & 0o777 }),
    });
    const after = (await readBeads(workspace, { fs })).beads.find((b) => b.id === id);
    return plan.then(after);
  }, { fs, clock });
}

function decideMissing<T>(
  decide: (bead: Bead | undefined, now: string) => Plan<T>,
  clock: Clock,
  workspace: string,
  id: BeadId,
): T {
  const plan = decide(undefined, toIso(clock.now()));
  if (plan.kind === "done") return plan.value;
  throw notFound(workspace, id, "change");
}

function verify(after: Bead | undefined, status: string, id: BeadId, verb: string): void {
  if (after?.status === status && (status !== "open" || after.assignee === undefined)) return;
  throw new BeadStoreError(
    `Cannot ${verb} bead "${id}" with jsonl: it reads back as ${after?.status ?? "missing"}`,
    { tool: "jsonl" },
    { hint: "Another program may have rewritten .beads/issues.jsonl at the same time; try again." },
  );
}

function notFound(workspace: string, id: string, verb: string): NotFoundError {
  return new NotFoundError(`Cannot ${verb} bead "${id}": there is no such bead in ${workspace}`, {
    hint: "Check the id against .beads/issues.jsonl (or `forge bead show`).",
  });
}
