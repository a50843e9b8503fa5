/**
 * What a line typed after `:` means. Until the chat feature lands, the command line speaks the
 * CLI's own verbs (`spawn sim 2`, `kill sim-alpha`, `pause all`, `assign bd-12 sim-alpha`,
 * `ack 3`) and view names; anything else is answered with what to try and the closest known
 * words, so a typo costs one more line, never a wrong action.
 */
import type { ActionRequest } from "../domain/mod.ts";
import { suggestKey } from "../domain/mod.ts";
import { type ViewName, VIEWS } from "./model.ts";
import { COMMAND_WORDS, verbNamed, viewNamed } from "./_update_command_words.ts";

/** What a submitted line asks for. */
export type CommandOutcome =
  | { readonly kind: "action"; readonly action: ActionRequest }
  | { readonly kind: "view"; readonly view: ViewName }
  | { readonly kind: "help" }
  | { readonly kind: "quit" }
  /** Not done: why, and whole lines the user may have meant. */
  | { readonly kind: "error"; readonly message: string; readonly suggestions: readonly string[] };

/** What the parser checks names against. */
export interface CommandContext {
  /** Ids of the workers there are now. */
  readonly workers: readonly string[];
  /** Worker config names that can be spawned. */
  readonly workerTypes: readonly string[];
  /** What `spawn` starts when no config is named. */
  readonly defaultWorker: string | undefined;
}

/** Most workers one line may spawn. */
export const MAX_SPAWN = 20;

/** The command line's own help, one line each (shown in the transcript for `help`). */
export const COMMAND_HELP: readonly string[] = [
  "spawn [config] [1-20]      start workers, e.g. spawn sim 2",
  "kill|pause|resume <worker>|all",
  "assign <bead> [worker]     a new worker of that config (or like that worker); default: routing",
  "ack <alert id>|all         acknowledge alerts",
  `${VIEWS.filter((v) => v !== "chat").join(", ")}: open that view`,
  "help, quit; Esc leaves the command line",
];

/**
 * Reads one command line.
 *
 * @param text the line as typed (a leading `:` and trailing `?`, `!` or `.` are ignored)
 * @param context known workers, spawnable worker configs and the default one
 * @returns an action, a view to open, help, quit, or an error with suggested lines
 */
export function parseCommandLine(text: string, context: CommandContext): CommandOutcome {
  const words = text.trim().replace(/^:+/, "").replace(/(?<=[^\s?!.])[?!.]+$/, "").split(/\s+/)
    .filter((w) => w !== "");
  const [first, ...rest] = words;
  if (first === undefined) return notUnderstood(text, context);
  const view = viewNamed(words.map((w) => w.toLowerCase()));
  if (view !== undefined) return { kind: "view", view };
  const verb = verbNamed(first);
  switch (verb) {
    case "spawn":
      return parseSpawn(rest, context);
    case "kill":
    case "pause":
    case "resume":
      return parseTarget(verb, rest, context.workers);
    case "assign":
      return parseAssign(rest, [...context.workerTypes, ...context.workers]);
    case "ack":
      return parseAck(rest);
    case "help":
      return { kind: "help" };
    case "quit":
      if (rest.length === 0) return { kind: "quit" };
  }
  return notUnderstood(text, context);
}

function parseSpawn(args: readonly string[], context: CommandContext): CommandOutcome {
  const read = spawnWords(args);
  if ("kind" in read) return read;
  const { count, named } = read;
  const types = context.workerTypes;
  const wanted = named ?? context.defaultWorker;
  const suffix = count === undefined ? "" : ` ${count}`;
  if (wanted === undefined) {
    return error(
      `Cannot spawn: name a worker config (known: ${listed(types)})`,
      types.slice(0, 3).map((t) => `spawn ${t}${suffix}`),
    );
  }
  const worker = types.find((t) => t === wanted) ??
    types.find((t) => t.toLowerCase() === wanted.toLowerCase());
  if (worker === undefined) {
    const near = suggestKey(wanted, types);
    return error(
      `Cannot spawn "${wanted}": no worker config has that name (known: ${listed(types)})`,
      near === undefined ? [] : [`spawn ${near}${suffix}`],
    );
  }
  return { kind: "action", action: { kind: "spawn", worker, count: count ?? 1 } };
}

/** The count and the config name of a spawn, in either order (`workers` is filler). */
function spawnWords(
  args: readonly string[],
): { count: number | undefined; named: string | undefined } | CommandOutcome {
  let count: number | undefined;
  let named: string | undefined;
  for (const word of args) {
    if (/^(workers?|agents?)$/i.test(word)) continue;
    if (!/^[+-]?\d+(\.\d*)?$/.test(word)) {
      if (named !== undefined) {
        return error(`Cannot spawn "${args.join(" ")}": name one worker config, e.g. spawn sim 2`);
      }
      named = word;
      continue;
    }
    const n = Number(word);
    if (!Number.isInteger(n) || n < 1 || n > MAX_SPAWN) {
      return error(
        `Cannot spawn "${word}" workers: the count must be a whole number from 1 to ${MAX_SPAWN}`,
      );
    }
    if (count !== undefined) return error(`Cannot spawn "${args.join(" ")}": give one count`);
    count = n;
  }
  return { count, named };
}

function parseTarget(
  verb: "kill" | "pause" | "resume",
  args: readonly string[],
  workers: readonly string[],
): CommandOutcome {
  const words = args.filter((w) => !/^workers?$/i.test(w));
  const [word] = words;
  if (word === undefined || words.length > 1) {
    return error(
      `Cannot ${verb}${
        words.length > 1 ? ` "${words.join(" ")}"` : ""
      }: name one worker or "all" (known: ${listed(workers)})`,
      [...workers.slice(0, 2), "all"].map((w) => `${verb} ${w}`),
    );
  }
  if (word.toLowerCase() === "all") {
    return { kind: "action", action: { kind: verb, target: "all" } };
  }
  const found = findWorker(word, workers);
  if (found === undefined) {
    return unknownWorker(verb, word, {
      workers,
      line: (w) => `${verb} ${w}`,
    });
  }
  return { kind: "action", action: { kind: verb, target: found } };
}

/**
 * `assign <bead> [to] [who]`: who is a worker config (a new worker of it starts on the bead), a
 * running worker (a new worker on its model: a worker takes its one bead when it starts), or
 * `auto` (routing chooses, the default).
 */
function parseAssign(args: readonly string[], workers: readonly string[]): CommandOutcome {
  const words = args.filter((w) => w.toLowerCase() !== "to");
  const [bead, worker = "auto"] = words;
  if (bead === undefined || words.length > 2) {
    return error(
      `Cannot assign${args.length > 0 ? ` "${args.join(" ")}"` : ""}: ` +
        `name a bead and optionally a worker, e.g. assign bd-12 ${workers[0] ?? "sim"}`,
    );
  }
  if (worker.toLowerCase() === "auto") {
    return { kind: "action", action: { kind: "assign", bead, worker: "auto" } };
  }
  const found = findWorker(worker, workers);
  if (found === undefined) {
    return unknownWorker(`assign ${bead} to`, worker, {
      workers,
      line: (w) => `assign ${bead} ${w}`,
    });
  }
  return { kind: "action", action: { kind: "assign", bead, worker: found } };
}

function parseAck(args: readonly string[]): CommandOutcome {
  const [word] = args;
  if (word !== undefined && args.length === 1) {
    if (word.toLowerCase() === "all") {
      return { kind: "action", action: { kind: "ack", alert: "all" } };
    }
    const id = Number(word.replace(/^#/, ""));
    if (/^#?\d+$/.test(word) && id >= 1) {
      return { kind: "action", action: { kind: "ack", alert: id } };
    }
  }
  return error(
    `Cannot acknowledge${args.length > 0 ? ` "${args.join(" ")}"` : ""}: ` +
      `name one alert id (the alerts view shows them) or "all"`,
    ["ack all"],
  );
}

/** A worker id as known: exact, else the one id that matches ignoring case. */
function findWorker(word: string, workers: readonly string[]): string | undefined {
  if (workers.includes(word)) return word;
  const folded = workers.filter((w) => w.toLowerCase() === word.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

function unknownWorker(
  what: string,
  word: string,
  options: { readonly workers: readonly string[]; readonly line: (worker: string) => string },
): CommandOutcome {
  const { workers, line } = options;
  const near = suggestKey(word, workers);
  return error(
    workers.length === 0
      ? `Cannot ${what} "${word}": there are no workers`
      : `Cannot ${what} "${word}": no such worker (known: ${listed(workers)})`,
    near === undefined ? [] : [line(near)],
  );
}

function notUnderstood(text: string, context: CommandContext): CommandOutcome {
  const message = `not understood: "${text.trim()}" — try: spawn ${
    context.defaultWorker ?? "sim"
  } 2, kill <worker>, pause all, tasks, help`;
  const [first, ...rest] = text.trim().replace(/^:+/, "").split(/\s+/);
  if (first === undefined || first.length < 3) return error(message);
  const near = suggestKey(first.toLowerCase(), COMMAND_WORDS);
  if (near === undefined || near === first.toLowerCase()) return error(message);
  const corrected = [near, ...rest].join(" ");
  const again = parseCommandLine(corrected, context);
  return error(
    message,
    again.kind === "error" && again.suggestions.length > 0 ? again.suggestions : [corrected],
  );
}

function listed(names: readonly string[]): string {
  if (names.length === 0) return "none";
  const shown = names.slice(0, 8).join(", ");
  return names.length > 8 ? `${shown}, … ${names.length} in all` : shown;
}

function error(message: string, suggestions: readonly string[] = []): CommandOutcome {
  return { kind: "error", message, suggestions };
}
