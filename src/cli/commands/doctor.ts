/**
 * `forge doctor`: checks every integration surface and says what to fix. Exit 1 when something
 * is broken, 0 otherwise (warnings included).
 */
import { checkChat } from "./_doctor_chat.ts";
import type { CliContext } from "../context.ts";
import { EXIT } from "../exit_codes.ts";
import {
  checkConfig,
  checkFiles,
  checkHome,
  checkTools,
  checkWorkers,
  type Finding,
} from "./_doctor_checks.ts";

/**
 * Runs `forge doctor`.
 *
 * @param ctx the CLI context
 * @returns 0 healthy, 1 when any check found an error
 */
export async function runDoctor(ctx: CliContext): Promise<number> {
  const home = await checkHome(ctx);
  const homeOk = home.every((f) => f.level !== "error");
  const findings: Finding[] = [
    ...await checkTools(ctx),
    ...home,
    ...await checkConfig(ctx),
    ...(homeOk ? [...await checkWorkers(ctx), ...await checkFiles(ctx)] : []),
    ...await checkChat(ctx),
  ];
  const errors = findings.filter((f) => f.level === "error").length;
  const warnings = findings.filter((f) => f.level === "warn").length;
  if (ctx.globals.json) {
    ctx.out.printJson({ ok: errors === 0, errors, warnings, findings });
    return errors === 0 ? EXIT.ok : EXIT.failure;
  }
  const marks = {
    ok: ctx.out.style("green", "✓"),
    info: ctx.out.style("gray", "·"),
    warn: ctx.out.style("yellow", "!"),
    error: ctx.out.style("red", "✗"),
  };
  let group = "";
  for (const f of findings) {
    if (f.group !== group) {
      group = f.group;
      ctx.out.print(ctx.out.style("bold", group));
    }
    ctx.out.print(`  ${marks[f.level]} ${f.name}: ${f.detail}`);
  }
  ctx.out.print(
    errors === 0
      ? `All good${warnings > 0 ? ` (${warnings} warning(s))` : ""}.`
      : `${errors} problem(s) to fix, ${warnings} warning(s).`,
  );
  return errors === 0 ? EXIT.ok : EXIT.failure;
}
