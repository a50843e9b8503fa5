/**
 * FORGE's own log: `FORGE_HOME/logs/forge.log`, rotated, redacted. `--debug` or
 * `FORGE_LOG_LEVEL=debug` lowers the level; a home that cannot be written simply gets no log here
 * (the commands that must write there report it).
 */
import { configure, dispose, getTextFormatter } from "@logtape/logtape";
import type { LogLevel as TapeLevel } from "@logtape/logtape";
import { getRotatingFileSink } from "@logtape/file";
import { redact } from "../domain/mod.ts";
import type { CliContext } from "./context.ts";

const LEVELS: Readonly<Record<string, TapeLevel>> = {
  trace: "trace",
  debug: "debug",
  info: "info",
  warn: "warning",
  warning: "warning",
  error: "error",
};

/**
 * Starts FORGE's log for this run.
 *
 * @param ctx the command context
 * @returns a function that flushes and closes the log
 */
export async function startLogging(ctx: CliContext): Promise<() => Promise<void>> {
  const requested = ctx.globals.debug
    ? "debug"
    : ctx.env.get("FORGE_LOG_LEVEL")?.toLowerCase() ?? "info";
  const level = LEVELS[requested] ?? "info";
  try {
    await ctx.fs.mkdirp(ctx.layout.logs);
  } catch {
    return async () => {};
  }
  const text = getTextFormatter();
  await configure({
    reset: true,
    sinks: {
      file: getRotatingFileSink(ctx.layout.forgeLog, {
        maxSize: 5 * 1024 * 1024,
        maxFiles: 3,
        formatter: (record) => redact(text(record)),
      }),
    },
    loggers: [
      { category: ["forge"], lowestLevel: level, sinks: ["file"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["file"] },
    ],
  });
  return dispose;
}
