/**
 * How `forge workspace` prints: the edit made, the registry with bead counts, and what a search
 * found; each as text or, with `--json`, as snake_case JSON.
 */
import type {
  Discovery,
  NewWorkspace,
  WorkspaceEditOutcome,
  WorkspaceRow,
} from "../../actions/mod.ts";
import type { CliContext } from "../context.ts";
import { formatTable } from "../output.ts";

/**
 * Prints an add or remove.
 *
 * @param ctx the CLI context
 * @param o what the edit did
 */
export function printEdit(ctx: CliContext, o: WorkspaceEditOutcome): void {
  for (const w of o.warnings) ctx.out.warn(w);
  if (ctx.globals.json) {
    ctx.out.printJson({
      file: o.file,
      created: o.created,
      added: o.added.map(newJson),
      removed: o.removed ?? null,
      warnings: o.warnings,
    });
    return;
  }
  const tick = ctx.out.style("green", "✓");
  if (o.created) ctx.out.info(`created ${o.file}`);
  for (const w of o.added) {
    ctx.out.print(
      `${tick} added ${w.path}${w.name === undefined ? "" : ` (${w.name})`} to ${o.file}`,
    );
  }
  if (o.removed !== undefined) {
    const name = typeof o.removed["name"] === "string" ? ` (${o.removed["name"]})` : "";
    ctx.out.print(`${tick} removed ${String(o.removed["path"])}${name} from ${o.file}`);
  }
}

function newJson(w: NewWorkspace): Record<string, unknown> {
  return {
    path: w.path,
    name: w.name ?? null,
    priority: w.priority ?? null,
    max_workers: w.maxWorkers ?? null,
  };
}

/**
 * Prints the registry.
 *
 * @param ctx the CLI context
 * @param rows the workspaces (listWorkspaces())
 */
export function printWorkspaces(ctx: CliContext, rows: readonly WorkspaceRow[]): void {
  if (ctx.globals.json) {
    ctx.out.printJson(rows.map(rowJson));
    return;
  }
  if (rows.length === 0) {
    ctx.out.print("No workspace is listed, and this directory has no .beads/.");
    ctx.out.info("add one: forge workspace add DIR (or find them: forge workspace discover DIR)");
    return;
  }
  const cells = rows.map((r) => [
    r.current ? "*" : "",
    r.name ?? "-",
    r.path,
    r.listed ? (r.enabled ? "yes" : "no") : "implicit",
    String(r.priority),
    r.maxWorkers === undefined ? "-" : String(r.maxWorkers),
    r.format ?? "-",
    count(r.counts?.ready),
    count(r.counts?.inProgress),
    count(r.counts?.open),
    note(r),
  ]);
  const header = [
    "",
    "NAME",
    "PATH",
    "ENABLED",
    "PRIORITY",
    "MAX",
    "FORMAT",
    "READY",
    "IN PROGRESS",
    "OPEN",
    "NOTE",
  ];
  for (const line of formatTable(header, cells)) ctx.out.print(line);
  if (rows.some((r) => !r.listed)) {
    ctx.out.info("* current directory; `forge workspace add .` lists it for good");
  }
}

function count(n: number | undefined): string {
  return n === undefined ? "-" : String(n);
}

function note(r: WorkspaceRow): string {
  const parts: string[] = [];
  if (!r.listed) parts.push("current directory, not listed");
  if (r.problem !== undefined) parts.push(r.problem);
  return parts.join("; ");
}

function rowJson(r: WorkspaceRow): Record<string, unknown> {
  return {
    name: r.name ?? null,
    path: r.path,
    enabled: r.enabled,
    priority: r.priority,
    max_workers: r.maxWorkers ?? null,
    listed: r.listed,
    current: r.current,
    format: r.format ?? null,
    counts: r.counts === undefined
      ? null
      : { ready: r.counts.ready, in_progress: r.counts.inProgress, open: r.counts.open },
    problem: r.problem ?? null,
  };
}

/**
 * Prints what a search found, and what `--add` added.
 *
 * @param ctx the CLI context
 * @param o the search result, the edit (when something was added) and whether `--add` was given
 */
export function printDiscovery(
  ctx: CliContext,
  o: {
    readonly discovery: Discovery;
    readonly added: WorkspaceEditOutcome | undefined;
    readonly adding: boolean;
  },
): void {
  const { found, truncated } = o.discovery;
  const addedPaths = new Set(o.added?.added.map((w) => w.path) ?? []);
  const state = (f: { path: string; listed: boolean }) =>
    f.listed ? "listed" : addedPaths.has(f.path) ? "added" : "new";
  if (ctx.globals.json) {
    ctx.out.printJson({
      found: found.map((f) => ({ path: f.path, format: f.format ?? null, state: state(f) })),
      file: o.added?.file ?? null,
      truncated,
    });
    return;
  }
  if (truncated) ctx.out.warn("stopped early: too many folders; narrow DIR or lower --depth");
  if (found.length === 0) {
    ctx.out.print("No folder with .beads/ found.");
    return;
  }
  const cells = found.map((f) => [f.path, f.format ?? "no bead file yet", state(f)]);
  for (const line of formatTable(["PATH", "FORMAT", "STATE"], cells)) ctx.out.print(line);
  if (o.added !== undefined) {
    const n = o.added.added.length;
    ctx.out.print(`${ctx.out.style("green", "✓")} added ${n} to ${o.added.file}`);
  } else if (!o.adding && found.some((f) => !f.listed)) {
    ctx.out.info("add the new ones with --add");
  }
}
