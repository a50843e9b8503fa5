/**
 * `forge init`: detects agent CLIs, asks a few questions (or takes the defaults with
 * `--non-interactive`) and writes config.yaml, worker configs and launchers into FORGE_HOME. It
 * never overwrites a changed file without asking (or `--force`).
 */
import { join } from "node:path";
import {
  builtinLauncherFiles,
  builtinWorkerConfigFiles,
  detectAgents,
  type DetectedAgent,
} from "../../workers/mod.ts";
import { ensureHome } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { type InitAnswers, planInit, type PlannedFile } from "./_init_plan.ts";

/** Flags of `forge init`. */
export interface InitInput {
  readonly nonInteractive: boolean;
  readonly force: boolean;
}

type Prompts = typeof import("@inquirer/prompts");

/**
 * Runs `forge init`.
 *
 * @param ctx the CLI context
 * @param input the flags
 * @returns exit code 0
 */
export async function runInit(ctx: CliContext, input: InitInput): Promise<number> {
  await ensureHome(ctx);
  const interactive = !input.nonInteractive && Deno.stdin.isTerminal() && ctx.out.isTty;
  const prompts = interactive ? await import("@inquirer/prompts") : undefined;
  const agents = await detectAgents(ctx.processes);
  if (!ctx.globals.json) {
    for (const a of agents) {
      ctx.out.info(
        a.path === undefined
          ? `  · ${a.command}: not found`
          : `  ✓ ${a.command}: ${a.version ?? "?"}${
            a.headless ? "" : " (no headless mode found in --help)"
          }`,
      );
    }
  }
  const answers = await ask(ctx, agents, prompts);
  const results: { path: string; what: string; result: string }[] = [];
  for (const file of planInit(ctx.layout, answers)) {
    results.push({
      path: file.path,
      what: file.what,
      result: await writeFile(ctx, file, { force: input.force, prompts }),
    });
  }
  if (ctx.globals.json) {
    ctx.out.printJson({ home: ctx.home, agents, files: results });
  } else {
    for (const r of results) ctx.out.print(`${r.result.padEnd(9)} ${r.path}  (${r.what})`);
    ctx.out.print(
      "\nNext: `forge doctor` checks everything; `forge spawn --worker sim` starts a simulated worker.",
    );
  }
  return 0;
}

async function ask(
  ctx: CliContext,
  agents: readonly DetectedAgent[],
  prompts: Prompts | undefined,
): Promise<InitAnswers> {
  const texts = new Map(
    (await builtinWorkerConfigFiles(ctx.fs)).map((
      f,
    ) => [f.path.split("/").pop()?.replace(".yaml", "") ?? "", f.text]),
  );
  const found = agents.filter((a) => a.path !== undefined).map((a) => a.worker);
  let chosen = [...found, "sim"];
  let maxWorkers = 4;
  const hasBeads = (await ctx.fs.stat(join(ctx.cwd, ".beads")))?.kind === "directory";
  let workspace = hasBeads ? ctx.cwd : undefined;
  if (prompts !== undefined) {
    chosen = await prompts.checkbox({
      message: "Which workers should FORGE run?",
      choices: [
        ...agents.map((a) => ({
          name: `${a.worker}${a.path === undefined ? " (not installed)" : ""}`,
          value: a.worker,
          checked: a.path !== undefined,
        })),
        { name: "sim (simulated, no AI)", value: "sim", checked: true },
      ],
    });
    maxWorkers = await prompts.number({
      message: "How many workers at most, at once?",
      default: 4,
      min: 1,
      max: 1000,
      required: true,
    }) ?? 4;
    if (
      hasBeads &&
      !await prompts.confirm({ message: `Add ${ctx.cwd} as a workspace?`, default: true })
    ) workspace = undefined;
  }
  const workers = [];
  for (const name of chosen) {
    const text = texts.get(name) ?? "";
    const builtinModel = /^model:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? name;
    const model = prompts !== undefined && name !== "sim"
      ? await prompts.input({ message: `Default model for ${name}:`, default: builtinModel })
      : builtinModel;
    workers.push({ name, model, text });
  }
  const launchers: Record<string, Record<string, string>> = {};
  for (const name of chosen) launchers[name] = await builtinLauncherFiles(name, ctx.fs);
  return { workers, maxWorkers, workspace, launchers };
}

async function writeFile(
  ctx: CliContext,
  file: PlannedFile,
  options: { force: boolean; prompts: Prompts | undefined },
): Promise<string> {
  const current = await ctx.fs.readTextFile(file.path).catch(() => undefined);
  if (current === file.text) return "unchanged";
  if (current !== undefined && !options.force) {
    const overwrite = options.prompts !== undefined &&
      await options.prompts.confirm({
        message: `${file.path} exists and differs. Overwrite it?`,
        default: false,
      });
    if (!overwrite) return "kept";
  }
  await ctx.fs.writeFileAtomic(file.path, file.text, { mode: file.mode });
  return current === undefined ? "written" : "replaced";
}
