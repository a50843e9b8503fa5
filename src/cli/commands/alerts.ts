/**
 * `forge alerts`: the open alerts (failing workers and beads, usage limits, budget), newest first,
 * and acknowledging them by id or all at once. `--all` adds acknowledged ones with who did it.
 */
import { ackAlerts, type AckOutcome, type AlertSelection } from "../../actions/mod.ts";
import { alertJson, toIso, UsageError } from "../../domain/mod.ts";
import type { AlertRow } from "../../store/mod.ts";
import { listAlerts } from "../../store/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { formatTable, type StyleName } from "../output.ts";
import { withIngestedStore } from "../store.ts";

/** Flags of `forge alerts`. */
export interface AlertsInput {
  readonly all: boolean;
  /** `--ack` values as typed (ids, or comma-separated ids). */
  readonly ack: readonly string[];
  readonly ackAll: boolean;
}

/** Alerts listed at most; older ones stay in the store. */
const LIMIT = 500;

const SEVERITY_STYLE: Readonly<Record<string, StyleName>> = {
  critical: "red",
  warning: "yellow",
  info: "cyan",
};

/**
 * Runs `forge alerts`.
 *
 * @param ctx the CLI context
 * @param input the flags
 * @returns exit code 0
 * @throws {UsageError} for an unreadable id, or `--ack` with `--ack-all` (exit 2)
 * @throws {NotFoundError} when an id names no alert; nothing is acknowledged then (exit 3)
 */
export async function runAlerts(ctx: CliContext, input: AlertsInput): Promise<number> {
  const selection = selectionOf(input);
  if (selection !== undefined) {
    const actions = await createActionContext(ctx);
    const outcome = await withIngestedStore(
      ctx,
      ({ store }) => ackAlerts({ ...actions, store }, selection),
    );
    printAck(ctx, outcome);
    return 0;
  }
  const rows = await withIngestedStore(
    ctx,
    ({ store }) => listAlerts(store, { all: input.all, limit: LIMIT }),
  );
  if (ctx.globals.json) ctx.out.printJson(rows.map(alertJson));
  else printList(ctx, rows, input.all);
  return 0;
}

function selectionOf(input: AlertsInput): AlertSelection | undefined {
  if (input.ackAll && input.ack.length > 0) {
    throw new UsageError("Cannot acknowledge alerts: give --ack IDS or --ack-all, not both");
  }
  if (input.ackAll) return { kind: "all" };
  if (input.ack.length === 0) return undefined;
  const ids = input.ack.flatMap((a) => a.split(",")).map((t) => t.trim()).filter((t) => t !== "");
  for (const id of ids) {
    if (!/^\d{1,15}$/.test(id)) {
      throw new UsageError(`Cannot read alert id "${id}": expected a whole number like 12`, {
        hint: "forge alerts lists the open alerts with their ids",
      });
    }
  }
  return { kind: "ids", ids: ids.map(Number) };
}

function printAck(ctx: CliContext, o: AckOutcome): void {
  if (ctx.globals.json) {
    ctx.out.printJson({ acknowledged: o.acknowledged, already: o.already });
    return;
  }
  const n = o.acknowledged.length;
  ctx.out.print(
    n === 0
      ? "No open alert to acknowledge."
      : `Acknowledged ${n} alert${n === 1 ? "" : "s"}: ${o.acknowledged.join(", ")}`,
  );
  if (o.already.length > 0) {
    ctx.out.info(`already acknowledged: ${o.already.join(", ")}`);
  }
}

function printList(ctx: CliContext, rows: readonly AlertRow[], all: boolean): void {
  const out = ctx.out;
  if (rows.length === 0) {
    out.print(all ? "No alerts." : "No open alerts.");
    return;
  }
  const width = Math.max(...rows.map((r) => r.severity.length));
  const cells = rows.map((a) => [
    String(a.id),
    out.style(SEVERITY_STYLE[a.severity] ?? "gray", a.severity.padEnd(width)),
    when(a.at),
    a.kind,
    a.subject,
    ...(all ? [a.acknowledgedAt === undefined ? "open" : `${a.acknowledgedBy ?? "?"}`] : []),
    a.message,
  ]);
  const header = [
    "ID",
    "SEVERITY",
    "TIME",
    "KIND",
    "SUBJECT",
    ...(all ? ["ACKED BY"] : []),
    "MESSAGE",
  ];
  for (const line of formatTable(header, cells)) out.print(line);
  if (rows.length === LIMIT) out.info(`showing the newest ${LIMIT}`);
  if (!all) out.info("acknowledge with: forge alerts --ack ID… (or --ack-all)");
}

function when(ms: number): string {
  return `${toIso(ms).replace("T", " ").slice(0, 19)}Z`;
}
