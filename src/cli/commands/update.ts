/**
 * `forge update [--check] [--channel C] [--version V] [--allow-downgrade] [--dry-run] [--yes]`
 * and `forge rollback [--yes]`: the CLI side of self-update. Builds the updater's runtime from
 * this process (tests replace parts through the context), asks before installing on a terminal,
 * draws a progress bar, and turns the outcome into text or JSON and an exit code.
 */
import {
  DEFAULT_MANIFEST_URL,
  ROOT_KEYS,
  runRollback,
  runUpdate,
  SELF_UPDATE_DISABLED,
  type UpdateFailure,
  type UpdateOutcome,
  type UpdateRuntime,
} from "../../update/mod.ts";
import { join, resolve } from "node:path";
import { UsageError } from "../../domain/mod.ts";
import { denoBinaryFiles } from "../../platform/mod.ts";
import type { CliContext } from "../context.ts";
import { EXIT } from "../exit_codes.ts";
import { VERSION } from "../version.ts";

/** Flags of `forge update`. */
export interface UpdateInput {
  readonly check: boolean;
  readonly channel: string | undefined;
  readonly version: string | undefined;
  readonly allowDowngrade: boolean;
  readonly dryRun: boolean;
  readonly yes: boolean;
  readonly fromFile?: string | undefined;
  readonly manifest?: string | undefined;
}

/** Exit codes of the updater (see README "forge update"). */
const FAILURE_EXIT: Readonly<Record<UpdateFailure, number>> = {
  usage: EXIT.usage,
  "no-build": EXIT.notFound,
  verification: EXIT.refused,
  refused: 5,
  network: 6,
  locked: 7,
  "self-test": 8,
  "swap-failed": 9,
  "restore-failed": 10,
  cancelled: EXIT.failure,
};

/**
 * The updater's runtime for this process.
 *
 * @param ctx the CLI context
 * @returns the runtime (with the context's test overrides applied)
 */
export function updateRuntime(ctx: CliContext): UpdateRuntime {
  const base: UpdateRuntime = {
    execPath: ctx.runtime.execPath,
    standalone: Deno.build.standalone === true,
    target: Deno.build.target,
    platform: Deno.build.os === "windows" ? "windows" : "unix",
    currentVersion: VERSION,
    roots: ROOT_KEYS,
    selfUpdateDisabled: SELF_UPDATE_DISABLED,
    pid: ctx.runtime.pid,
    stateDir: ctx.layout.state,
    fs: ctx.fs,
    files: denoBinaryFiles,
    processes: ctx.processes,
    clock: ctx.clock,
    env: ctx.env,
    fetch: globalThis.fetch,
    random: () => crypto.randomUUID().slice(0, 8),
  };
  return { ...base, ...(ctx.updateOverrides ?? {}) };
}

/**
 * Runs `forge update`.
 *
 * @param ctx the CLI context
 * @param input the flags
 * @returns the exit code
 */
export async function runUpdateCommand(ctx: CliContext, input: UpdateInput): Promise<number> {
  const config = (await ctx.config()).config;
  const channel = input.channel ?? config.update.channel;
  if (channel !== "stable" && channel !== "beta") {
    throw new UsageError(`Cannot use channel "${channel}": choose stable or beta`);
  }
  if ((input.fromFile === undefined) !== (input.manifest === undefined)) {
    throw new UsageError("Cannot install offline without both --from-file and --manifest", {
      hint: "forge update --from-file ./forge-x86_64-unknown-linux-gnu --manifest ./manifest.json",
    });
  }
  const rt = updateRuntime(ctx);
  const local = input.fromFile === undefined || input.manifest === undefined ? {} : {
    local: {
      binary: resolve(ctx.cwd, input.fromFile),
      manifest: resolve(ctx.cwd, input.manifest),
    },
  };
  const request = {
    ...local,
    check: input.check,
    channel,
    version: input.version,
    allowDowngrade: input.allowDowngrade,
    dryRun: input.dryRun,
    manifestUrl: manifestUrl(ctx, config.update.manifest_url),
    ...stallTimeout(ctx),
  } as const;
  if (!input.check && !input.dryRun && !input.yes) {
    // Look first, then ask: nothing is downloaded before the user agrees.
    const look = await runUpdate(rt, { ...request, check: true });
    if (!look.ok || look.status !== "available") return report(ctx, look, "update");
    if (!await confirm(ctx, `Install forge ${look.to} (you have ${look.from})?`)) {
      throw new UsageError(`Cannot install forge ${look.to} without confirmation`, {
        hint: "add --yes",
      });
    }
  }
  const bar = progressBar(ctx);
  const outcome = await runUpdate(
    { ...rt, ...(bar === undefined ? {} : { onProgress: bar }) },
    request,
  );
  if (bar !== undefined) ctx.out.write("\r\u001b[2K");
  if (outcome.ok && outcome.status === "updated") await rememberSchema(ctx, outcome.from);
  return report(ctx, outcome, "update");
}

/**
 * Runs `forge rollback`.
 *
 * @param ctx the CLI context
 * @param input whether the user already confirmed
 * @returns the exit code
 */
export async function runRollbackCommand(
  ctx: CliContext,
  input: { readonly yes: boolean },
): Promise<number> {
  const rt = updateRuntime(ctx);
  if (
    !input.yes &&
    !await confirm(ctx, `Replace forge ${rt.currentVersion} with the previous version?`)
  ) {
    throw new UsageError("Cannot roll back without confirmation", { hint: "add --yes" });
  }
  const outcome = await runRollback(rt);
  return report(ctx, outcome.ok ? await restoreDatabase(ctx, outcome) : outcome, "rollback");
}

function manifestUrl(ctx: CliContext, configured: string | undefined): string {
  const base = ctx.env.get("FORGE_UPDATE_BASE_URL");
  if (base === undefined || base === "") return configured ?? DEFAULT_MANIFEST_URL;
  const url = new URL(base.endsWith("/") ? base : `${base}/`);
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new UsageError(
      `Cannot use FORGE_UPDATE_BASE_URL "${base}": it must be https (http only on loopback)`,
    );
  }
  return new URL("manifest.json", url).href;
}

function stallTimeout(ctx: CliContext): { readonly stallTimeoutMs?: number } {
  const raw = ctx.env.get("FORGE_UPDATE_STALL_TIMEOUT");
  if (raw === undefined || raw === "") return {};
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`Cannot use FORGE_UPDATE_STALL_TIMEOUT "${raw}": give seconds, e.g. 30`);
  }
  return { stallTimeoutMs: Math.round(seconds * 1000) };
}

async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  if (!Deno.stdin.isTerminal() || !ctx.out.isTty || ctx.out.json) return false;
  const { confirm } = await import("@inquirer/prompts");
  return await confirm({ message: question, default: false });
}

function progressBar(ctx: CliContext): ((received: number, total: number) => void) | undefined {
  if (!ctx.out.isTty || ctx.out.json) return undefined;
  let last = -1;
  return (received, total) => {
    const pct = total > 0 ? Math.floor((received / total) * 100) : 0;
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    const mib = (n: number) => (n / 1048576).toFixed(1);
    ctx.out.write(
      `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${pct}% ${mib(received)}/${
        mib(total)
      } MiB`,
    );
  };
}

function report(ctx: CliContext, outcome: UpdateOutcome, command: "update" | "rollback"): number {
  const code = outcome.ok ? EXIT.ok : FAILURE_EXIT[outcome.failure];
  if (ctx.out.json) {
    ctx.out.printJson({
      command,
      status: outcome.ok ? outcome.status : "failed",
      from: outcome.from,
      to: outcome.to ?? null,
      target: outcome.target ?? null,
      exit_code: code,
      warnings: outcome.warnings,
      ...(outcome.ok
        ? { message: outcome.message }
        : { error: { code: outcome.failure, message: outcome.message } }),
    });
    return code;
  }
  for (const w of outcome.warnings) ctx.out.warn(w);
  if (outcome.ok) ctx.out.print(outcome.message);
  else ctx.out.error(outcome.message);
  return code;
}

/** The database schema the version being replaced reads, kept with its saved binary. */
async function rememberSchema(ctx: CliContext, version: string): Promise<void> {
  const { SCHEMA_VERSION } = await import("../../store/mod.ts");
  const path = join(ctx.layout.state, "versions", version, "state.json");
  await ctx.fs.writeFileAtomic(path, `${JSON.stringify({ state_schema: SCHEMA_VERSION })}\n`)
    .catch(() => {});
}

/** After a rollback: give the restored forge the database as it was before a newer one migrated it. */
async function restoreDatabase(
  ctx: CliContext,
  outcome: Extract<UpdateOutcome, { ok: true }>,
): Promise<UpdateOutcome> {
  const path = join(ctx.layout.state, "versions", outcome.to ?? "", "state.json");
  const schema = await ctx.fs.readTextFile(path).then((t) => Number(JSON.parse(t).state_schema))
    .catch(() => NaN);
  if (!Number.isInteger(schema)) return outcome;
  const { restoreSchemaBackup } = await import("../../store/mod.ts");
  const done = restoreSchemaBackup(ctx.layout.database, schema);
  if (done.kind === "restored") {
    return {
      ...outcome,
      message:
        `${outcome.message} Its database (schema ${done.to}) is back as it was before forge ${outcome.from} migrated it; the newer one is kept at ${done.kept}.`,
    };
  }
  if (done.kind === "no-backup") {
    return {
      ...outcome,
      warnings: [
        ...outcome.warnings,
        `forge rollback: the database was migrated to schema ${done.from}, which forge ${outcome.to} cannot read (it reads up to ${done.to}), and no copy from before the migration exists. Run 'forge update' to return to ${outcome.from}, or start forge ${outcome.to} with another FORGE_HOME.`,
      ],
    };
  }
  return outcome;
}
