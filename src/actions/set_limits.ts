/**
 * Changing limits in the global configuration file (the one FORGE reads, or
 * FORGE_HOME/config.yaml when there is none): the most workers at once, overall or of one
 * workspace entry, and the monthly pay-per-token budget. Like the workspaces registry edit, it
 * keeps the user's comments and formatting (_limits_yaml.ts), checks the whole resulting file
 * against the schema before anything is written, writes atomically with the file's mode (0600
 * for a new file), one edit at a time (the same lock; all in _config_file_edit.ts), and audits
 * every change.
 *
 * Processes that are running keep the configuration they loaded: the orchestrator reads limits
 * once, when it starts.
 */
import { basename, resolve } from "node:path";
import {
  ConfigError,
  defaultConfig,
  NotFoundError,
  parseYamlSource,
  UsageError,
} from "../domain/mod.ts";
import { editConfigFile, type EditWording } from "./_config_file_edit.ts";
import { type NumberEdit, setYamlNumbers } from "./_limits_yaml.ts";
import type { EditContext } from "./edit_workspaces.ts";

/** The limits to set; at least one of `maxWorkers` and `monthlyBudgetUsd`. */
export interface LimitsRequest {
  readonly maxWorkers?: number | undefined;
  /** Set `maxWorkers` on this workspace entry (by name, path or folder name) instead. */
  readonly workspace?: string | undefined;
  readonly monthlyBudgetUsd?: number | undefined;
}

/** One value changed. */
export interface LimitChange {
  readonly key: "max_workers" | "budget.monthly_usd";
  /** The workspace entry's path, for its own `max_workers`. */
  readonly workspace: string | undefined;
  /** The value in effect before (the default when the file did not set it); undefined: none. */
  readonly from: number | undefined;
  readonly to: number;
}

/** What was changed, and where. */
export interface LimitsOutcome {
  readonly file: string;
  /** True when the file did not exist before. */
  readonly created: boolean;
  readonly changes: readonly LimitChange[];
}

const WORDING: EditWording = {
  symlinkHint: "edit its target instead",
  writeHint: "check the folder's permissions",
  invalid: ({ file, when, errors }) => {
    const [first] = errors;
    const where = `${first.key === "" ? "" : `${first.key}: `}${first.message}`;
    return when === "already"
      ? new ConfigError(
        `Cannot edit configuration file "${file}": it is invalid (${where})`,
        errors,
        { hint: "fix it first; forge config validate lists every problem" },
      )
      : new ConfigError(
        `Cannot change limits in "${file}": the file would be invalid (${where})`,
        errors,
        { hint: "nothing was written" },
      );
  },
};

/**
 * Sets limits in the configuration file.
 *
 * @param ctx ports, the working directory, the FORGE home and the audit sink
 * @param request the limits to set
 * @returns the file edited and each value's change
 * @throws {NotFoundError} for a workspace no entry of the file names
 * @throws {UsageError} when neither max_workers nor a budget is given
 * @throws {ForgeError} IO for a symlinked or unwritable file
 * @throws {ConfigError} when the file is invalid already, or would be after the change (nothing
 *   is written then)
 */
export async function setLimits(ctx: EditContext, request: LimitsRequest): Promise<LimitsOutcome> {
  if (request.maxWorkers === undefined && request.monthlyBudgetUsd === undefined) {
    throw new UsageError("Cannot change limits: give max_workers or a monthly budget");
  }
  return await editConfigFile(ctx, {
    wording: WORDING,
    change: async ({ file, text, created }) => {
      const planned = await plan(ctx, { text, file, request });
      const edited = await setYamlNumbers(text, planned.map((p) => p.edit));
      return { text: edited, outcome: { file, created, changes: planned.map((p) => p.change) } };
    },
    record: async (outcome) => {
      for (const change of outcome.changes) await audit(ctx, { file: outcome.file, change });
    },
  });
}

async function plan(
  ctx: EditContext,
  o: { readonly text: string; readonly file: string; readonly request: LimitsRequest },
): Promise<{ edit: NumberEdit; change: LimitChange }[]> {
  const value = ((await parseYamlSource(o.text, o.file)).value ?? {}) as Record<string, unknown>;
  const { maxWorkers, workspace, monthlyBudgetUsd } = o.request;
  const out: { edit: NumberEdit; change: LimitChange }[] = [];
  if (maxWorkers !== undefined && workspace !== undefined) {
    const entries = Array.isArray(value["workspaces"])
      ? value["workspaces"] as Record<string, unknown>[]
      : [];
    const index = entryIndex(ctx.cwd, entries, workspace);
    if (index === undefined) throw unknownWorkspace(o.file, { entries, workspace });
    const entry = entries[index] as Record<string, unknown>;
    out.push({
      edit: { path: ["workspaces", index, "max_workers"], value: maxWorkers },
      change: {
        key: "max_workers",
        workspace: String(entry["path"]),
        from: numberOr(entry["max_workers"], undefined),
        to: maxWorkers,
      },
    });
  } else if (maxWorkers !== undefined) {
    const fallback = (await defaultConfig()).max_workers;
    out.push({
      edit: { path: ["max_workers"], value: maxWorkers },
      change: {
        key: "max_workers",
        workspace: undefined,
        from: numberOr(value["max_workers"], fallback),
        to: maxWorkers,
      },
    });
  }
  if (monthlyBudgetUsd !== undefined) {
    const budget = value["budget"] as Record<string, unknown> | undefined;
    out.push({
      edit: { path: ["budget", "monthly_usd"], value: monthlyBudgetUsd },
      change: {
        key: "budget.monthly_usd",
        workspace: undefined,
        from: numberOr(budget?.["monthly_usd"], undefined),
        to: monthlyBudgetUsd,
      },
    });
  }
  return out;
}

/** The entry with this name, else this path, else the one folder of that name. */
function entryIndex(
  cwd: string,
  entries: readonly Record<string, unknown>[],
  selector: string,
): number | undefined {
  const wanted = selector.trim();
  const byName = entries.findIndex((e) => e["name"] === wanted);
  if (byName !== -1) return byName;
  const byPath = entries.findIndex((e) =>
    typeof e["path"] === "string" && resolve(cwd, e["path"]) === resolve(cwd, wanted)
  );
  if (byPath !== -1) return byPath;
  const lower = wanted.toLowerCase();
  const loose = entries.flatMap((e, i) =>
    String(e["name"] ?? "").toLowerCase() === lower ||
      basename(String(e["path"] ?? "")).toLowerCase() === lower
      ? [i]
      : []
  );
  return loose.length === 1 ? loose[0] : undefined;
}

function unknownWorkspace(
  file: string,
  o: { readonly entries: readonly Record<string, unknown>[]; readonly workspace: string },
): NotFoundError {
  const listed = o.entries.map((e) =>
    typeof e["name"] === "string" ? `${e["name"]} (${String(e["path"])})` : String(e["path"])
  );
  return new NotFoundError(
    `Cannot set max_workers of workspace "${o.workspace}": no workspace entry has this name or path`,
    {
      hint: listed.length === 0
        ? `no workspace is listed in ${file}; forge workspace add DIR adds one`
        : `listed: ${listed.join(", ")}`,
    },
  );
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === "number" ? value : fallback;
}

async function audit(
  ctx: EditContext,
  o: { readonly file: string; readonly change: LimitChange },
): Promise<void> {
  const c = o.change;
  await ctx.audit({
    actor: ctx.actor,
    action: "limits",
    target: c.workspace ?? "config",
    outcome: "ok",
    details: { file: o.file, key: c.key, from: c.from ?? null, to: c.to },
  });
}
