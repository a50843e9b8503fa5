/**
 * After a command: the once-a-day update notice. On a terminal, prints the line the last
 * background check left (if it still applies) and, when that check is a day old, starts a
 * detached `forge update --check --json` that refreshes it for next time. The command never waits
 * for that check, never sees its output, and never fails because of any of this.
 */
import type { CliContext } from "./context.ts";

/** Commands after which no notice is shown: machine output, and the updater itself. */
const QUIET_COMMANDS: ReadonlySet<string> = new Set([
  "completions",
  "update",
  "rollback",
  "version",
]);

/** Global flags that take a value (their value is not the command name). */
const VALUE_FLAGS: ReadonlySet<string> = new Set(["--config", "--home"]);

/**
 * Shows the stored update notice and starts the background check when one is due. Everything
 * here is best effort: a failure is swallowed, so the command's own outcome stands.
 *
 * @param ctx the context the command ran in
 * @param run the arguments, whether stderr is a terminal, and (test builds only) the command
 *   line that runs this forge again: program, then leading arguments
 */
export async function updateNoticeHook(
  ctx: CliContext,
  run: {
    readonly args: readonly string[];
    readonly stderrIsTty: boolean;
    readonly refreshCommand?: readonly string[] | undefined;
  },
): Promise<void> {
  // Scripts and pipes are the common case: answer it before loading the updater.
  if (!run.stderrIsTty) return;
  try {
    const { checkDue, noticeLine, noticesWanted, readUpdateState, updateStatePath } = await import(
      "../update/mod.ts"
    );
    const gate = {
      env: (name: string) => ctx.env.get(name),
      stderrIsTty: run.stderrIsTty,
      quietCommand: ctx.globals.json || QUIET_COMMANDS.has(commandOf(run.args) ?? ""),
    };
    // The configuration is read only when nothing else already said no; it is cached when the
    // command loaded it, and a broken one means no notice (the user may have opted out in it).
    if (!noticesWanted({ ...gate, configCheck: true })) return;
    const configCheck = (await ctx.config()).config.update.check;
    if (!noticesWanted({ ...gate, configCheck })) return;
    const { updateRuntime } = await import("./commands/update.ts");
    const rt = updateRuntime(ctx);
    const now = rt.clock.now();
    const state = await readUpdateState(rt.fs, updateStatePath(rt.stateDir), now);
    if (checkDue({ ...gate, configCheck, state, now })) {
      const { forgeBinPath } = await import("./actions.ts");
      startRefresh(ctx, run.refreshCommand ?? [await forgeBinPath(ctx)]);
    }
    const line = noticeLine(state, rt.currentVersion);
    if (line !== undefined) ctx.out.info(line);
  } catch {
    // A notice is never worth failing (or delaying) the command for.
  }
}

/** The first operand: the command (`forge --home x config path` → `config`). */
function commandOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (VALUE_FLAGS.has(arg)) i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/**
 * Starts the check in its own session with no stdio and lets go of it: this process exits
 * whenever it likes, and a release server that never answers holds up only the child.
 */
function startRefresh(ctx: CliContext, command: readonly string[]): void {
  const [program, ...lead] = command;
  if (program === undefined) return;
  const config = ctx.globals.config === undefined ? [] : ["--config", ctx.globals.config];
  const child = new Deno.Command(program, {
    args: [...lead, "--home", ctx.home, ...config, "update", "--check", "--json"],
    env: { FORGE_NO_UPDATE_CHECK: "1" },
    stdin: "null",
    stdout: "null",
    stderr: "null",
    detached: true,
  }).spawn();
  child.unref();
}
