/**
 * `forge audit`: who did what, newest first, optionally one action or one actor. Logs are
 * ingested first, like every command that reads the store.
 */
import type { AuditEntryReport, AuditReport } from "../../domain/mod.ts";
import { toIso, UsageError } from "../../domain/mod.ts";
import { readAudit } from "../../store/mod.ts";
import type { CliContext } from "../context.ts";
import { formatTable } from "../output.ts";
import { withIngestedStore } from "../store.ts";
import { parseWhen } from "./_when.ts";

const WEEK = 7 * 86_400_000;

/** Flags of `forge audit`. */
export interface AuditInput {
  readonly since: string | undefined;
  readonly action: string | undefined;
  readonly actor: string | undefined;
  /** As typed: a whole number. */
  readonly limit: string;
}

function parseLimit(text: string): number {
  if (!/^\d{1,7}$/.test(text.trim()) || Number(text) < 1) {
    throw new UsageError(`Cannot read --limit "${text}": expected a whole number from 1, like 100`);
  }
  return Number(text);
}

function row(e: AuditEntryReport): string[] {
  const details = JSON.stringify(e.details);
  return [
    e.at.replace("T", " ").slice(0, 19) + "Z",
    e.actor,
    e.interface,
    e.action,
    e.target,
    e.outcome,
    details === "{}" ? "" : details.length > 60 ? `${details.slice(0, 59)}…` : details,
  ];
}

/**
 * Runs `forge audit`.
 *
 * @param ctx the CLI context
 * @param input the flags
 * @returns exit code 0
 * @throws {UsageError} for unreadable flags (before anything is read)
 */
export async function runAudit(ctx: CliContext, input: AuditInput): Promise<number> {
  const now = ctx.clock.now();
  const since = input.since === undefined
    ? now - WEEK
    : parseWhen(input.since, { flag: "--since", now });
  const limit = parseLimit(input.limit);
  return await withIngestedStore(ctx, ({ store }) => {
    const entries = readAudit(store, {
      since,
      limit,
      ...(input.action === undefined ? {} : { action: input.action }),
      ...(input.actor === undefined ? {} : { actor: input.actor }),
    });
    const report: AuditReport = { generated_at: toIso(now), since: toIso(since), entries };
    if (ctx.globals.json) {
      ctx.out.printJson(report);
    } else if (entries.length === 0) {
      ctx.out.print(`No audit entries since ${toIso(since)}.`);
    } else {
      const header = ["TIME", "ACTOR", "VIA", "ACTION", "TARGET", "OUTCOME", "DETAILS"];
      for (const line of formatTable(header, entries.map(row))) ctx.out.print(line);
    }
    return 0;
  });
}
