/**
 * The report commands: `forge costs`, `forge metrics`, `forge audit`. Names, flags and help only;
 * each action lazy-imports its module, so other commands never load SQLite for them.
 */
import type { Command } from "@commander-js/extra-typings";
import type { ProgramHooks } from "./program.ts";

const WHEN = "a date (2026-11-01, 2026-11-01T10:00Z), a span back (30m, 24h, 7d, 2w), " +
  "today, week or month; UTC";

/**
 * Adds the report commands.
 *
 * @param program the root command
 * @param hooks how actions run
 */
export function addReportCommands(program: Command, hooks: ProgramHooks): void {
  program.command("costs")
    .description(
      "what usage cost: today, this week, this month, projection, plans and budget; " +
        "or one span --by model, worker, bead, workspace or plan",
    )
    .option("--since <when>", `start of the span (default: start of this month): ${WHEN}`)
    .option("--until <when>", "end of the span, exclusive (default: now, or the month's end)")
    .option("--by <dimension>", "group by model, worker, bead, workspace or plan")
    .option("--csv", "RFC 4180 CSV on stdout")
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/costs.ts")).runCosts(ctx, {
          since: opts.since,
          until: opts.until,
          by: opts.by,
          csv: opts.csv === true,
        })
      )
    );

  program.command("metrics")
    .description(
      "per model: tasks done and failed, success rate, p50/p95/p99 duration, throughput, cost per task",
    )
    .option("--since <when>", `start of the period (default: 7d): ${WHEN}`)
    .option("--until <when>", "end of the period, exclusive (default: now)")
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/metrics.ts")).runMetrics(ctx, {
          since: opts.since,
          until: opts.until,
        })
      )
    );

  program.command("audit")
    .description("who did what, newest first")
    .option("--since <when>", `entries from (default: 7d): ${WHEN}`)
    .option("--action <action>", "only this action (spawn, kill, pause, …)")
    .option("--actor <actor>", "only this actor: user@host, or a user on any host")
    .option("--limit <n>", "at most this many entries", "100")
    .action((opts) =>
      hooks.dispatch(async (ctx) =>
        (await import("./commands/audit.ts")).runAudit(ctx, {
          since: opts.since,
          action: opts.action,
          actor: opts.actor,
          limit: opts.limit,
        })
      )
    );
}
