/**
 * Turns the parsed lines of one log into store rows: usage priced (the agent's own cost wins),
 * attributed to a plan, a bead and a model (from the line, else from what the log said before,
 * else from the worker's status file), task events with durations, and worker events.
 */
import type { Config, LogRecord } from "../domain/mod.ts";
import { costOf, planForModel, priceFor } from "../domain/mod.ts";
import type { TaskRow, WorkerEventRow } from "../store/mod.ts";
import { UsageColumns } from "../store/mod.ts";

/** What a log has told so far, carried from batch to batch (saved with the offset). */
export interface LogContext {
  bead?: string;
  model?: string;
  taskStartedAt?: number;
  lastAt?: number;
}

/** Fixed facts about the log being read. */
export interface LogFacts {
  readonly workerId: string;
  readonly workspace: string;
  /** The worker's model from its status file, when the log never names one. */
  readonly statusModel: string | undefined;
  /** Time used for lines that have none and follow no line that had one. */
  readonly fallbackAt: number;
}

/** Rows of one batch. */
export interface BatchRows {
  readonly usage: UsageColumns;
  readonly tasks: TaskRow[];
  readonly events: WorkerEventRow[];
  /** Models priced with `default_price` because no table knew them. */
  readonly unknownModels: Set<string>;
}

/** Creates empty rows for a batch. */
export function emptyRows(): BatchRows {
  return { usage: new UsageColumns(), tasks: [], events: [], unknownModels: new Set() };
}

/**
 * Adds the rows of one parsed line.
 *
 * @param rows the batch being built
 * @param line the record, its byte offset, the log's facts and context, and the configuration
 */
export function addLineRows(
  rows: BatchRows,
  line: { record: LogRecord; offset: number; facts: LogFacts; context: LogContext; config: Config },
): void {
  const { record, offset, facts, context, config } = line;
  // Whole milliseconds: epoch seconds with a fraction (`1767225600.123456`) would otherwise be
  // stored as REAL, and SQL's hour and day buckets of a REAL are no bucket at all.
  const at = Math.floor(record.at ?? context.lastAt ?? facts.fallbackAt);
  if (record.at !== undefined) context.lastAt = record.at;
  let seq = 0;
  for (const event of record.events) {
    switch (event.kind) {
      case "usage": {
        const model = event.model ?? context.model ?? facts.statusModel ?? "unknown";
        if (event.model !== undefined) context.model = event.model;
        const bead = event.beadId ?? context.bead ?? null;
        const priced = event.costUsd === undefined
          ? priceFor(model, { prices: config.prices, defaultPrice: config.default_price })
          : undefined;
        if (priced?.source === "default") rows.unknownModels.add(model);
        rows.usage.push({
          offset,
          seq: seq++,
          at,
          workerId: facts.workerId,
          workspace: facts.workspace,
          beadId: bead,
          model,
          plan: planForModel(model, config.subscriptions)?.name ?? "",
          input: event.tokens.input,
          output: event.tokens.output,
          cacheRead: event.tokens.cacheRead,
          cacheWrite: event.tokens.cacheWrite,
          costUsd: event.costUsd ??
            costOf(event.tokens, (priced as { price: Config["default_price"] }).price),
          costSource: priced?.source ?? "log",
        });
        break;
      }
      case "task": {
        if (event.beadId !== undefined) context.bead = event.beadId;
        if (event.phase === "started") context.taskStartedAt = at;
        const duration = event.durationMs ??
          (event.phase !== "started" && context.taskStartedAt !== undefined
            ? at - context.taskStartedAt
            : null);
        rows.tasks.push({
          offset,
          seq: seq++,
          at,
          workerId: facts.workerId,
          workspace: facts.workspace,
          beadId: event.beadId ?? context.bead ?? null,
          model: context.model ?? facts.statusModel ?? "unknown",
          phase: event.phase,
          durationMs: duration === null ? null : Math.max(0, duration),
          error: event.error ?? null,
        });
        if (event.phase !== "started") delete context.taskStartedAt;
        break;
      }
      case "rate_limit":
        rows.events.push({
          offset,
          seq: seq++,
          at,
          workerId: facts.workerId,
          kind: "rate_limit",
          detail: {
            reset_at: event.resetAt ?? null,
            retrying: event.retrying,
            message: event.message,
          },
        });
        break;
      case "lifecycle":
        rows.events.push({
          offset,
          seq: seq++,
          at,
          workerId: facts.workerId,
          kind: event.phase,
          detail: { reason: event.reason ?? null },
        });
        break;
    }
  }
}
