/**
 * Names the fast path resolves against the fleet: worker ids, worker configs (by name or by the
 * model they run), models and workspaces. A name that resolves to nothing, or to several things,
 * is refused with the known ones, never guessed.
 */
import { suggestKey } from "../../domain/mod.ts";
import type { Failure, FastPathContext, Line } from "./_types.ts";
import { failure, isBeadId, listed } from "./_words.ts";

/** One configured workspace. */
export type Workspace = FastPathContext["workspaces"][number];

/** Model families worth filtering costs by even when no worker runs one now. */
const MODEL_FAMILIES = [
  "opus",
  "sonnet",
  "haiku",
  "claude",
  "gpt",
  "glm",
  "gemini",
  "llama",
  "qwen",
  "deepseek",
  "mistral",
  "codex",
  "kimi",
];

/**
 * A worker id as known: exact, else the one id that matches ignoring case.
 *
 * @param word the id as typed
 * @param context the workers there are
 * @returns the id, or undefined
 */
export function findWorker(word: string, context: FastPathContext): string | undefined {
  const ids = context.workers.map((w) => w.id);
  if (ids.includes(word)) return word;
  const folded = ids.filter((id) => id.toLowerCase() === word.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

/**
 * Refuses an unknown worker id, naming the known ones and the closest.
 *
 * @param what the action, e.g. `kill` or `assign bd-12 to`
 * @param word the id as typed
 * @param options the workers, and the line to suggest for a worker id
 * @returns the failure
 */
export function unknownWorker(
  what: string,
  word: string,
  options: { readonly workers: readonly string[]; readonly line: (worker: string) => string },
): Failure {
  const { workers, line } = options;
  const near = suggestKey(word, workers);
  return failure(
    workers.length === 0
      ? `Cannot ${what} "${word}": there are no workers`
      : `Cannot ${what} "${word}": no such worker (known: ${listed(workers)})`,
    near === undefined ? [] : [line(near)],
  );
}

/**
 * The worker config a word names: its name (ignoring case), else the one config whose model
 * contains the word (`sonnet` → the config running `claude-sonnet-4-5`).
 *
 * @param word a config name or model as typed
 * @param context the spawnable configs
 * @returns the config name, the several configs the model matches, or nothing
 */
export function findWorkerType(
  word: string,
  context: FastPathContext,
): { readonly name: string } | { readonly several: readonly string[] } | undefined {
  const lower = word.toLowerCase();
  const named = context.workerTypes.find((t) => t.name === word) ??
    context.workerTypes.find((t) => t.name.toLowerCase() === lower);
  if (named !== undefined) return { name: named.name };
  const byModel = context.workerTypes.filter((t) => t.model?.toLowerCase().includes(lower));
  if (byModel.length === 1 && byModel[0] !== undefined) return { name: byModel[0].name };
  return byModel.length > 1 ? { several: byModel.map((t) => t.name) } : undefined;
}

/**
 * Whether a word names a model: part of a model some config or worker runs, or a well-known
 * model family (`opus`, `gpt` …).
 *
 * @param word a lowercased word
 * @param context the configs and workers with their models
 * @returns whether costs can sensibly be filtered by it
 */
export function isModel(word: string, context: FastPathContext): boolean {
  if (!/^[a-z0-9][a-z0-9._:/-]*$/.test(word) || word.length < 2) return false;
  const models = [...context.workerTypes, ...context.workers].map((x) => x.model?.toLowerCase());
  return MODEL_FAMILIES.includes(word) || models.some((m) => m?.includes(word) === true);
}

/**
 * A workspace by name or path, ignoring case (a trailing `/` on the path too).
 *
 * @param word the name or path as typed
 * @param context the configured workspaces
 * @returns the workspace, or undefined
 */
export function findWorkspace(word: string, context: FastPathContext): Workspace | undefined {
  const lower = word.toLowerCase().replace(/(?<=.)\/+$/, "");
  return context.workspaces.find((w) => w.name.toLowerCase() === lower) ??
    context.workspaces.find((w) => w.path.toLowerCase().replace(/(?<=.)\/+$/, "") === lower);
}

/** A workspace named at the end of a line, or why the name there is none. */
export type Placed =
  & { readonly rest: Line }
  & ({ readonly workspace: Workspace } | { readonly failure: Failure });

/**
 * Reads a workspace at the end of a line: `in api`, `on workspace api`, `in the api workspace`.
 * A bead id there is no workspace (`spawn a worker on bd-12` is for someone else to read), nor
 * is `progress` (`tasks in progress`).
 *
 * @param line the whole line
 * @param options the context, and the action for a message
 * @returns the line before it with the workspace, or with a failure (suggesting the line with
 * the closest workspace) for a name that is none; undefined when the line does not end so
 */
export function workspaceAtEnd(
  line: Line,
  options: { readonly context: FastPathContext; readonly action: string },
): Placed | undefined {
  const { words } = line;
  for (let at = words.length - 2; at >= Math.max(0, words.length - 4); at--) {
    if (words[at] !== "in" && words[at] !== "on") continue;
    const tail = line.raw.slice(at + 1).filter((_, i) => {
      const w = words[at + 1 + i];
      return w !== "the" && w !== "workspace";
    });
    const [word] = tail;
    if (word === undefined || tail.length !== 1) continue;
    const rest = { words: words.slice(0, at), raw: line.raw.slice(0, at) };
    const workspace = findWorkspace(word, options.context);
    if (workspace !== undefined) return { rest, workspace };
    if (isBeadId(word, true) || word.toLowerCase() === "progress") return undefined;
    const suggest = (near: string) => [...rest.words, words[at], near].join(" ");
    return { rest, failure: unknownWorkspace(word, { ...options, suggest }) };
  }
  return undefined;
}

/**
 * Refuses a name that is no workspace, naming the known ones and the closest.
 *
 * @param word the name as typed
 * @param options the context, the action for a message and the line to suggest for a workspace
 * @returns the failure
 */
export function unknownWorkspace(
  word: string,
  options: {
    readonly context: FastPathContext;
    readonly action: string;
    readonly suggest: (workspace: string) => string;
  },
): Failure {
  const names = options.context.workspaces.map((w) => w.name);
  const near = suggestKey(word, names);
  return failure(
    `Cannot ${options.action} in workspace "${word}": no such workspace (known: ${listed(names)})`,
    near === undefined ? [] : [options.suggest(near)],
  );
}
