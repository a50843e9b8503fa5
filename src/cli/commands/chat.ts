/**
 * `forge chat "<request>"`: one request in words, answered by the fast path or the configured
 * backend; anything that needs confirmation is asked on a terminal (or taken with --yes).
 * `forge chat` alone on a terminal keeps asking until `quit`; `--tools` prints the tool catalog
 * in OpenAI's function format; `--history` prints recent exchanges.
 */
import { createSnapshotSource } from "../../actions/mod.ts";
import {
  callSummary,
  type ChatDeps,
  type ChatOutcome,
  confirmationLines,
  executePlan,
  openAiTools,
  outcomeLines,
  planChat,
  readHistory,
} from "../../chat/mod.ts";
import { UsageError } from "../../domain/mod.ts";
import { createActionContext } from "../actions.ts";
import type { CliContext } from "../context.ts";
import { VERSION } from "../version.ts";
import { withIngestedStore } from "../store.ts";
import { resolveWorkspaces } from "../workspaces.ts";
import { createChatDeps } from "./_chat_deps.ts";

/** Flags of `forge chat`. */
export interface ChatInput {
  readonly words: readonly string[];
  readonly yes: boolean;
  readonly tools: boolean;
  readonly dryRun: boolean;
  /** `--history [n]`: print recent exchanges instead (true: 20). */
  readonly history: string | boolean | undefined;
}

/**
 * Runs `forge chat`.
 *
 * @param ctx the CLI context
 * @param input the request's words and flags
 * @returns 0 when every call was done, 1 when one failed or was refused, 2 when a call needed a
 *   confirmation no one could give
 */
export async function runChat(ctx: CliContext, input: ChatInput): Promise<number> {
  if (input.tools) {
    ctx.out.printJson(await openAiTools());
    return 0;
  }
  const actions = await createActionContext(ctx);
  const history = historyCount(input.history);
  if (history !== undefined) return await printHistory(ctx, actions.layout.chatHistory, history);
  const text = input.words.length === 1 && input.words[0] === "-"
    ? await readRequest()
    : input.words.join(" ").trim();
  const interactive = Deno.stdin.isTerminal() && ctx.out.isTty && !ctx.out.json;
  if (text === "" && !interactive) {
    throw new UsageError("Cannot chat: no request given", {
      hint: 'forge chat "spawn 2 sim", forge chat - (the request on stdin), or forge chat ' +
        "alone on a terminal to keep asking",
    });
  }
  const workspaces = await resolveWorkspaces(ctx, {
    flags: [],
    config: actions.config,
    purpose: "chat",
  }).catch(() => []);
  // Cost answers read the store: bring it up to date first, as `forge costs` does.
  return await withIngestedStore(ctx, async ({ store }) => {
    const source = createSnapshotSource(actions, {
      role: "observer",
      workspaces,
      version: VERSION,
      store,
    });
    try {
      const deps = await createChatDeps(actions, {
        surface: "cli",
        gather: () => source.gather(),
        workspaces,
        store,
      });
      if (text !== "") return await once(ctx, deps, text, input);
      return await converse(ctx, deps, input);
    } finally {
      source.close();
    }
  });
}

/**
 * `forge chat` alone on a terminal: one request after another until quit or Ctrl-D. Each answer
 * says what failed, so leaving is a success (exit 0) whatever the requests came to.
 */
async function converse(ctx: CliContext, deps: ChatDeps, input: ChatInput): Promise<number> {
  ctx.out.info('ask in words ("help" lists what works without a backend; "quit" leaves)');
  const { input: ask } = await import("@inquirer/prompts");
  for (;;) {
    const line = await ask({ message: "forge>" }).catch(() => "quit");
    if (/^\s*(quit|exit|q)\s*$/i.test(line)) return 0;
    if (line.trim() !== "") await once(ctx, deps, line, input);
  }
}

async function once(
  ctx: CliContext,
  deps: ChatDeps,
  text: string,
  input: ChatInput,
): Promise<number> {
  const plan = await planChat(deps, text);
  if (plan.quit) return 0;
  let approved = input.yes;
  let unanswerable = false;
  if (plan.confirmation !== undefined && !input.yes && !input.dryRun) {
    const canAsk = Deno.stdin.isTerminal() && ctx.out.isTty && !ctx.out.json;
    if (canAsk) {
      for (const line of confirmationLines(plan).slice(1)) ctx.out.info(line.trim());
      const { confirm } = await import("@inquirer/prompts");
      approved = await confirm({ message: plan.confirmation.title, default: false })
        .catch(() => false);
    } else {
      unanswerable = true;
    }
  }
  if (input.dryRun) {
    printPlan(ctx, plan);
    return plan.rejected.length > 0 || plan.error !== undefined ? 1 : 0;
  }
  const outcome = await executePlan(deps, plan, { approved });
  if (ctx.out.json) ctx.out.printJson(outcomeJson(outcome));
  else {
    for (const line of outcomeLines(outcome)) {
      const styled = line.tone === "ok"
        ? ctx.out.style("green", line.text)
        : line.tone === "error"
        ? ctx.out.style("red", line.text)
        : line.tone === "dim"
        ? ctx.out.style("dim", line.text)
        : line.text;
      ctx.out.print(styled);
    }
    if (unanswerable) {
      ctx.out.info("no terminal to ask on: add --yes to confirm");
    }
  }
  if (unanswerable) return 2;
  const understood = outcome.results.length > 0;
  const allDone = outcome.results.every((r) => r.outcome === "done");
  return understood && allDone && plan.error === undefined ? 0 : 1;
}

function printPlan(ctx: CliContext, plan: Awaited<ReturnType<typeof planChat>>): void {
  const value = {
    text: plan.text,
    answered_by: plan.answeredBy,
    message: plan.message,
    error: plan.error ?? null,
    calls: plan.steps.map((s) => ({
      id: s.call.id,
      tool: s.call.tool,
      arguments: s.call.arguments,
      confirmation: s.confirmation?.title ?? null,
    })),
    rejected: plan.rejected,
  };
  if (ctx.out.json) {
    ctx.out.printJson(value);
    return;
  }
  if (plan.error !== undefined) ctx.out.print(ctx.out.style("red", plan.error));
  if (plan.message !== "") ctx.out.print(plan.message);
  for (const s of value.calls) {
    ctx.out.print(
      `would call ${s.tool} ${JSON.stringify(s.arguments)}${
        s.confirmation === null ? "" : ` (asks: ${s.confirmation})`
      }`,
    );
  }
  for (const r of plan.rejected) ctx.out.print(ctx.out.style("red", `✗ ${r.tool}: ${r.message}`));
}

function outcomeJson(outcome: ChatOutcome): unknown {
  const { plan } = outcome;
  return {
    text: plan.text,
    answered_by: plan.answeredBy,
    message: plan.message,
    suggestions: plan.suggestions,
    error: plan.error ?? null,
    confirmation: plan.confirmation?.title ?? null,
    calls: outcome.results.map((r) => ({
      ...callSummary(r),
      ...(r.data === undefined ? {} : { data: r.data }),
    })),
  };
}

async function printHistory(ctx: CliContext, path: string, limit: number): Promise<number> {
  const { entries, skipped } = await readHistory(ctx.fs, path, limit);
  if (ctx.out.json) ctx.out.printJson({ entries, skipped });
  else {
    if (entries.length === 0) ctx.out.print("No chat history yet.");
    for (const e of entries) {
      ctx.out.print(`${e.at}  ${e.who} (${e.via}, ${e.answered_by}): ${e.text}`);
      if (e.error !== null) ctx.out.print(`  ✗ ${e.error}`);
      for (const c of e.calls) {
        ctx.out.print(`  ${c.outcome === "done" ? "✓" : "✗"} ${c.tool}: ${c.message}`);
      }
    }
  }
  if (skipped > 0) {
    ctx.out.warn(`${path}: ${skipped} damaged line${skipped === 1 ? "" : "s"} skipped`);
  }
  return 0;
}

function historyCount(value: string | boolean | undefined): number | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return 20;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(`Cannot show chat history "${value}": give a whole number of exchanges`, {
      hint: "forge chat --history 20",
    });
  }
  return n;
}

/** `forge chat -`: the request is stdin (at most 64 KiB), for scripts. */
async function readRequest(): Promise<string> {
  const text = await new Response(Deno.stdin.readable).text();
  if (text.length > 65_536) {
    throw new UsageError("Cannot chat: the request on stdin is longer than 64 KiB");
  }
  return text.trim();
}
