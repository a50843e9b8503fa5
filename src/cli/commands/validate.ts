/**
 * `forge validate launcher|status|logs|worker-config|backend <path>`: the test harness for every
 * integration surface. Exit 0 when valid, 1 when not, 3 when the file does not exist.
 * `FORGE_BACKEND_TIMEOUT_MS` lowers the backend harness's per-request limit (default 30 s).
 */
import { isAbsolute, resolve } from "node:path";
import { validateBackend } from "../../chat/mod.ts";
import { NotFoundError, UsageError } from "../../domain/mod.ts";
import {
  parseWorkerConfig,
  validateLauncher,
  validateLog,
  validateStatusText,
} from "../../workers/mod.ts";
import { forgeBinPath } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { EXIT } from "../exit_codes.ts";

/** One line of a report. */
interface Finding {
  readonly level: "pass" | "warn" | "fail";
  readonly label: string;
  readonly message: string;
}

/**
 * Runs `forge validate <surface> <path>`.
 *
 * @param ctx the CLI context
 * @param input the surface and the path (or, for a backend, the command line)
 * @returns 0 valid, 1 invalid
 */
export async function runValidate(
  ctx: CliContext,
  input: { readonly surface: string; readonly path: string },
): Promise<number> {
  const findings = input.surface === "backend"
    ? await backend(ctx, input.path)
    : await fileSurface(ctx, input.surface, input.path);
  const ok = findings.every((f) => f.level !== "fail");
  if (ctx.globals.json) {
    ctx.out.printJson({ surface: input.surface, target: input.path, valid: ok, findings });
  } else {
    const marks = {
      pass: ctx.out.style("green", "✓"),
      warn: ctx.out.style("yellow", "!"),
      fail: ctx.out.style("red", "✗"),
    };
    const width = Math.max(0, ...findings.map((f) => f.label.length));
    for (const f of findings) {
      ctx.out.print(`${marks[f.level]} ${f.label.padEnd(width)}  ${f.message}`);
    }
    const failed = findings.filter((f) => f.level === "fail").length;
    ctx.out.print(
      ok
        ? `${input.surface} ${input.path}: valid`
        : `${input.surface} ${input.path}: ${failed} problem(s)`,
    );
  }
  return ok ? EXIT.ok : EXIT.failure;
}

async function fileSurface(ctx: CliContext, surface: string, given: string): Promise<Finding[]> {
  const path = isAbsolute(given) ? given : resolve(ctx.cwd, given);
  const info = await ctx.fs.stat(path);
  if (info === undefined) {
    throw new NotFoundError(`Cannot validate ${surface} "${given}": no such file`);
  }
  switch (surface) {
    case "launcher": {
      const checks = await validateLauncher(path, {
        fs: ctx.fs,
        processes: ctx.processes,
        clock: ctx.clock,
        baseEnv: ctx.env.toObject(),
        forgeBin: await forgeBinPath(ctx),
      });
      return checks.map((c) => ({
        level: c.ok ? "pass" : "fail",
        label: c.id,
        message: c.message,
      }));
    }
    case "status": {
      const v = validateStatusText(await ctx.fs.readTextFile(path), { path, now: ctx.clock.now() });
      return listFindings(v.errors, v.warnings, "status file follows the protocol");
    }
    case "logs": {
      const v = await validateLog(ctx.fs, path);
      return listFindings(v.errors, v.warnings, `${v.summary.lines} lines follow the log protocol`);
    }
    case "worker-config": {
      const { issues } = await parseWorkerConfig(await ctx.fs.readTextFile(path), path);
      const at = (i: { line?: number; key: string; message: string }) =>
        `${i.line === undefined ? "" : `line ${i.line}: `}${
          i.key === "" ? "" : `${i.key}: `
        }${i.message}`;
      return listFindings(
        issues.filter((i) => i.severity === "error").map(at),
        issues.filter((i) => i.severity === "warning").map(at),
        "worker config is valid",
      );
    }
    default:
      throw new UsageError(
        `Cannot validate "${surface}": choose launcher, status, logs, worker-config or backend`,
      );
  }
}

function listFindings(
  errors: readonly string[],
  warnings: readonly string[],
  okMessage: string,
): Finding[] {
  const findings: Finding[] = [
    ...errors.map((m) => ({ level: "fail" as const, label: "error", message: m })),
    ...warnings.map((m) => ({ level: "warn" as const, label: "warning", message: m })),
  ];
  if (errors.length === 0) findings.unshift({ level: "pass", label: "ok", message: okMessage });
  return findings;
}

/** Per-request limit of the backend harness; the protocol's 30 s unless this variable says less. */
const BACKEND_TIMEOUT_VAR = "FORGE_BACKEND_TIMEOUT_MS";

function backendTimeoutMs(ctx: CliContext): number | undefined {
  const raw = ctx.env.get(BACKEND_TIMEOUT_VAR)?.trim() ?? "";
  if (raw === "") return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new UsageError(
      `Cannot use ${BACKEND_TIMEOUT_VAR} "${raw}": it takes a whole number of milliseconds above 0`,
    );
  }
  return Number(raw);
}

async function backend(ctx: CliContext, command: string): Promise<Finding[]> {
  const timeoutMs = backendTimeoutMs(ctx);
  const checks = await validateBackend(command, {
    processes: ctx.processes,
    clock: ctx.clock,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return checks.map((c) => ({ level: c.level, label: c.id, message: c.message }));
}
