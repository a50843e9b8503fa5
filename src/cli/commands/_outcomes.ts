/**
 * Prints per-worker outcomes of pause, resume and kill.
 */
import type { ControlOutcome } from "../../actions/mod.ts";
import type { CliContext } from "../context.ts";
import { EXIT } from "../exit_codes.ts";

/**
 * Prints outcomes (or JSON) and picks the exit code.
 *
 * @param ctx the CLI context
 * @param outcomes one per worker
 * @param none the line shown when there were no workers
 * @returns 0 unless one failed
 */
export function printOutcomes(
  ctx: CliContext,
  outcomes: readonly ControlOutcome[],
  none: string,
): number {
  if (ctx.globals.json) {
    ctx.out.printJson(
      outcomes.map((o) => ({ worker_id: o.workerId, result: o.result, message: o.message })),
    );
  } else if (outcomes.length === 0) {
    ctx.out.print(none);
  } else {
    for (const o of outcomes) {
      const mark = o.result === "done"
        ? ctx.out.style("green", "✓")
        : o.result === "skipped"
        ? ctx.out.style("gray", "-")
        : ctx.out.style("red", "✗");
      ctx.out.print(`${mark} ${o.workerId}: ${o.message}`);
    }
  }
  return outcomes.some((o) => o.result === "failed") ? EXIT.failure : EXIT.ok;
}
