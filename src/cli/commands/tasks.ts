/**
 * `forge tasks`: the queue of one or more workspaces — every bead with its state, value score
 * and, when it waits, why; `--explain` shows each score component, `--json` the shape the HTTP
 * API serves.
 */

import type {
  BeadSnapshot,
  QueuedBead,
  QueueState,
  ScoringWeights,
  TaskQueue,
} from "../../domain/mod.ts";
import { queuedBeadJson } from "../../domain/mod.ts";
import { buildTaskQueue, priorityLabel, readBeads } from "../../beads/mod.ts";
import type { CliContext } from "../context.ts";
import { resolveWorkspaces } from "../workspaces.ts";
import { formatTable, type Output, type StyleName } from "../output.ts";

/** The parsed `forge tasks` invocation. */
export interface TasksCommandInput {
  readonly ready: boolean;
  readonly blocked: boolean;
  readonly inProgress: boolean;
  /** Every bead, closed ones included. */
  readonly all: boolean;
  /** `--workspace` values; none means the current directory. */
  readonly workspaces: readonly string[];
  readonly explain: boolean;
}

const NO_BEADS = "no beads here; run br init / bd init";
const TITLE_WIDTH = 48;
const STATE_STYLE: Readonly<Record<QueueState, StyleName>> = {
  ready: "green",
  in_progress: "cyan",
  blocked: "yellow",
  deferred: "blue",
  not_work: "gray",
  closed: "gray",
};

/**
 * Runs `forge tasks`.
 *
 * @param ctx the CLI context
 * @param input state filters, workspaces, `--explain`
 * @returns exit code 0 (a workspace without beads is not an error)
 * @throws {NotFoundError} when a workspace is not a directory, or there is none (exit 3)
 */
export async function runTasks(ctx: CliContext, input: TasksCommandInput): Promise<number> {
  const { config } = await ctx.config();
  const { scoring } = config;
  const dirs = await resolveWorkspaces(ctx, {
    flags: input.workspaces,
    config,
    purpose: "list beads",
  });
  const wanted = statesOf(input);
  const shown: { queue: TaskQueue; beads: QueuedBead[] }[] = [];
  for (const dir of dirs) {
    const queue = await queueOf(ctx, dir, { scoring, includeClosed: input.all });
    if (queue === undefined) continue;
    shown.push({ queue, beads: queue.beads.filter((q) => wanted.has(q.state)) });
  }
  if (ctx.globals.json) {
    ctx.out.printJson(shown.flatMap((s) => s.beads.map(queuedBeadJson)));
    return 0;
  }
  for (const [i, { queue, beads }] of shown.entries()) {
    if (i > 0) ctx.out.print();
    if (dirs.length > 1) ctx.out.print(ctx.out.style("bold", queue.workspace));
    if (input.explain) beads.forEach((q) => printExplained(ctx.out, q, scoring));
    else printTable(ctx.out, beads);
    ctx.out.print(summaryOf(queue, beads.length));
  }
  return 0;
}

function statesOf(input: TasksCommandInput): Set<QueueState> {
  const picked: QueueState[] = [];
  if (input.ready) picked.push("ready");
  if (input.blocked) picked.push("blocked");
  if (input.inProgress) picked.push("in_progress");
  if (picked.length > 0 && !input.all) return new Set(picked);
  const open: QueueState[] = ["ready", "in_progress", "blocked", "deferred", "not_work"];
  return new Set(input.all ? [...open, "closed"] : open);
}

/** Reads one workspace and reports read problems; undefined when it has no beads. */
async function queueOf(
  ctx: CliContext,
  dir: string,
  options: { readonly scoring: ScoringWeights; readonly includeClosed: boolean },
): Promise<TaskQueue | undefined> {
  const snapshot = await readBeads(dir, { fs: ctx.fs, clock: ctx.clock });
  warnProblems(ctx.out, snapshot);
  if (snapshot.source === undefined) {
    const line = `${dir}: ${NO_BEADS}`;
    if (ctx.globals.json) ctx.out.info(line);
    else ctx.out.print(line);
    return undefined;
  }
  return buildTaskQueue(snapshot, { now: ctx.clock.now(), ...options });
}

function warnProblems(out: Output, snapshot: BeadSnapshot): void {
  const file = snapshot.source ?? snapshot.workspace;
  if (snapshot.skippedLines > 0) {
    const n = snapshot.skippedLines;
    out.warn(`${file}: skipped ${n} unreadable line${n === 1 ? "" : "s"}`);
  }
  const counts = new Map<string, number>();
  for (const issue of snapshot.issues) counts.set(issue.kind, (counts.get(issue.kind) ?? 0) + 1);
  if (counts.size > 0) {
    const parts = [...counts].map(([kind, n]) => `${kind} ×${n}`);
    out.warn(`${file}: problems while reading: ${parts.join(", ")}`);
  }
  for (const issue of snapshot.issues.slice(0, 5)) {
    const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
    out.warn(`${where}: ${issue.message}`);
  }
}

function printTable(out: Output, beads: readonly QueuedBead[]): void {
  if (beads.length === 0) return;
  const rows = beads.map((q) => [
    q.bead.id,
    `P${q.bead.priority}`,
    String(q.score.total),
    out.style(STATE_STYLE[q.state], q.state),
    clip(q.bead.title, TITLE_WIDTH),
    q.state === "ready" ? "" : q.reason,
  ]);
  for (const line of formatTable(["ID", "P", "SCORE", "STATE", "TITLE", "REASON"], rows)) {
    out.print(line);
  }
}

function printExplained(out: Output, q: QueuedBead, scoring: ScoringWeights): void {
  const s = q.score;
  const n = s.unblockedCount;
  const sum = s.priority + s.unblocks + s.age + s.urgent;
  const lines: [string, string, string][] = [
    ["priority", String(s.priority), priorityLabel(q.bead.priority)],
    [
      "unblocks",
      String(s.unblocks),
      n === 1 ? "1 open bead waits on it" : `${n} open beads wait on it`,
    ],
    ["age", String(s.age), `${s.ageDays} day${s.ageDays === 1 ? "" : "s"} since created`],
    [
      "urgent",
      String(s.urgent),
      s.urgentLabels.length === 0 ? "no urgent label" : `label ${s.urgentLabels.join(", ")}`,
    ],
    ["score", String(s.total), sum > s.total ? `capped at ${scoring.total_cap}` : ""],
  ];
  out.print(`${out.style("bold", q.bead.id)}  ${q.bead.title}`);
  out.print(`  ${"state".padEnd(9)} ${out.style(STATE_STYLE[q.state], q.state)}`);
  for (const [name, points, why] of lines) {
    out.print(`  ${name.padEnd(9)} ${points.padStart(3)}  ${why}`.trimEnd());
  }
  if (q.state !== "ready") out.print(`  ${"why".padEnd(9)} ${q.reason}`);
  out.print();
}

function summaryOf(queue: TaskQueue, shown: number): string {
  const counts = new Map<QueueState, number>();
  for (const q of queue.beads) counts.set(q.state, (counts.get(q.state) ?? 0) + 1);
  const parts = [...counts].map(([state, n]) => `${n} ${state.replace("_", " ")}`);
  const cycles = queue.cycles.length === 0 ? "" : `; ${queue.cycles.length} dependency cycle(s)`;
  const missing = queue.missingBlockers.length === 0
    ? ""
    : `; missing blockers: ${queue.missingBlockers.join(", ")}`;
  return `${shown} shown of ${queue.beads.length} (${
    parts.join(", ") || "none"
  })${cycles}${missing}`;
}

function clip(text: string, width: number): string {
  const chars = [...text.replaceAll(/\s+/g, " ")];
  return chars.length <= width ? chars.join("") : `${chars.slice(0, width - 1).join("")}…`;
}
